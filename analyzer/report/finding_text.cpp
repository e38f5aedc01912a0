#include "analyzer/report/finding_text.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "analyzer/report/report.hpp"

namespace twostep::report {

EvidenceWords evidence_words(const Evidence& evidence) {
  EvidenceWords words;
  words.location = fmt::format("{}:{}", evidence.file, evidence.line);
  words.commit = evidence.commit.substr(0, 7);
  words.how = to_string(evidence.strength);
  if (evidence.access != Access::Unknown)
    words.how += fmt::format(", {}", to_string(evidence.access));
  if (evidence.calls) words.how += fmt::format(", {} calls", *evidence.calls);
  words.text = evidence.text;
  return words;
}

std::string evidence_text(const Evidence& evidence) {
  EvidenceWords words = evidence_words(evidence);
  std::string version =
      words.commit.empty() ? "" : fmt::format(" in the deployed version `{}`", words.commit);
  return fmt::format("`{}`{} ({}): {}", words.location, version, words.how, words.text);
}

std::string plain_text(const Diagnostic& diagnostic) {
  std::string out = diagnostic.message;
  for (const Evidence& item : diagnostic.evidence) out += "\nevidence: " + evidence_text(item);
  if (diagnostic.more_evidence > 0) {
    out += fmt::format("\nevidence: and {} more", diagnostic.more_evidence);
  }
  for (const Related& related : diagnostic.related) {
    out += fmt::format("\nnote: {}:{}: {}", related.file, related.line, related.message);
  }
  if (!diagnostic.help.empty()) out += "\nhelp: " + diagnostic.help;
  return out;
}

std::string summary_text(const check::Summary& summary) {
  return fmt::format("{}, {} ({} suppressed) in {} ({})", plural(summary.errors, "error"),
                     plural(summary.warnings, "warning"), summary.suppressed,
                     plural(summary.files, "pending file"),
                     plural(summary.statements, "statement"));
}

bool fails(Severity severity, Severity fail_on) {
  return severity == Severity::Error || fail_on == Severity::Warning;
}

bool run_fails(const check::Summary& summary, Severity fail_on) {
  return summary.errors > 0 || (fail_on == Severity::Warning && summary.warnings > 0);
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80           ? 1
                         : (byte >> 5) == 0x6  ? 2
                         : (byte >> 4) == 0xE  ? 3
                         : (byte >> 3) == 0x1E ? 4
                                               : 0;
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok && length > 1) {
      // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
      std::uint32_t code = byte & (0xFF >> (length + 1));
      for (std::size_t k = 1; k < length; ++k) {
        code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      }
      static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = code >= kMinimum[length] && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::vector<Note> run_notes(const check::CheckOutput& output) {
  std::vector<Note> notes;
  notes.reserve(output.history_gaps.size() + output.notes.size());
  for (const check::HistoryGap& gap : output.history_gaps) {
    notes.push_back(
        Note{gap.file, {}, gap.position, "an applied statement does not parse: " + gap.message});
  }
  notes.insert(notes.end(), output.notes.begin(), output.notes.end());
  return notes;
}

namespace {

std::string digest(std::string_view text) {
  auto fnv = [&](std::uint64_t hash) {
    for (char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    return hash;
  };
  return fmt::format("{:016x}{:016x}", fnv(0xcbf29ce484222325ULL), fnv(0x84222325cbf29ce4ULL));
}

}  // namespace

std::string Fingerprints::of(const Diagnostic& diagnostic) {
  std::string identity = diagnostic.rule + '\n' + diagnostic.file + '\n' + diagnostic.message;
  std::size_t occurrence = seen_[identity]++;
  return digest(identity + '\n' + std::to_string(occurrence));
}

}  // namespace twostep::report
