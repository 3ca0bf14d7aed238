// End-to-end: the built `newsindex` command on real captures
// (SHARED_DATA_DIR/sample.jsonl.gz): counts, revisions, re-runs, stdin,
// concurrent runs, a killed run, a failing disk. Expected values are
// computed here from the JSON Lines themselves.
#include "indexer/exit_codes.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::ScratchDir;
using namespace e2e;

fs::path sample_path() { return newsindex::testing::shared_data_dir() / "sample.jsonl.gz"; }

// Whitespace runs to one space, trimmed: written here again, on purpose,
// rather than borrowed from the code under test.
std::string collapse_whitespace(const std::string& text) {
    std::istringstream words(text);
    std::string word, out;
    while (words >> word) out += (out.empty() ? "" : " ") + word;
    return out;
}

std::string field(const nlohmann::json& record, const char* name) {
    return record.contains(name) && record[name].is_string() ? record[name].get<std::string>() : "";
}

// One article of the JSON Lines input, its captures in (timestamp, version)
// order, each with its normalised text.
struct InputArticle {
    std::string source;
    std::string article_id;
    std::vector<nlohmann::json> captures;
    // Captures whose text differs from the previous capture's: the versions.
    std::vector<nlohmann::json> versions;
};

std::map<std::string, InputArticle> articles_of(const std::vector<nlohmann::json>& records) {
    std::map<std::string, InputArticle> articles;
    for (const auto& record : records) {
        std::string key = field(record, "source") + "\x1F" + field(record, "article_id");
        articles[key].source = field(record, "source");
        articles[key].article_id = field(record, "article_id");
        articles[key].captures.push_back(record);
    }
    for (auto& [key, article] : articles) {
        std::stable_sort(article.captures.begin(), article.captures.end(), [](const auto& a, const auto& b) {
            return std::make_pair(parse_utc(field(a, "timestamp")), a.value("version", 0)) <
                   std::make_pair(parse_utc(field(b, "timestamp")), b.value("version", 0));
        });
        std::string previous;
        for (const auto& capture : article.captures) {
            std::string text = collapse_whitespace(field(capture, "title")) + "\x1F" +
                               collapse_whitespace(field(capture, "summary")) + "\x1F" +
                               collapse_whitespace(field(capture, "text"));
            if (article.versions.empty() || text != previous) article.versions.push_back(capture);
            previous = text;
        }
    }
    return articles;
}

// The sample indexed once, uninterrupted, shared by the tests below.
class IngestSample : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!fs::exists(sample_path())) return;
        reference_dir_ = new ScratchDir;
        reference_result_ = new CommandResult(run_newsindex(
            {"--db", reference_db().string(), "--quiet", "--json-summary", sample_path().string()}));
    }
    static void TearDownTestSuite() {
        delete reference_result_;
        delete reference_dir_;
    }
    void SetUp() override {
        if (!fs::exists(sample_path())) GTEST_SKIP() << sample_path() << " not present";
    }
    static fs::path reference_db() { return reference_dir_->path() / "db"; }

    static ScratchDir* reference_dir_;
    static CommandResult* reference_result_;
};

ScratchDir* IngestSample::reference_dir_ = nullptr;
CommandResult* IngestSample::reference_result_ = nullptr;

TEST_F(IngestSample, IndexesOneDocumentPerDistinctVersion) {
    ASSERT_EQ(reference_result_->exit_code, 0) << reference_result_->err;
    EXPECT_EQ(reference_result_->err, "");  // --quiet: not even the summary line
    std::vector<nlohmann::json> records = newsindex::testing::read_jsonl(sample_path());
    ASSERT_EQ(records.size(), 4869u);
    std::size_t expected_versions = 0;
    for (const auto& [key, article] : articles_of(records)) expected_versions += article.versions.size();

    nlohmann::json summary = summary_of(*reference_result_);
    EXPECT_EQ(summary["files"], 1);
    EXPECT_EQ(summary["records"], 4869);
    EXPECT_EQ(summary["added"], expected_versions);
    EXPECT_EQ(summary["unchanged"].get<std::size_t>() + summary["duplicates"].get<std::size_t>(),
              4869 - expected_versions);
    EXPECT_EQ(summary["rejected"], 0);
    EXPECT_EQ(summary["database"], reference_db().string());
    std::set<std::string> keys;
    for (const auto& [key, value] : summary.items()) keys.insert(key);
    EXPECT_EQ(keys, (std::set<std::string>{"files", "records", "added", "unchanged", "duplicates",
                                           "rejected", "skipped", "elapsed_seconds", "database"}));
    EXPECT_EQ(summary["skipped"], nlohmann::json::object());
    EXPECT_EQ(doc_count(reference_db()), expected_versions);
}

