// One JSON Lines record of newsquery output.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace newsindex::query {

// `object` as one line ending in "\n". Invalid UTF-8 in captured text is
// replaced by U+FFFD, never fatal: one bad record must not end the output.
// Every control character (C0, DEL, C1) is escaped ("\u001b", "\u009b"),
// so a line written to a terminal cannot drive it.
std::string json_line(const nlohmann::json& object);
// json_line of an object whose keys keep the order they were added in.
std::string ordered_json_line(const nlohmann::ordered_json& object);

}  // namespace newsindex::query
