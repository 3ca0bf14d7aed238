// The databases, layouts and readers the storage step tests share
// (storage_steps_test.cpp, storage_recovery_test.cpp): generated inputs,
// the starting databases and the references built by uninterrupted runs
// (once per test process), what a database directory holds in
// doc/storage.md's terms, and what a finished run must not leave.
//
// Only the commands and the files on disk are used, so the tests hold
// whatever the code behind them looks like.
#pragma once

#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/paused_run.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace newsindex::testing {

namespace fs = std::filesystem;

// 1,200 generated versions: the starting database is made of `base` (and
// `recent`, added in place after a bulk load of `base`); the run under
// test adds `run`; `later` is a second writer's input.
struct Inputs {
    ScratchDir dir;
    fs::path all, base, recent, run, run_new_articles, later;

    Inputs() {
        all = generated_captures(dir / "generated.jsonl", 33, 1200);
        base = line_range(all, 0, 300, dir / "base.jsonl");
        recent = line_range(all, 300, 400, dir / "recent.jsonl");
        run = line_range(all, 400, 1000, dir / "run.jsonl");
        later = line_range(all, 1000, 1200, dir / "later.jsonl");
        // The run's captures of articles the base does not have: a batch of
        // them changes nothing in the generation built from the base.
        std::set<std::string> in_base;
        for (const nlohmann::json& record : read_jsonl(base))
            in_base.insert(record.at("article_id").get<std::string>());
        std::ifstream in(run);
        std::ofstream out(run_new_articles = dir / "run-new-articles.jsonl");
        for (std::string line; std::getline(in, line);)
            if (!in_base.contains(nlohmann::json::parse(line).at("article_id").get<std::string>()))
                out << line << '\n';
    }
};

inline const Inputs& inputs() {
    static const Inputs shared;
    return shared;
}

// The database the run starts from.
enum class Start {
    kPlain,                // base, in place
    kGeneration,           // base, bulk loaded: gen-000001
    kGenerationAndRecent,  // then recent in place: gen-000001 + recent-000001
};

// The run under test: what it writes, and how.
enum class Writes {
    kInPlace,             // run, in place, batches of 200
    kInPlaceNewArticles,  // run_new_articles, in place, batches of 200
    kBulk,                // run, --bulk always
};

inline constexpr std::size_t kBatch = 200;

inline std::vector<std::string> run_flags(Writes run) {
    if (run == Writes::kBulk) return {"--bulk", "always"};
    return {"--bulk", "never", "--batch-size", std::to_string(kBatch)};
}

inline fs::path run_input(Writes run) {
    return run == Writes::kInPlaceNewArticles ? inputs().run_new_articles : inputs().run;
}

inline void must_run(const std::vector<std::string>& argv) {
    CommandResult result = run_command(argv);
    if (result.exit_code != 0)
        throw std::runtime_error("building a database failed (" + std::to_string(result.exit_code) +
                                 "): " + result.err);
}

inline void build_start(Start start, const fs::path& db) {
    if (start == Start::kPlain) {
        must_run(newsindex_argv(db, {}, {inputs().base}));
        return;
    }
    must_run(newsindex_argv(db, {"--bulk", "always"}, {inputs().base}));
    if (start == Start::kGenerationAndRecent)
        must_run(newsindex_argv(db, {"--bulk", "never"}, {inputs().recent}));
}

// Databases built by uninterrupted runs, once per test process.
inline const fs::path& built(const std::string& name,
                             const std::function<void(const fs::path&)>& build) {
    static ScratchDir dir;
    static std::map<std::string, fs::path> done;
    auto [it, added] = done.emplace(name, dir / name);
    if (added) build(it->second);
    return it->second;
}

inline const fs::path& start_database(Start start) {
    return built("start-" + std::to_string(static_cast<int>(start)),
                 [start](const fs::path& db) { build_start(start, db); });
}

// The start, then `run` uninterrupted: all of its input, or only its
// first batch.
inline const fs::path& reference(Start start, Writes run, bool first_batch_only) {
    std::string name = "reference-" + std::to_string(static_cast<int>(start)) + "-" +
                       std::to_string(static_cast<int>(run)) + (first_batch_only ? "-first" : "");
    return built(name, [=](const fs::path& db) {
        fs::copy(start_database(start), db, fs::copy_options::recursive);
        fs::path input = run_input(run);
        if (first_batch_only)
            input = line_range(input, 0, kBatch, db.parent_path() / (db.filename().string() + ".jsonl"));
        must_run(newsindex_argv(db, run_flags(run), {input}));
    });
}

