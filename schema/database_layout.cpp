#include "schema/database_layout.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace newsindex::schema {

std::optional<unsigned> shard_number(std::string_view name, std::string_view prefix) {
    constexpr std::size_t kDigits = 6;
    if (!name.starts_with(prefix) || name.size() != prefix.size() + kDigits) return std::nullopt;
    unsigned number = 0;
    for (char c : name.substr(prefix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<unsigned>(c - '0');
    }
    return number;
}

std::string generation_name(unsigned number) {
    return fmt::format("{}{:06d}", kGenerationPrefix, number);
}

std::string recent_name(unsigned number) { return fmt::format("{}{:06d}", kRecentPrefix, number); }

std::optional<std::vector<std::string>> read_shard_list(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return parse_shard_list(text.str());
}

std::optional<std::vector<std::string>> parse_shard_list(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> shards;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        std::istringstream fields(line);
        std::string backend, name, rest;
        if (!(fields >> backend >> name) || fields >> rest || backend != "glass") {
            return std::nullopt;
        }
        shards.push_back(name);
    }
    if (shards.empty() || shards.size() > 2) return std::nullopt;
    std::optional<unsigned> generation = shard_number(shards[0], kGenerationPrefix);
    if (!generation) return std::nullopt;
    if (shards.size() == 2 && shards[1] != recent_name(*generation)) return std::nullopt;
    return shards;
}

std::string shard_list_text(const std::vector<std::string>& shards) {
    std::string text;
    for (const std::string& shard : shards) text += fmt::format("glass {}\n", shard);
    return text;
}

}  // namespace newsindex::schema
