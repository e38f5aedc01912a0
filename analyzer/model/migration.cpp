#include "twostep/migration.hpp"

#include <algorithm>

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

namespace {

// The offset of the file that `offset` of the text stands for; `end`: the offset closes a span (a
// piece's end rather than its beginning).
std::size_t original_offset(const std::vector<SourceSegment>& map, std::size_t offset, bool end) {
  // The last piece that starts at or before the offset (for an end, before it).
  auto after = std::upper_bound(map.begin(), map.end(), offset,
                                [end](std::size_t at, const SourceSegment& segment) {
                                  return end ? at <= segment.text.begin : at < segment.text.begin;
                                });
  if (after == map.begin()) return map.front().original.begin;
  const SourceSegment& segment = *std::prev(after);
  if (offset >= segment.text.end && !(end && offset == segment.text.end)) {
    // Between pieces (a line break of the translation): the end of the piece before.
    return segment.original.end;
  }
  if (segment.exact) {
    std::size_t moved = segment.original.begin + (offset - segment.text.begin);
    return std::min(moved, segment.original.end);
  }
  return end ? segment.original.end : segment.original.begin;
}

}  // namespace

Span original_span(const Migration& migration, Span span) {
  if (migration.source_map.empty()) return span;
  Span out{original_offset(migration.source_map, span.begin, false),
           original_offset(migration.source_map, std::max(span.begin, span.end), true)};
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

}  // namespace twostep
