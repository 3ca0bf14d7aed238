// Readers while newsindex commits batch after batch: newsquery never fails
// because of the writer (Xapian's DatabaseModifiedError is retried inside
// NewsDatabase::with_retry), never prints a Xapian exception, and ends with
// 0 (found) or 1 (nothing found) only.
//
// The limit of that promise: Xapian lets a reader finish the revision it
// started on only until the writer's next commit but one. A reading whose
// database work outlasts that (thousands of rows with snippets while
// batches of 20 commit every few hundredths of a second) fails attempt
// after attempt; with_retry pauses longer each time and keeps trying for
// NewsDatabase::kDefaultRetryBudget (30 s), so it normally succeeds once
// the writer is done, and otherwise ends with one plain line and 70, never
// with Xapian's words (LongListingOutlastingTheCommitsFailsInOnePlainLine).
#include "query/engine/search.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/paused_run.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <sstream>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;

class ReadersDuringWrites : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::path generated = generated_captures(dir_ / "generated.jsonl", 6, 2400);
        fs::path first = line_range(generated, 0, 300, dir_ / "first.jsonl");
        rest_ = line_range(generated, 300, 2400, dir_ / "rest.jsonl");
        CommandResult create = run_command(newsindex_argv(db(), {}, {first}));
        ASSERT_EQ(create.exit_code, 0) << create.err;
        std::ifstream in(first);
        std::string line;
        std::getline(in, line);
        article_id_ = nlohmann::json::parse(line).at("article_id").get<std::string>();
    }

    // A writer committing the rest in batches of 100, a commit every few
    // tenths of a second: far more often than a cron ingest does.
    std::unique_ptr<ChildProcess> start_writer(const std::string& batch_size = "100") {
        return std::make_unique<ChildProcess>(newsindex_argv(db(), {"--batch-size", batch_size}, {rest_}),
                                              dir_ / "writer");
    }

    fs::path db() const { return dir_ / "db"; }

    ScratchDir dir_;
    fs::path rest_;
    std::string article_id_;
};

