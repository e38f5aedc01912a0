#include "twostep/migration.hpp"

namespace twostep {

bool migration_before(const MigrationFile& a, const MigrationFile& b) {
  if (a.repeatable != b.repeatable) return b.repeatable;
  if (a.order == VersionOrder::Name && b.order == VersionOrder::Name) return a.id < b.id;
  if (a.order == VersionOrder::VersionText && b.order == VersionOrder::VersionText) {
    if (a.version_text != b.version_text) return a.version_text < b.version_text;
  } else if (a.version != b.version) {
    return a.version < b.version;
  }
  return a.id < b.id;
}

}  // namespace twostep
