#include "analyzer/refs/deployed_tree.hpp"

namespace twostep::refs {
namespace {

// Generated bundles and data dumps are not the app's own code, and would dominate the scan.
constexpr std::size_t kLargestSourceFile = 4 * 1024 * 1024;

bool looks_binary(const std::string& content) {
  return content.find('\0', 0) < std::min<std::size_t>(content.size(), 8000);
}

}  // namespace

std::unique_ptr<TextualReferences> scan_deployed_tree(const pending::Repository& repository,
                                                      const pending::Commit& commit,
                                                      const SourceFilter& filter) {
  auto references = std::make_unique<TextualReferences>(commit.id);
  for (const pending::TreeFile& file : repository.files(commit)) {
    SourceKind kind = classify(file.path, filter);
    if (kind == SourceKind::NotSource) continue;
    std::string content = repository.read(file);
    if (content.size() > kLargestSourceFile || looks_binary(content)) continue;
    references->add_file(file.path, std::move(content), kind);
  }
  return references;
}

}  // namespace twostep::refs
