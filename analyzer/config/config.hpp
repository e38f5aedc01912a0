#pragma once
// twostep.toml: found in the current folder or a parent up to the git root, or given with
// --config. docs/config.md is the one documented schema.
#include <filesystem>
#include <optional>

#include "twostep/config.hpp"

namespace twostep::config {

// The nearest twostep.toml from `start` upwards, stopping at `stop` (the git root) when given.
std::optional<std::filesystem::path> find(const std::filesystem::path& start,
                                          const std::optional<std::filesystem::path>& stop);

// Reads and validates a config file; throws ConfigError naming the file, line and key.
Config load(const std::filesystem::path& file);

}  // namespace twostep::config
