// Hostile input against a database that already holds ordinary content:
// each hostile file is either indexed correctly (the tests prove it by
// querying) or rejected with one line naming FILE:LINE and the reason; in
// every case the database still opens afterwards and what was there before
// is there unchanged.
#pragma once

#include "tests/reliability/database_contents.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace newsindex::testing {

class HostileInput : public ::testing::Test {
  protected:
    // The ordinary content, indexed once for the whole suite and copied
    // into each test's own database.
    static void SetUpTestSuite() {
        base_dir_ = std::make_unique<ScratchDir>();
        std::filesystem::path generated = generated_captures(*base_dir_ / "base.jsonl", 8, 200);
        CommandResult base = run_command(newsindex_argv(*base_dir_ / "db", {}, {generated}));
        ASSERT_EQ(base.exit_code, 0) << base.err;
        base_versions_ = stored_versions(*base_dir_ / "db");
    }
    static void TearDownTestSuite() { base_dir_.reset(); }

    void SetUp() override {
        std::filesystem::copy(*base_dir_ / "db", db(), std::filesystem::copy_options::recursive);
    }

    // After every test: the database opens, keeps its rules, and every
    // version that was there before is there unchanged (the hostile records
    // are other articles).
    void TearDown() override {
        std::vector<StoredVersion> now = stored_versions(db());
        EXPECT_EQ(revision_violation(now), "");
        EXPECT_TRUE(std::includes(now.begin(), now.end(), base_versions_.begin(), base_versions_.end()))
            << "earlier content changed or lost";
    }

    std::filesystem::path db() const { return dir_ / "db"; }
    static std::filesystem::path hostile_file(const std::string& name) {
        return std::filesystem::path(TESTDATA_DIR) / "hostile" / name;
    }

    // newsindex --quiet on `input`: stderr holds only the rejections.
    CommandResult ingest(const std::filesystem::path& input, const std::vector<std::string>& extra = {}) {
        return run_command(newsindex_argv(db(), extra, {input}));
    }

    // The rows of `newsquery search --all-versions --format json --limit 0`,
    // parsed; empty when nothing matches (exit 1).
    std::vector<nlohmann::json> search(const std::string& query, const std::vector<std::string>& flags = {}) {
        auto [code, lines] = search_lines(db(), query, flags);
        EXPECT_TRUE(code == 0 || code == 1) << "search " << query << " exited " << code;
        std::vector<nlohmann::json> rows;
        for (const std::string& line : lines) rows.push_back(nlohmann::json::parse(line));
        return rows;
    }

    // The URLs of the rows `query` finds, sorted.
    std::vector<std::string> urls_found(const std::string& query, const std::vector<std::string>& flags = {}) {
        std::vector<std::string> urls;
        for (const nlohmann::json& row : search(query, flags)) urls.push_back(row.at("url").get<std::string>());
        std::sort(urls.begin(), urls.end());
        return urls;
    }

    // The rejection line newsindex prints for `file`:`line`.
    static std::string rejection(const std::filesystem::path& file, int line, const std::string& reason) {
        return "newsindex: " + file.string() + ":" + std::to_string(line) + ": " + reason + "\n";
    }

    ScratchDir dir_;

  private:
    static inline std::unique_ptr<ScratchDir> base_dir_;
    static inline std::vector<StoredVersion> base_versions_;
};

}  // namespace newsindex::testing
