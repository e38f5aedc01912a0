#pragma once
#include <memory>

#include "analyzer/pending/git.hpp"
#include "analyzer/refs/source_filter.hpp"
#include "analyzer/refs/textual.hpp"

namespace twostep::refs {

// Reads the deployed app's source files from the commit's git objects (only the files the filter
// keeps are read) into a textual index.
std::unique_ptr<TextualReferences> scan_deployed_tree(const pending::Repository& repository,
                                                      const pending::Commit& commit,
                                                      const SourceFilter& filter);

}  // namespace twostep::refs