TEST_F(IngestSample, ArticleWithTheMostVersionsHasThemAsRevisionsInOrder) {
    std::vector<nlohmann::json> records = newsindex::testing::read_jsonl(sample_path());
    auto articles = articles_of(records);
    const InputArticle* chosen = nullptr;
    for (const auto& [key, article] : articles) {
        if (!chosen || article.versions.size() > chosen->versions.size()) chosen = &article;
    }
    ASSERT_NE(chosen, nullptr);
    ASSERT_GE(chosen->versions.size(), 3u);

    Xapian::Database db(reference_db().string());
    std::string term =
        schema::article_term(schema::ArticleKey{chosen->source, chosen->article_id}.digest_hex());
    std::map<std::uint32_t, schema::VersionRecord> by_revision;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        schema::VersionRecord r = schema::read_stored_version(db.get_document(*it));
        by_revision[r.revision] = r;
    }
    ASSERT_EQ(by_revision.size(), chosen->versions.size());
    for (std::size_t i = 0; i < chosen->versions.size(); ++i) {
        const nlohmann::json& version = chosen->versions[i];
        auto found = by_revision.find(static_cast<std::uint32_t>(i + 1));
        ASSERT_NE(found, by_revision.end()) << "revision " << i + 1;
        EXPECT_EQ(found->second.title, field(version, "title")) << "revision " << i + 1;
        EXPECT_EQ(found->second.captured_at, parse_utc(field(version, "timestamp")));
        if (i + 1 < chosen->versions.size()) {
            EXPECT_EQ(found->second.superseded_at, parse_utc(field(chosen->versions[i + 1], "timestamp")));
        } else {
            EXPECT_EQ(found->second.superseded_at, std::nullopt);
        }
    }
}

// The file is unchanged since the run that read it (its cursor): it is not
// read again, and the database is not written.
TEST_F(IngestSample, IngestingAgainReadsNothingAndChangesNothing) {
    ScratchDir dir;
    fs::path db = dir / "db";
    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", sample_path().string()}).exit_code, 0);
    std::set<StoredVersion> before = versions_in(db);
    Xapian::rev revision_before = Xapian::Database(db.string()).get_revision();

    CommandResult again = run_newsindex({"--db", db.string(), "--json-summary", sample_path().string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    nlohmann::json summary = summary_of(again);
    EXPECT_EQ(summary["records"], 0);
    EXPECT_EQ(summary["added"], 0);
    EXPECT_EQ(summary["unchanged"], 0);
    EXPECT_EQ(summary["duplicates"], 0);
    EXPECT_EQ(versions_in(db), before);
    EXPECT_EQ(Xapian::Database(db.string()).get_revision(), revision_before);
    // Without --quiet the summary line is on stderr.
    EXPECT_TRUE(has_line_starting(again.err, "newsindex: 1 files, 0 records: 0 versions added, "
                                             "0 unchanged, 0 duplicates, 0 rejected in "))
        << again.err;
}

// The generations (gen-NNNNNN) in a database directory.
std::set<std::string> generations(const fs::path& db) {
    std::set<std::string> found;
    for (const auto& entry : fs::directory_iterator(db)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) == 0) found.insert(name);
    }
    return found;
}

std::uintmax_t bytes_under(const fs::path& db) {
    std::uintmax_t bytes = 0;
    for (const auto& file : fs::recursive_directory_iterator(db)) {
        if (file.is_regular_file()) bytes += file.file_size();
    }
    return bytes;
}

TEST_F(IngestSample, BulkAlwaysRepacksTheDatabaseEvenWhenTheRunAddsNothing) {
    ScratchDir dir;
    fs::path db = dir / "db";
    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", "--bulk", "never", "--batch-size",
                             "500", sample_path().string()})
                  .exit_code,
              0);
    std::set<StoredVersion> before = versions_in(db);
    std::set<std::string> generations_before = generations(db);
    std::uintmax_t bytes_before = bytes_under(db);

    CommandResult again = run_newsindex(
        {"--db", db.string(), "--bulk", "always", "--json-summary", sample_path().string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["added"], 0);
    EXPECT_EQ(versions_in(db), before);
    // A new generation replaced the database, packed: smaller on disk.
    std::set<std::string> generations_after = generations(db);
    ASSERT_EQ(generations_after.size(), 1u);
    EXPECT_FALSE(generations_before.contains(*generations_after.begin()));
    EXPECT_LT(bytes_under(db), bytes_before);
}

