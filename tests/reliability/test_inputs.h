// Inputs for the reliability tests: synthetic captures from newsgen (never
// real texts in the repository), the real sample where it is present, and
// ways to cut a file into overlapping pieces.
#pragma once

#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::testing {

// `newsgen --seed SEED --versions N` written to `path`.
inline std::filesystem::path generated_captures(const std::filesystem::path& path, int seed, int versions) {
    CommandResult gen = run_command({NEWSGEN_BIN, "--seed", std::to_string(seed), "--versions",
                                     std::to_string(versions), "--output", path.string()});
    if (gen.exit_code != 0) throw std::runtime_error("newsgen failed: " + gen.err);
    return path;
}

// ../shared/data/sample.jsonl.gz, when the real data is beside the project.
inline std::optional<std::filesystem::path> real_sample() {
    std::filesystem::path sample = shared_data_dir() / "sample.jsonl.gz";
    if (std::filesystem::exists(sample)) return sample;
    return std::nullopt;
}

// Lines [first, last) of a plain JSON Lines file, written to `path`.
inline std::filesystem::path line_range(const std::filesystem::path& from, std::size_t first,
                                        std::size_t last, const std::filesystem::path& path) {
    std::ifstream in(from);
    std::ofstream out(path);
    std::size_t number = 0;
    for (std::string line; std::getline(in, line) && number < last; ++number)
        if (number >= first) out << line << '\n';
    return path;
}

// An environment variable as a number, or `fallback`.
inline long env_number(const char* name, long fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::strtol(value, nullptr, 10) : fallback;
}

// Seconds since `start`.
inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// newsindex's arguments: --db DB --quiet EXTRA... INPUTS...
inline std::vector<std::string> newsindex_argv(const std::filesystem::path& db,
                                               const std::vector<std::string>& extra,
                                               const std::vector<std::filesystem::path>& inputs) {
    std::vector<std::string> argv{NEWSINDEX_BIN, "--db", db.string(), "--quiet"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    for (const auto& input : inputs) argv.push_back(input.string());
    return argv;
}

}  // namespace newsindex::testing