TEST_F(ReadersDuringWrites, NewsqueryNeverFailsOrPrintsXapianErrors) {
    std::string db_path = db().string();
    std::vector<std::vector<std::string>> commands = {
        {"search", "--db", db_path, "--all-versions", "--limit", "50", "--format", "json", "council"},
        {"search", "--db", db_path, "--format", "json", "the"},
        {"search", "--db", db_path, "--format", "json", "interest rates"},
        {"search", "--db", db_path, "--latest", "--sort", "date", "report*"},
        {"timeline", "--db", db_path, "--format", "json", "the"},
        {"changes", "--db", db_path, "--since", "2024-01-01", "--format", "json", "the"},
        {"history", "--db", db_path, "--format", "json", article_id_},
        {"search", "--db", db_path, "--format", "json", "zzzzunfindable"},
    };
    std::unique_ptr<ChildProcess> writer = start_writer();
    int reads = 0;
    for (std::size_t i = 0; writer->running() || reads < 3 * static_cast<int>(commands.size()); ++i) {
        const std::vector<std::string>& args = commands[i % commands.size()];
        CommandResult read = run_newsquery(args);
        ++reads;
        std::string what = "newsquery " + args[0] + " " + args.back() + " (read " + std::to_string(reads) + ")";
        EXPECT_TRUE(read.exit_code == 0 || read.exit_code == 1) << what << " exit " << read.exit_code << ": " << read.err;
        for (const char* word : {"Xapian", "DatabaseModifiedError", "terminate"})
            EXPECT_EQ(read.err.find(word), std::string::npos) << what << ": " << read.err;
        EXPECT_EQ(read.err, "") << what;
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_EQ(writer->wait(), 0) << writer->err();
    std::cout << reads << " newsquery runs while the writer committed\n";
}

// One handle kept open across many commits: its snapshot is overwritten
// under it (Xapian keeps only the last two revisions), so this is where
// DatabaseModifiedError happens, and with_retry must reopen and retry.
TEST_F(ReadersDuringWrites, LongLivedHandleRetriesAcrossCommits) {
    query::NewsDatabase db_handle(db().string());
    query::SearchRequest request;
    request.text = "the";
    request.all_versions = true;
    request.limit = 100;
    std::unique_ptr<ChildProcess> writer = start_writer();
    int searches = 0;
    std::size_t last_rows = 0;
    while (writer->running() || searches < 10) {
        query::SearchResult result;
        try {
            result = query::search(db_handle, request);
        } catch (const std::exception& error) {
            FAIL() << "search " << searches + 1 << " failed: " << error.what();
        }
        ++searches;
        // Versions only arrive, and "the" is in every article.
        EXPECT_GE(result.versions.value, last_rows);
        last_rows = result.versions.value;
    }
    EXPECT_EQ(writer->wait(), 0) << writer->err();
    std::cout << searches << " searches on one handle while the writer committed\n";
}

TEST_F(ReadersDuringWrites, LongListingOutlastingTheCommitsFailsInOnePlainLine) {
    std::string db_path = db().string();
    std::unique_ptr<ChildProcess> writer = start_writer("20");
    int reads = 0, gave_up = 0;
    while (writer->running() || reads < 2) {
        CommandResult read = run_newsquery({"search", "--db", db_path, "--all-versions", "--limit", "0",
                                            "--format", "json", "the"});
        ++reads;
        if (read.exit_code == 0) {
            EXPECT_EQ(read.err, "");
            continue;
        }
        ++gave_up;
        EXPECT_EQ(read.exit_code, query::kExitSoftware) << read.err;
        EXPECT_EQ(read.err, "newsquery: database " + db_path +
                                " kept changing while being read for 30 s (a newsindex run is "
                                "committing); try again\n");
    }
    EXPECT_EQ(writer->wait(), 0) << writer->err();
    std::cout << reads << " long listings, " << gave_up << " gave up\n";
}


// The cron-then-nightly pattern: in-place runs, each followed by a --bulk
// always run that switches generations (issue 38, point 3). Readers must
// open the shards the list names now, not reopen a generation a bulk load
// removed (Xapian's DatabaseNotFoundError) nor keep reading a generation
// without the recent shard created since, and never see a state between
// two commits: with --latest, each article has one row, its last revision.
TEST_F(ReadersDuringWrites, ReadersAcrossInPlaceRunsAndGenerationSwitches) {
    CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {rest_.parent_path() / "first.jsonl"}));
    ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
    std::string script = "set -e";
    for (int cycle = 0; cycle < 3; ++cycle) {
        fs::path in_place = line_range(rest_, cycle * 700, cycle * 700 + 500,
                                       dir_ / ("in-place-" + std::to_string(cycle) + ".jsonl"));
        fs::path nightly = line_range(rest_, cycle * 700 + 500, cycle * 700 + 700,
                                      dir_ / ("nightly-" + std::to_string(cycle) + ".jsonl"));
        for (const auto& argv : {newsindex_argv(db(), {"--bulk", "never", "--batch-size", "25"}, {in_place}),
                                 newsindex_argv(db(), {"--bulk", "always"}, {nightly})}) {
            script += ";";
            for (const std::string& arg : argv) script += " '" + arg + "'";
        }
    }
    std::string db_path = db().string();
    std::vector<std::string> latest{"search", "--db", db_path, "--latest", "--all-versions",
                                    "--limit", "0", "--format", "json", "the"};
    // Each article once, at its last revision; else what is wrong.
    auto mixed = [](const std::string& json_lines) -> std::string {
        std::map<std::string, int> rows;
        std::istringstream in(json_lines);
        for (std::string line; std::getline(in, line);) {
            nlohmann::json row = nlohmann::json::parse(line);
            if (row.at("revision") != row.at("revisions")) return "not its last revision: " + line;
            if (++rows[row.at("article_key").get<std::string>()] > 1) return "two latest: " + line;
        }
        return "";
    };
    query::NewsDatabase handle(db_path);
    query::SearchRequest request;
    request.text = "the";
    request.all_versions = true;
    request.limit = 0;
    request.filters.latest_only = true;

    ChildProcess writer({"/bin/sh", "-c", script}, dir_ / "writer");
    int reads = 0;
    for (std::size_t i = 0; writer.running() || reads < 6; ++i) {
        ++reads;
        const std::vector<std::string> args =
            i % 3 == 0 ? latest
                       : std::vector<std::string>{"history", "--db", db_path, "--format", "json", article_id_};
        CommandResult read = run_newsquery(args);
        std::string what = "newsquery " + args[0] + " (read " + std::to_string(reads) + ")";
        EXPECT_TRUE(read.exit_code == 0 || read.exit_code == 1) << what << " exit " << read.exit_code << ": " << read.err;
        EXPECT_EQ(read.err, "") << what;
        if (args == latest) {
            EXPECT_EQ(mixed(read.out), "") << what;
        }
        try {
            query::SearchResult result = query::search(handle, request);
            std::map<std::string, int> rows;
            for (const query::SearchRow& row : result.rows) {
                EXPECT_EQ(++rows[row.article_key], 1) << "two latest on the long-lived handle";
                EXPECT_EQ(row.revision, row.revisions) << "not the last revision on the long-lived handle";
            }
        } catch (const std::exception& error) {
            ADD_FAILURE() << "search on the long-lived handle (read " << reads << "): " << error.what();
        }
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_EQ(writer.wait(), 0) << writer.err();
    std::cout << reads << " reads across 3 in-place runs and 3 generation switches\n";
}