// The lines of XAPIANDB, the file listing the shards readers open.
std::vector<std::string> shard_list_lines(const fs::path& db) {
    std::ifstream in(db / "XAPIANDB");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The sample's records i with (i % 10 == 9) == `tenth`, as a JSON Lines file.
fs::path sample_part(const fs::path& path, bool tenth) {
    std::vector<nlohmann::json> records = newsindex::testing::read_jsonl(sample_path());
    std::ofstream out(path);
    for (std::size_t i = 0; i < records.size(); ++i) {
        if ((i % 10 == 9) == tenth) out << records[i].dump() << "\n";
    }
    return path;
}

TEST_F(IngestSample, RunsAfterABulkLoadAddToARecentShardThatTheNextBulkLoadMerges) {
    ScratchDir dir;
    fs::path db = dir / "db";
    // Every tenth capture comes later: many are later versions of articles
    // the first run indexed.
    fs::path first = sample_part(dir / "first.jsonl", false);
    fs::path rest = sample_part(dir / "rest.jsonl", true);

    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", "--bulk", "always", first.string()})
                  .exit_code,
              0);
    EXPECT_EQ(shard_list_lines(db), std::vector<std::string>{"glass gen-000001"});
    // A run too small for a bulk load: into a recent shard beside the
    // generation, which readers open with it.
    CommandResult in_place =
        run_newsindex({"--db", db.string(), "--json-summary", rest.string()});
    ASSERT_EQ(in_place.exit_code, 0) << in_place.err;
    EXPECT_GT(summary_of(in_place)["added"], 0);
    EXPECT_LT(doc_count(db / "recent-000001"), doc_count(db));
    EXPECT_EQ(shard_list_lines(db),
              (std::vector<std::string>{"glass gen-000001", "glass recent-000001"}));
    EXPECT_GT(doc_count(db / "recent-000001"), 0u);
    // Later versions of articles in the generation revised it there.
    EXPECT_EQ(versions_in(db), versions_in(reference_db()));

    // The commands see one database: the same timelines as the reference
    // built in one run (the matches of both shards numbered as in the
    // whole), the same search rows.
    for (const std::string word : {"said", "police", "government", "the"}) {
        auto timeline = [&](const fs::path& at) {
            return newsindex::testing::run_newsquery(
                {"timeline", "--db", at.string(), "--format", "json", "--limit", "0", word});
        };
        CommandResult expected = timeline(reference_db()), actual = timeline(db);
        EXPECT_EQ(actual.exit_code, expected.exit_code) << word << ": " << actual.err;
        EXPECT_EQ(actual.out, expected.out) << "timeline of " << word;
        auto rows = [&](const fs::path& at) {
            std::vector<std::string> lines = lines_of(
                newsindex::testing::run_newsquery({"search", "--db", at.string(), "--format",
                                                   "json", "--limit", "0", "--all-versions", word})
                    .out);
            std::sort(lines.begin(), lines.end());
            return lines;
        };
        EXPECT_EQ(rows(db), rows(reference_db())) << "search rows of " << word;
    }

    // The next bulk load merges the shard into the next generation.
    ASSERT_EQ(run_newsindex({"--db", db.string(), "--quiet", "--bulk", "always", rest.string()})
                  .exit_code,
              0);
    EXPECT_EQ(shard_list_lines(db), std::vector<std::string>{"glass gen-000002"});
    EXPECT_FALSE(fs::exists(db / "recent-000001"));
    EXPECT_FALSE(fs::exists(db / "gen-000001"));
    EXPECT_EQ(versions_in(db), versions_in(reference_db()));
}

TEST_F(IngestSample, GzipOnStandardInputIndexesTheSameAsTheFile) {
    ScratchDir dir;
    fs::path db = dir / "db";
    CommandResult result = run_newsindex({"--db", db.string(), "--quiet", "-"}, read_bytes(sample_path()));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(versions_in(db), versions_in(reference_db()));
}

