#pragma once
// The references manifest (docs/manifest.md): what `twostep refs` writes for a release, and what
// `twostep check --deployed-refs` reads instead of the deployed version's git tree — for
// pipelines whose builds have no git history.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/migrations/deployed_migrations.hpp"
#include "analyzer/refs/deployed_app.hpp"
#include "twostep/references.hpp"
#include "twostep/schema.hpp"

namespace twostep::refs {

struct Manifest {
  std::string ref;                // as named when written
  std::string commit;             // full id
  std::string migrations_folder;  // repository-relative
  std::string layout;             // the migrations folder's layout
  // Every file of the migrations folder (what the layout reads: scripts, plans, configs).
  struct File {
    std::string path;  // relative to the migrations folder
    std::string hash;  // git blob id of the content
    std::string content;
  };
  std::vector<File> files;
  // The migrations the layout makes of them, in order: for people and tools.
  struct Migration {
    std::string id;
    std::string file;  // repository-relative
    std::string version;
  };
  std::vector<Migration> migrations;
  // The textual answers for every relation and column of the deployed schema (only the
  // evidence from files without exact evidence for the object: the exact references are below).
  struct Answer {
    QualifiedName relation;
    std::optional<std::string> column;
    std::vector<Evidence> textual;
  };
  std::vector<Answer> answers;
  std::vector<std::pair<std::string, std::vector<Evidence>>> literals;  // enum values
  std::vector<std::pair<std::string, std::vector<Evidence>>> words;     // type names
  std::vector<Reference> references;                                    // every exact reference
  std::vector<ProviderFailure> failures;
  std::size_t source_files = 0;
};

// Asks `app` (bound to `deployed`) about every relation, column, enum value and type name of the
// deployed schema.
Manifest build_manifest(const DeployedApp& app, const Schema& deployed);

void write_manifest(std::ostream& out, const Manifest& manifest);
// Throws IoError naming the file when it cannot be read or is not a twostep manifest.
Manifest read_manifest(const std::filesystem::path& file);

// The manifest as references: it answers for the objects it lists, and no other.
std::unique_ptr<References> manifest_references(const Manifest& manifest);

// The manifest's migrations, as the deployed version's.
migrations::DeployedMigrations manifest_migrations(const Manifest& manifest);

}  // namespace twostep::refs
