// `twostep refs`: every reference of an app version to its schema, as a manifest
// (docs/manifest.md) that `twostep check --deployed-refs` reads when a pipeline has no git history.
#include <fmt/format.h>

#include <fstream>

#include "analyzer/check/release_manifest.hpp"
#include "analyzer/cli/cli.hpp"
#include "analyzer/report/report.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {

int refs_command(const RefsOptions& refs_options, std::ostream& out, std::ostream& err) {
  check::ReleaseManifest release = check::release_manifest(refs_options.request);
  const refs::Manifest& built = release.manifest;
  const git::Commit& commit = release.commit;
  std::size_t exact = built.references.size();
  if (refs_options.output) {
    const std::filesystem::path& output = *refs_options.output;
    std::ofstream file(output, std::ios::binary);
    if (!file) throw IoError(fmt::format("{}: cannot write", output.generic_string()));
    refs::write_manifest(file, built);
    if (!file) throw IoError(fmt::format("{}: cannot write", output.generic_string()));
    err << fmt::format(
        "twostep refs: {} ({}): {} of app source, {}, {} to textual, {}; wrote {}\n", commit.ref,
        commit.short_id(), report::plural(built.source_files, "file"),
        report::plural(exact, "exact reference"), report::plural(built.failures.size(), "fallback"),
        report::plural(built.migrations.size(), "migration"), output.generic_string());
  } else {
    refs::write_manifest(out, built);
  }
  return 0;
}

}  // namespace twostep::cli
