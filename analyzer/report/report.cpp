#include "analyzer/report/report.hpp"

#include <algorithm>

namespace twostep::report {

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = {"text",   "json",   "sarif",   "junit",
                                                 "github", "gitlab", "markdown"};
  return names;
}

Format format_named(const std::string& name) {
  static const Format formats[] = {Format::Text,   Format::Json,   Format::Sarif,   Format::Junit,
                                   Format::Github, Format::Gitlab, Format::Markdown};
  const std::vector<std::string>& names = format_names();
  auto found = std::find(names.begin(), names.end(), name);
  return found == names.end() ? Format::Text : formats[found - names.begin()];
}

void write_report(Format format, std::ostream& out, const check::CheckOutput& output,
                  const check::RunInfo& info, bool color) {
  switch (format) {
    case Format::Text:
      return write_text(out, output, info, color);
    case Format::Json:
      return write_json(out, output, info);
    case Format::Sarif:
      return write_sarif(out, output, info);
    case Format::Junit:
      return write_junit(out, output, info);
    case Format::Github:
      return write_github(out, output, info);
    case Format::Gitlab:
      return write_gitlab(out, output, info);
    case Format::Markdown:
      return write_markdown(out, output, info);
  }
}

}  // namespace twostep::report
