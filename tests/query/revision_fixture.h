// Small article histories for the revision commands' end-to-end tests:
// captures written as JSON Lines into a scratch directory, indexed by the
// built newsindex, queried with the built newsquery.
#pragma once

#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace newsindex::testing {

// One capture as newsindex reads it.
inline nlohmann::json capture(const std::string& url, const std::string& timestamp,
                              const std::string& title, const std::string& text,
                              const std::string& source = "example") {
    return {{"source", source}, {"url", url},    {"timestamp", timestamp},
            {"title", title},   {"summary", ""}, {"text", text}};
}

// Every line of `out` parsed as JSON.
inline std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}

// A timeline article's events, one string each: "appeared 1 first",
// "appeared 3", "vanished 2".
inline std::vector<std::string> event_list(const nlohmann::json& article) {
    std::vector<std::string> events;
    for (const auto& e : article.at("events")) {
        std::string s =
            e.at("type").get<std::string>() + " " + std::to_string(e.at("revision").get<int>());
        if (e.value("from_first_capture", false)) s += " first";
        events.push_back(s);
    }
    return events;
}

// A database of the sample corpus (shared_data_dir()/sample.jsonl.gz) in
// `dir`, for tests that check answers against its records.
class IndexedSample {
  public:
    IndexedSample() {
        if (!std::filesystem::exists(path())) return;
        CommandResult r = run_newsindex({"--db", db(), "--quiet", path().string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        indexed_ = r.exit_code == 0;
    }
    static std::filesystem::path path() { return shared_data_dir() / "sample.jsonl.gz"; }
    bool indexed() const { return indexed_; }
    std::string db() const { return (dir_ / "db").string(); }

  private:
    ScratchDir dir_;
    bool indexed_ = false;
};

class RevisionHistory : public ::testing::Test {
  protected:
    std::string db() const { return (dir_ / "db").string(); }

    // Indexes `captures` (one newsindex run) into the database.
    void ingest(const std::vector<nlohmann::json>& captures) {
        std::string text;
        for (const auto& c : captures) text += c.dump() + "\n";
        auto file = dir_ / ("run" + std::to_string(++runs_) + ".jsonl");
        write_file(file, text);
        CommandResult r = run_newsindex({"--db", db(), "--quiet", file.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    // newsquery COMMAND ARGS... --db DB
    CommandResult query(std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db());
        return run_newsquery(args);
    }

    // The timeline's JSON lines for `query_args`.
    std::vector<nlohmann::json> timeline(std::vector<std::string> query_args) {
        query_args.insert(query_args.begin(), "timeline");
        query_args.push_back("--format=json");
        CommandResult r = query(query_args);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        return json_lines(r.out);
    }

  private:
    ScratchDir dir_;
    int runs_ = 0;
};

}  // namespace newsindex::testing