// Readers while a bulk load replaces the database (issue 33): newsquery in
// a loop from before the load starts to after it ends, through its parts,
// its compaction and its publication. The load is made to wait where it
// switches (XAPIANDB names the new generation; from a plain database
// iamglass still there), readers run there too, then SIGTERM lets it go on
// (past its last safe point a load completes). Every answer must be the old
// database's or the new one's, exactly, the new one computed by the same
// load run on a copy; never an error.
class ReadersDuringABulkLoad : public ReadersDuringWrites {
  protected:
    void read_across(const fs::path& load_input) {
        std::string db_path = db().string();
        fs::path reference = dir_ / "reference";
        fs::copy(db(), reference, fs::copy_options::recursive);
        std::vector<std::string> load = newsindex_argv(db(), {"--bulk", "always"}, {load_input});
        CommandResult uninterrupted = run_command(newsindex_argv(reference, {"--bulk", "always"}, {load_input}));
        ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.err;

        std::vector<std::vector<std::string>> queries = {
            {"search", "--all-versions", "--limit", "0", "--format", "json", "the"},
            {"search", "--latest", "--limit", "0", "--format", "json", "the"},
            {"history", "--format", "json", article_id_},
        };
        auto ask = [&](const std::vector<std::string>& query, const fs::path& at) {
            std::vector<std::string> args = query;
            args.insert(args.begin() + 1, {"--db", at.string()});
            return run_newsquery(args);
        };
        std::vector<std::string> old_answers, new_answers;
        for (const auto& query : queries) {
            old_answers.push_back(ask(query, db()).out);
            new_answers.push_back(ask(query, reference).out);
        }
        ASSERT_NE(old_answers[0], new_answers[0]) << "the load must change the answer";

        int reads = 0, old_seen = 0, new_seen = 0;
        auto read = [&] {
            const std::vector<std::string>& query = queries[reads % queries.size()];
            std::size_t which = reads % queries.size();
            ++reads;
            CommandResult answer = ask(query, db());
            std::string what = "newsquery " + query[0] + " (read " + std::to_string(reads) + ")";
            EXPECT_TRUE(answer.exit_code == 0 || answer.exit_code == 1)
                << what << " exit " << answer.exit_code << ": " << answer.err;
            EXPECT_EQ(answer.err, "") << what;
            if (answer.out == old_answers[which]) {
                ++old_seen;
            } else if (answer.out == new_answers[which]) {
                ++new_seen;
            } else {
                ADD_FAILURE() << what << ": neither the old database's answer nor the new one's";
            }
        };

        for (int i = 0; i < 3; ++i) read();
        std::unique_ptr<ChildProcess> writer =
            start_paused(load, "published#1", dir_.path(), "writer", read);
        ASSERT_TRUE(writer->running());
        for (int i = 0; i < 3 && !::testing::Test::HasFailure(); ++i) read();
        writer->kill(SIGTERM);
        while (writer->running() && !::testing::Test::HasFailure()) read();
        EXPECT_EQ(writer->wait(), 0) << writer->err();
        for (int i = 0; i < 3; ++i) read();
        EXPECT_GT(old_seen, 0);
        EXPECT_GT(new_seen, 0);
        expect_same_versions(stored_versions(reference), stored_versions(db()), "the load read across");
        std::cout << reads << " reads: " << old_seen << " old, " << new_seen << " new\n";
    }
};

TEST_F(ReadersDuringABulkLoad, FromPlainToTheFirstGenerationSeeTheOldOrTheNewDatabase) {
    read_across(line_range(rest_, 0, 600, dir_ / "load.jsonl"));
}

TEST_F(ReadersDuringABulkLoad, FromAGenerationAndItsRecentShardToTheNextSeeTheOldOrTheNew) {
    CommandResult bulk = run_command(newsindex_argv(db(), {"--bulk", "always"}, {dir_ / "first.jsonl"}));
    ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
    CommandResult in_place = run_command(
        newsindex_argv(db(), {"--bulk", "never"}, {line_range(rest_, 0, 300, dir_ / "in-place.jsonl")}));
    ASSERT_EQ(in_place.exit_code, 0) << in_place.err;
    ASSERT_TRUE(fs::exists(db() / "recent-000001"));
    read_across(line_range(rest_, 300, 900, dir_ / "load.jsonl"));
    EXPECT_TRUE(fs::exists(db() / "gen-000002"));
    EXPECT_FALSE(fs::exists(db() / "gen-000001"));
}

}  // namespace
}  // namespace newsindex::testing
