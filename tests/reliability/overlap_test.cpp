// Overlapping newsindex runs on one database (cron jobs that run long, a
// bulk load while cron goes on): with --wait every run indexes its inputs;
// without it a run that finds the database locked ends with 75 (EX_TEMPFAIL)
// and one line saying so. Either way every version ends up in the database
// exactly once, as one run over the same inputs would have put it (but for
// the same-second tie-break of some reverts: see without_sequence).
#include "indexer/exit_codes.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/database_contents.h"
#include "tests/reliability/test_inputs.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
namespace exit_code = indexer::exit_code;

// Line ranges of one generated file: A and B overlap, C is disjoint from
// both, D is everything.
struct Piece {
    const char* name;
    std::size_t first, last;
};
constexpr Piece kA{"A", 0, 1200}, kB{"B", 800, 2000}, kC{"C", 2000, 2400}, kD{"D", 0, 2400};
constexpr std::size_t kLines = 2400;

class OverlappingRuns : public ::testing::Test {
  protected:
    void SetUp() override { generated_ = generated_captures(dir_ / "generated.jsonl", 5, kLines); }

    fs::path piece_file(const Piece& piece) {
        return line_range(generated_, piece.first, piece.last, dir_ / (std::string(piece.name) + ".jsonl"));
    }

    // Starts one newsindex per piece at once; returns their exit codes.
    std::vector<int> run_together(const std::vector<Piece>& pieces, const std::vector<std::string>& extra) {
        std::vector<std::unique_ptr<ChildProcess>> runs;
        for (const Piece& piece : pieces) {
            runs.push_back(std::make_unique<ChildProcess>(newsindex_argv(db(), extra, {piece_file(piece)}),
                                                          dir_ / (std::string("log-") + piece.name)));
        }
        std::vector<int> codes;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            codes.push_back(runs[i]->wait());
            errors_.push_back(runs[i]->err());
        }
        return codes;
    }

    // The versions one quiet run over the union of `pieces` builds.
    std::vector<StoredVersion> reference(const std::vector<Piece>& pieces) {
        std::set<std::size_t> lines;
        for (const Piece& piece : pieces)
            for (std::size_t i = piece.first; i < piece.last; ++i) lines.insert(i);
        fs::path joined = dir_ / "union.jsonl";
        {
            std::ifstream in(generated_);
            std::ofstream out(joined);
            std::size_t number = 0;
            for (std::string line; std::getline(in, line); ++number)
                if (lines.contains(number)) out << line << '\n';
        }
        fs::path reference_db = dir_ / ("reference-" + std::to_string(++references_));
        CommandResult run = run_command(newsindex_argv(reference_db, {}, {joined}));
        EXPECT_EQ(run.exit_code, 0) << run.err;
        return stored_versions(reference_db);
    }

    std::string locked_message() const {
        return "newsindex: database " + db().string() + " is locked by another newsindex run; try --wait SECONDS\n";
    }

    // Runs without --wait: each either indexed its piece (0) or found the
    // database locked (75, one line); the database holds exactly the
    // pieces of the runs that indexed.
    void expect_lock_outcomes(const std::vector<Piece>& pieces) {
        std::vector<int> codes = run_together(pieces, {"--batch-size", "50"});
        std::vector<Piece> indexed;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            if (codes[i] == exit_code::kOk) {
                indexed.push_back(pieces[i]);
                EXPECT_EQ(errors_[i], "") << pieces[i].name;
            } else {
                EXPECT_EQ(codes[i], exit_code::kLocked) << pieces[i].name << ": " << errors_[i];
                EXPECT_EQ(errors_[i], locked_message()) << pieces[i].name;
            }
        }
        // Whoever took the lock first ran.
        ASSERT_FALSE(indexed.empty());
        std::cout << indexed.size() << " of " << pieces.size() << " runs indexed, the others found the lock\n";
        std::vector<StoredVersion> versions = stored_versions(db());
        EXPECT_EQ(revision_violation(versions), "");
        expect_same_versions(without_sequence(reference(indexed)), without_sequence(versions), "runs without --wait");
    }

    fs::path db() const { return dir_ / "db"; }

    ScratchDir dir_;
    fs::path generated_;
    std::vector<std::string> errors_;
    int references_ = 0;
};

TEST_F(OverlappingRuns, TwoRunsWithWaitBothIndexAndNothingIsDuplicated) {
    std::vector<int> codes = run_together({kA, kB}, {"--wait", "600", "--batch-size", "50"});
    EXPECT_EQ(codes, (std::vector<int>{exit_code::kOk, exit_code::kOk})) << errors_[0] << errors_[1];
    std::vector<StoredVersion> versions = stored_versions(db());
    EXPECT_EQ(revision_violation(versions), "");
    expect_same_versions(without_sequence(reference({kA, kB})), without_sequence(versions), "two runs with --wait");
}

TEST_F(OverlappingRuns, FourRunsWithWaitAllIndexAndNothingIsDuplicated) {
    std::vector<int> codes = run_together({kA, kB, kC, kD}, {"--wait", "600", "--batch-size", "50"});
    EXPECT_EQ(codes, std::vector<int>(4, exit_code::kOk));
    for (const std::string& err : errors_) EXPECT_EQ(err, "");
    std::vector<StoredVersion> versions = stored_versions(db());
    EXPECT_EQ(revision_violation(versions), "");
    expect_same_versions(without_sequence(reference({kD})), without_sequence(versions), "four runs with --wait");
    expect_same_search_results(dir_ / "reference-1", db());
}

TEST_F(OverlappingRuns, TwoRunsWithoutWaitIndexOrReportTheLock) { expect_lock_outcomes({kA, kB}); }

TEST_F(OverlappingRuns, FourRunsWithoutWaitIndexOrReportTheLock) {
    expect_lock_outcomes({kA, kB, kC, kD});
}

// The lock held by this test itself, so the outcome does not depend on
// timing: without --wait, and when --wait expires, 75 and one line; with a
// long enough --wait the run goes ahead once the lock is released.
TEST_F(OverlappingRuns, LockedDatabaseEndsWithTempfailUnlessWaitOutlastsTheLock) {
    fs::path input = piece_file(kC);
    CommandResult create = run_command(newsindex_argv(db(), {}, {piece_file(kA)}));
    ASSERT_EQ(create.exit_code, 0) << create.err;
    std::vector<StoredVersion> before = stored_versions(db());

    auto holder = std::make_unique<Xapian::WritableDatabase>(db().string(), Xapian::DB_OPEN);
    CommandResult no_wait = run_command(newsindex_argv(db(), {}, {input}));
    EXPECT_EQ(no_wait.exit_code, exit_code::kLocked);
    EXPECT_EQ(no_wait.err, locked_message());
    CommandResult short_wait = run_command(newsindex_argv(db(), {"--wait", "0.5"}, {input}));
    EXPECT_EQ(short_wait.exit_code, exit_code::kLocked);
    EXPECT_EQ(short_wait.err, "newsindex: database " + db().string() +
                                  " is still locked by another newsindex run after waiting 0.5 s\n");
    EXPECT_TRUE(stored_versions(db()) == before);

    ChildProcess patient(newsindex_argv(db(), {"--wait", "600"}, {input}), dir_ / "patient");
    holder.reset();  // releases the lock
    EXPECT_EQ(patient.wait(), exit_code::kOk) << patient.err();
    expect_same_versions(without_sequence(reference({kA, kC})), without_sequence(stored_versions(db())),
                         "after the lock was released");
}

}  // namespace
}  // namespace newsindex::testing