TEST_F(IngestSample, OverlappingConcurrentRunsIndexEveryVersionExactlyOnce) {
    ScratchDir dir;
    std::string db = (dir / "db").string();
    std::string input = sample_path().string();
    auto run = [&](std::vector<std::string> args) {
        return std::async(std::launch::async, [args] { return run_newsindex(args); });
    };
    auto waiting_a = run({"--db", db, "--quiet", "--json-summary", "--wait", "60", input});
    auto waiting_b = run({"--db", db, "--quiet", "--json-summary", "--wait", "60", input});
    auto impatient = run({"--db", db, "--quiet", "--json-summary", input});
    CommandResult a = waiting_a.get(), b = waiting_b.get(), c = impatient.get();

    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    // The run without --wait either got the lock or was told to use --wait.
    ASSERT_TRUE(c.exit_code == 0 || c.exit_code == exit_code::kLocked) << c.exit_code << c.err;
    if (c.exit_code == exit_code::kLocked) {
        EXPECT_NE(c.err.find("is locked by another newsindex run; try --wait SECONDS"), std::string::npos)
            << c.err;
    }
    std::uint64_t added = 0, duplicates = 0, records = 0;
    for (const CommandResult* r : {&a, &b, &c}) {
        if (r->exit_code != 0) continue;
        added += summary_of(*r)["added"].get<std::uint64_t>();
        duplicates += summary_of(*r)["duplicates"].get<std::uint64_t>();
        records += summary_of(*r)["records"].get<std::uint64_t>();
    }
    EXPECT_EQ(added, doc_count(reference_db()));
    // The runs hold the lock one after the other: the first reads the
    // file, the others find it unchanged by its cursor.
    EXPECT_EQ(records, 4869u);
    EXPECT_EQ(duplicates, 0u);
    EXPECT_EQ(versions_in(dir / "db"), versions_in(reference_db()));
}

// Starts `newsindex args` with its output discarded; returns its pid.
pid_t spawn_newsindex(const std::vector<std::string>& args) {
    std::vector<std::string> argv{NEWSINDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& a : argv) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    int failed = posix_spawn(&pid, NEWSINDEX_BIN, &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return failed ? -1 : pid;
}

// Polls the database until it holds some but not all versions, then kills
// the run with SIGKILL. False if the run finished first.
bool kill_midway(pid_t pid, const fs::path& db, Xapian::doccount total) {
    for (;;) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) return false;
        try {
            Xapian::doccount count = Xapian::Database(db.string()).get_doccount();
            if (count > 0 && count < total) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                return WIFSIGNALED(status);
            }
        } catch (const Xapian::Error&) {
            // Not created yet, or replaced under us: look again.
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

TEST_F(IngestSample, RunKilledMidwayAndRunAgainEndsAsAnUninterruptedRun) {
    Xapian::doccount total = doc_count(reference_db());
    for (int attempt = 0; attempt < 5; ++attempt) {
        ScratchDir dir;
        fs::path db = dir / "db";
        std::vector<std::string> args{"--db", db.string(), "--batch-size", "200", "--wait", "30",
                                      sample_path().string()};
        pid_t pid = spawn_newsindex(args);
        ASSERT_GT(pid, 0);
        if (!kill_midway(pid, db, total)) continue;  // finished before we looked: try again

        Xapian::doccount partial = doc_count(db);
        EXPECT_GT(partial, 0u);
        EXPECT_LT(partial, total);
        CommandResult rerun = run_newsindex(args);
        ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
        EXPECT_EQ(doc_count(db), total);
        EXPECT_EQ(versions_in(db), versions_in(reference_db()));
        return;
    }
    GTEST_SKIP() << "every run finished before it could be killed midway";
}

// Runs `newsindex args` unable to write files beyond `limit` bytes (as on a
// full disk: writes fail with EFBIG); returns its exit code and stderr.
CommandResult run_with_file_size_limit(const std::vector<std::string>& args, rlim_t limit,
                                       const fs::path& err_file) {
    std::vector<std::string> argv{NEWSINDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& a : argv) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        rlimit size{limit, limit};
        setrlimit(RLIMIT_FSIZE, &size);
        signal(SIGXFSZ, SIG_IGN);  // fail the write instead of killing the process
        int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(err, 2);
        execv(pointers[0], pointers.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.err = read_bytes(err_file);
    return result;
}

TEST_F(IngestSample, WriteFailureEndsWithTheIoCodeAndKeepsTheCommittedBatches) {
    ScratchDir dir;
    fs::path db = dir / "db";
    std::vector<std::string> args{"--db", db.string(), "--batch-size", "200", sample_path().string()};
    CommandResult failed = run_with_file_size_limit(args, 2'000'000, dir / "stderr.txt");
    EXPECT_EQ(failed.exit_code, exit_code::kIoError) << failed.err;
    ASSERT_EQ(lines_of(failed.err).size(), 1u) << failed.err;
    EXPECT_TRUE(failed.err.starts_with("newsindex: writing database " + db.string() + " failed: "))
        << failed.err;

    // Every sample capture is a new version, so whole batches hold 200 each.
    ASSERT_EQ(doc_count(reference_db()), 4869u);
    Xapian::doccount kept = doc_count(db);
    EXPECT_GT(kept, 0u);
    EXPECT_EQ(kept % 200, 0u) << kept;
    CommandResult rerun = run_newsindex(args);
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(versions_in(db), versions_in(reference_db()));
}

}  // namespace
}  // namespace newsindex::indexer
