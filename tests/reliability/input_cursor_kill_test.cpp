// A run killed after its first committed batch keeps the input's old
// cursor (cursors are committed with the run's last batch), so the next run
// reads the input again and completes it, with no version lost or twice.
#include "storage/input_cursors.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/reliability/paused_run.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <csignal>
#include <fstream>
#include <map>
#include <string>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
using indexer::e2e::summary_of;
using indexer::e2e::versions_in;

std::string record(const std::string& article, const std::string& time) {
    return R"({"source": "test", "url": "https://example.com/)" + article + R"(", "timestamp": ")" + time +
           R"(", "title": "Headline", "text": "Text of )" + article + "\"}\n";
}

TEST(InputCursorKill, ARunKilledAfterItsFirstBatchKeepsTheOldCursor) {
    ScratchDir dir;
    const fs::path file = dir / "in.jsonl", db = dir / "db", reference = dir / "reference";
    write_file(file, record("a", "2024-01-01T00:00:00Z"));
    const std::vector<std::string> flags{"--quiet", "--bulk", "never", "--batch-size", "1"};
    auto argv = [&](const fs::path& database) {
        std::vector<std::string> args{NEWSINDEX_BIN, "--db", database.string()};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back(file.string());
        return args;
    };
    ASSERT_EQ(run_command(argv(db)).exit_code, 0);
    const std::map<std::string, std::string> first_cursor =
        storage::read_input_cursors(Xapian::Database(db.string()));
    ASSERT_EQ(first_cursor.size(), 1u);

    std::ofstream(file, std::ios::app) << record("b", "2024-01-02T00:00:00Z") << record("c", "2024-01-03T00:00:00Z");
    // Before the second batch: the first (b) is committed, c is not.
    std::unique_ptr<ChildProcess> run = start_paused(argv(db), "batch#2", dir.path());
    run->kill(SIGKILL);
    EXPECT_EQ(run->wait(), 128 + SIGKILL);
    EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), 2u);
    EXPECT_EQ(storage::read_input_cursors(Xapian::Database(db.string())), first_cursor);

    CommandResult again = run_command(
        {NEWSINDEX_BIN, "--db", db.string(), "--json-summary", "--bulk", "never", "--batch-size", "1", file.string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 2);  // b (a duplicate now) and c
    EXPECT_EQ(summary_of(again)["duplicates"], 1);
    ASSERT_EQ(run_command(argv(reference)).exit_code, 0);
    EXPECT_EQ(versions_in(db), versions_in(reference));
    EXPECT_NE(storage::read_input_cursors(Xapian::Database(db.string())), first_cursor);
}

}  // namespace
}  // namespace newsindex::testing
