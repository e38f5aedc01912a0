#pragma once
// The deployed version's migrations folder, from its git tree or from a references manifest: what
// the pending split compares the working tree with.
#include <map>
#include <string>

namespace twostep::migrations {

struct DeployedMigrations {
  std::string ref;                           // as named, for messages
  std::string short_id;                      // the commit's short id
  std::map<std::string, std::string> files;  // path in the folder → content
  // Files beside the folder that a layout reads as a baseline schema (Rails' db/schema.rb): name
  // in the folder's parent → content.
  std::map<std::string, std::string> beside;
};

}  // namespace twostep::migrations
