// Shared fixtures for the tests: scratch directories, running the built
// commands, reading gzip'd JSON Lines.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace newsindex::testing {

// A fresh directory under the system temp dir, removed when it goes out of
// scope.
class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `argv` (argv[0] is the program path) with stdin from `input` (or
// /dev/null), captures stdout and stderr, and waits. `env` entries are
// "NAME=value" added to the environment.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::vector<std::string>& env = {});

// Convenience wrappers for the built commands.
CommandResult run_newsindex(const std::vector<std::string>& args, const std::string& input = "");
CommandResult run_newsquery(const std::vector<std::string>& args);

// Every line of a (possibly gzip'd) JSON Lines file, parsed.
std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path);

// Writes `text` to `path` (creating parent directories).
void write_file(const std::filesystem::path& path, const std::string& text);

// The real-data directory beside the project, if present.
std::filesystem::path shared_data_dir();

}  // namespace newsindex::testing