// Queries whose answers tell the states apart: every version with "the"
// (every generated article has it), and the latest of each article.
inline std::vector<std::vector<std::string>> reader_flags() {
    return {{}, {"--latest"}};
}

inline void expect_reader_sees(const fs::path& db, const fs::path& expected,
                               const std::string& moment) {
    for (const std::vector<std::string>& flags : reader_flags()) {
        auto [code, rows] = search_lines(db, "the", flags);
        auto [expected_code, expected_rows] = search_lines(expected, "the", flags);
        EXPECT_EQ(code, 0) << moment;
        EXPECT_EQ(expected_code, 0) << moment;
        EXPECT_EQ(rows.size(), expected_rows.size()) << moment << ": rows of search the";
        EXPECT_TRUE(rows == expected_rows) << moment << ": a reader's rows differ from " << expected.filename();
    }
}

// Shard names in a shard list's text ("glass gen-000001" lines), joined by
// '+'; "none" for none.
inline std::string shard_names(std::istream& list) {
    std::string names;
    for (std::string line; std::getline(list, line);) {
        if (line.empty()) continue;
        std::string name = line.substr(line.find(' ') + 1);
        names += (names.empty() ? "" : "+") + name;
    }
    return names.empty() ? "none" : names;
}

// What the database directory holds, in doc/storage.md's terms: "iamglass"
// when PATH is a plain database, "list:" the shards XAPIANDB names,
// "copy:" those the marker NEWSINDEX names, then the shard directories
// present, staging/ and any *.tmp file, by name.
inline std::string layout(const fs::path& db) {
    std::vector<std::string> parts;
    if (fs::exists(db / "iamglass")) parts.push_back("iamglass");
    if (std::ifstream list(db / "XAPIANDB"); list) parts.push_back("list:" + shard_names(list));
    if (std::ifstream marker(db / "NEWSINDEX"); marker) {
        std::string heading;
        std::getline(marker, heading);
        parts.push_back("copy:" + shard_names(marker));
    }
    std::vector<std::string> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("gen-") || name.starts_with("recent-") || name == "staging" ||
            name.ends_with(".tmp"))
            entries.push_back(name);
    }
    std::sort(entries.begin(), entries.end());
    parts.insert(parts.end(), entries.begin(), entries.end());
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : " ") + part;
    return text;
}

// What a completed run must not leave (doc/storage.md 3.6): staging/, a
// temporary file, a shard the list does not name, a marker whose copy is
// not the list, and, once the database is a generation, the plain
// database's version file and tables.
inline std::vector<std::string> leftovers(const fs::path& db) {
    std::vector<std::string> left;
    std::string list, copy;
    if (std::ifstream in(db / "XAPIANDB"); in) list = shard_names(in);
    if (std::ifstream marker(db / "NEWSINDEX"); marker) {
        std::string heading;
        std::getline(marker, heading);
        copy = shard_names(marker);
    }
    if (copy != (list.empty() ? "none" : list)) left.push_back("marker copy " + copy + " != list " + list);
    std::set<std::string> listed;
    std::istringstream names(list);
    for (std::string name; std::getline(names, name, '+');) listed.insert(name);
    for (const fs::directory_entry& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        bool shard = name.starts_with("gen-") || name.starts_with("recent-");
        bool plain_file = name == "iamglass" || name.ends_with(".glass");
        if (name == "staging" || name.ends_with(".tmp") || (shard && !listed.contains(name)) ||
            (!list.empty() && plain_file))
            left.push_back(name);
    }
    std::sort(left.begin(), left.end());
    return left;
}

// layout() of the generation and its recent shard, as Start::kGenerationAndRecent
// builds them, while a run holds staging/.
inline constexpr const char* kGenAndRecentListed =
    "list:gen-000001+recent-000001 copy:gen-000001+recent-000001 gen-000001 recent-000001 staging";

// Starts the run with `argv` paused at `pause_at` and kills it there.
inline void kill_at(const std::vector<std::string>& argv, const std::string& pause_at,
                    const fs::path& dir, const std::string& name) {
    std::unique_ptr<ChildProcess> run = start_paused(argv, pause_at, dir, name);
    ASSERT_TRUE(run->running()) << "not paused at " << pause_at;
    run->kill(SIGKILL);
    EXPECT_EQ(run->wait(), 128 + SIGKILL) << run->err();
}

}  // namespace newsindex::testing
