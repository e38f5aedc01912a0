#pragma once
// Squawk's rule ids (squawk 2.x), so that twostep can tell a squawk id from a typo: in
// `squawk-ignore` comments (honoured for the rules twostep shares) and in did-you-mean hints.
#include <string_view>

namespace twostep::rules {

bool is_squawk_id(std::string_view id);

}  // namespace twostep::rules
