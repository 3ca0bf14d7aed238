// One JSON Lines record of newsquery output.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace newsindex::query {

// `object` as one line ending in "\n". Invalid UTF-8 in captured text is
// replaced by U+FFFD, never fatal: one bad record must not end the output.
std::string json_line(const nlohmann::json& object);

}  // namespace newsindex::query
