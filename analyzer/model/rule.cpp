#include "twostep/rule.hpp"

namespace twostep {

DiagnosticBuilder& DiagnosticBuilder::help(std::string text) {
  if (diagnostic_ != nullptr) diagnostic_->help = std::move(text);
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::evidence(const std::vector<Evidence>& items) {
  if (diagnostic_ == nullptr) return *this;
  for (const Evidence& item : items) {
    if (diagnostic_->evidence.size() < kMaxEvidence) {
      diagnostic_->evidence.push_back(item);
    } else {
      ++diagnostic_->more_evidence;
    }
  }
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::related(std::string file, Span span, std::string message) {
  if (diagnostic_ != nullptr) {
    diagnostic_->related.push_back(Related{std::move(file), span, 0, std::move(message)});
  }
  return *this;
}

}  // namespace twostep
