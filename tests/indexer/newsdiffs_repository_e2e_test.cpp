// End-to-end: the built `newsindex` on NewsDiffs git repositories (one per
// month, a file per article, a commit per capture) built here through
// libgit2, against the same captures written as JSON Lines.
#include "tests/indexer/ingest_e2e_support.h"
#include "tests/indexer/newsdiffs_git_builder.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using namespace e2e;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;

// Article files as NewsDiffs writes them: date line, title, byline, body
// lines (parsers/baseparser.py).
const std::string kKerryPath = "www.nytimes.com/2016/01/31/world/europe/kerry-coalition.html";
const std::string kKerryUrl = "http://www.nytimes.com/2016/01/31/world/europe/kerry-coalition.html";
const std::string kKerryFirst =
    "January 31, 2016\n"
    "Kerry Urges Coalition to Address ISIS Threat in Libya\n"
    "By MICHAEL R. GORDON\n"
    "\n"
    "ROME — Secretary of State John Kerry said the coalition must act in Libya.\n"
    "The ministers met in Rome for a day of talks.\n";
const std::string kKerrySecond =
    "January 31, 2016\n"
    "Anti-ISIS Coalition to Intensify Efforts, Kerry Says\n"
    "By MICHAEL R. GORDON\n"
    "\n"
    "ROME — Members of the coalition agreed to intensify their efforts.\n"
    "Mr. Kerry ruled out sending troops to Libya.\n"
    "The ministers met in Rome for a day of talks.\n";
// An https URL: NewsDiffs writes "https:/" and the rest of the URL.
const std::string kRomeHttpsPath = "https:/www.bbc.com/news/world-europe-35455641";
const std::string kRomeHttpPath = "www.bbc.com/news/world-europe-35455641";
const std::string kRomeFirst =
    "2016-01-31T10:30:00Z\n"
    "Rome talks open on Islamic State\n"
    "\n"
    "Diplomats gathered in Rome on Sunday.\n";
const std::string kRomeSecond =
    "2016-01-31T10:30:00Z\n"
    "Rome talks end with pledge on Islamic State\n"
    "\n"
    "Diplomats gathered in Rome on Sunday.\n"
    "They pledged to step up the campaign.\n";

// The same captures as JSON Lines records, written by hand: source the
// URL's host, text the body's paragraphs, author the byline without "By".
std::string json_record(const std::string& url, const std::string& source, const std::string& time,
                        const std::string& title, const std::string& text, const std::string& author,
                        const std::string& published) {
    nlohmann::json record{{"source", source}, {"url", url}, {"timestamp", time}, {"title", title},
                          {"text", text}, {"published", published}};
    if (!author.empty()) record["author"] = author;
    return record.dump() + "\n";
}

std::string kerry_record(const std::string& time, bool first) {
    return json_record(kKerryUrl, "nytimes.com", time,
                       first ? "Kerry Urges Coalition to Address ISIS Threat in Libya"
                             : "Anti-ISIS Coalition to Intensify Efforts, Kerry Says",
                       first ? "ROME — Secretary of State John Kerry said the coalition must act in Libya.\n\n"
                               "The ministers met in Rome for a day of talks."
                             : "ROME — Members of the coalition agreed to intensify their efforts.\n\n"
                               "Mr. Kerry ruled out sending troops to Libya.\n\n"
                               "The ministers met in Rome for a day of talks.",
                       "MICHAEL R. GORDON", "2016-01-31");
}

std::string rome_record(const std::string& url, const std::string& time, bool first) {
    return json_record(url, "bbc.com", time,
                       first ? "Rome talks open on Islamic State" : "Rome talks end with pledge on Islamic State",
                       first ? "Diplomats gathered in Rome on Sunday."
                             : "Diplomats gathered in Rome on Sunday.\n\nThey pledged to step up the campaign.",
                       "", "2016-01-31T10:30:00Z");
}

std::int64_t at(const std::string& iso) { return parse_utc(iso); }

CommandResult query(const fs::path& db, std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db.string(), "--format", "json"});
    return run_newsquery(args);
}

// The lines of `err` about the repository `repository`.
std::vector<std::string> lines_naming(const std::string& err, const fs::path& repository) {
    std::vector<std::string> found;
    for (const std::string& line : lines_of(err))
        if (line.starts_with("newsindex: " + repository.string() + ": ")) found.push_back(line);
    return found;
}

TEST(NewsDiffsRepository, TwoMonthsInAnyOrderGiveTheHistoriesOfTheSameRecordsAsJsonLines) {
    ScratchDir dir;
    const fs::path january = dir / "articles" / "2016-01", february = dir / "articles" / "2016-02";
    {
        NewsDiffsGitBuilder repo(january);
        repo.commit(at("2016-01-30T09:00:00Z"), {{"initial-commit-file", ""}, {"README", "NewsDiffs articles\n"}});
        repo.commit(at("2016-01-31T10:00:00Z"), {{kKerryPath, kKerryFirst}});
        repo.commit(at("2016-01-31T11:00:00Z"), {{kRomeHttpsPath, kRomeFirst}});
        repo.commit(at("2016-01-31T14:00:00Z"), {{kKerryPath, kKerrySecond}});
        repo.commit(at("2016-01-31T15:00:00Z"), {});  // the same tree again: nothing changed
        repo.commit(at("2016-01-31T16:00:00Z"), {{kRomeHttpsPath, std::nullopt}});  // deleted: no capture
    }
    {
        NewsDiffsGitBuilder repo(february);
        repo.commit(at("2016-02-01T08:00:00Z"), {{"initial-commit-file", ""}});
        repo.commit(at("2016-02-01T09:00:00Z"), {{kKerryPath, kKerrySecond}});  // unchanged since January
        repo.commit(at("2016-02-01T10:00:00Z"), {{kRomeHttpPath, kRomeSecond}});  // the same article by http
        repo.commit(at("2016-02-01T12:00:00Z"), {{kKerryPath, kKerryFirst}});  // a revert
        repo.commit(at("2016-02-01T13:00:00Z"), {{".gitignore", "*.tmp\n"}});
    }
    const fs::path jsonl = dir / "same.jsonl";
    write_file(jsonl, kerry_record("2016-01-31T10:00:00Z", true) +
                          rome_record("https://www.bbc.com/news/world-europe-35455641", "2016-01-31T11:00:00Z", true) +
                          kerry_record("2016-01-31T14:00:00Z", false) + kerry_record("2016-02-01T09:00:00Z", false) +
                          rome_record("http://www.bbc.com/news/world-europe-35455641", "2016-02-01T10:00:00Z", false) +
                          kerry_record("2016-02-01T12:00:00Z", true));

    const fs::path from_git = dir / "from-git", from_jsonl = dir / "from-jsonl";
    CommandResult git = run_newsindex({"--db", from_git.string(), "--json-summary", february.string(), january.string()});
    ASSERT_EQ(git.exit_code, 0) << git.err;
    // Skipped quietly: no line of their own, only the summary's count.
    EXPECT_EQ(git.err.find("skipped:"), std::string::npos) << "README and .gitignore are skipped quietly: " << git.err;
    nlohmann::json summary = summary_of(git);
    EXPECT_EQ(summary["files"], 2);
    // Six article captures, and four other files: two initial-commit-files,
    // the README and .gitignore.
    EXPECT_EQ(summary["records"], 10);
    EXPECT_EQ(summary["added"], 5);
    EXPECT_EQ(summary["unchanged"], 1);
    EXPECT_EQ(summary["rejected"], 0);
    EXPECT_EQ(summary["skipped"], nlohmann::json({{"not an article file", 4}}));
    CommandResult json = run_newsindex({"--db", from_jsonl.string(), "--json-summary", jsonl.string()});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(summary_of(json)["records"], 6);

    const std::set<StoredVersion> versions = versions_in(from_git);
    EXPECT_EQ(versions, versions_in(from_jsonl));
    ASSERT_EQ(versions.size(), 5u);

    auto history = lines_of(query(from_git, {"history", kKerryUrl}).out);
    ASSERT_EQ(history.size(), 3u);
    const nlohmann::json second = nlohmann::json::parse(history[1]);
    EXPECT_EQ(second["captured_at"], "2016-01-31T14:00:00Z");
    EXPECT_EQ(second["last_seen"], "2016-02-01T09:00:00Z");
    EXPECT_EQ(nlohmann::json::parse(history[2])["title"], "Kerry Urges Coalition to Address ISIS Threat in Libya");

    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"history", kKerryUrl},
          {"history", "https://www.bbc.com/news/world-europe-35455641"},
          {"show", kKerryUrl},
          {"show", kKerryUrl, "--revision", "2"},
          {"show", "http://www.bbc.com/news/world-europe-35455641", "--revision", "1"},
          {"timeline", "--limit", "0", "troops"},
          {"timeline", "--limit", "0", "pledged"},
          {"search", "--all-versions", "rome"},
          {"search", "coalition"}}) {
        CommandResult expected = query(from_jsonl, args);
        ASSERT_EQ(expected.exit_code, 0) << args[0] << ": " << expected.err;
        EXPECT_FALSE(expected.out.empty()) << args[0] << " " << args[1];
        EXPECT_EQ(query(from_git, args).out, expected.out) << args[0] << " " << args[1];
    }
}

// DISABLED until newsindex keeps the readers' cursors in the database
// (issue 34's cursor part); the reader's side is tested in
// newsdiffs_repository_test.cpp (NewsDiffsRepositoryRead.ARerunReadsNothing...).
TEST(NewsDiffsRepository, CronRerunsReadNothingNewThenOnlyTheNewCommit) {
    ScratchDir dir;
    const fs::path month = dir / "articles" / "2016-02";
    NewsDiffsGitBuilder repo(month);
    repo.commit(at("2016-02-01T08:00:00Z"), {{"initial-commit-file", ""}});
    repo.commit(at("2016-02-01T09:00:00Z"), {{kKerryPath, kKerryFirst}});
    repo.commit(at("2016-02-01T10:00:00Z"), {{kRomeHttpsPath, kRomeFirst}});
    const fs::path db = dir / "db";
    const std::vector<std::string> run{"--db", db.string(), "--json-summary", (dir / "articles").string()};
    CommandResult first = run_newsindex(run);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(summary_of(first)["records"], 3);

    CommandResult again = run_newsindex(run);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(summary_of(again)["records"], 0);

    repo.commit(at("2016-02-01T11:00:00Z"), {{kKerryPath, kKerrySecond}});
    CommandResult more = run_newsindex(run);
    ASSERT_EQ(more.exit_code, 0) << more.err;
    EXPECT_EQ(summary_of(more)["records"], 1);
    EXPECT_EQ(summary_of(more)["added"], 1);
    EXPECT_EQ(doc_count(db), 3u);
}

TEST(NewsDiffsRepository, MissingObjectsAndBadFilesAreNamedByCommitAndTheRestIsIndexed) {
    ScratchDir dir;
    const fs::path month = dir / "2016-01";
    std::string rome_commit, latin1_commit, rome_blob;
    {
        NewsDiffsGitBuilder repo(month);
        repo.commit(at("2016-01-31T10:00:00Z"), {{kKerryPath, kKerryFirst}});
        rome_commit = repo.commit(at("2016-01-31T11:00:00Z"), {{kRomeHttpsPath, kRomeFirst}});
        latin1_commit = repo.commit(at("2016-01-31T12:00:00Z"),
                                    {{"www.lemonde.fr/a.html", "31 janvier 2016\nD\xe9" "bat \xe0 Rome\n\nTexte.\n"}});
        repo.commit(at("2016-01-31T14:00:00Z"), {{kKerryPath, kKerrySecond}});
        rome_blob = repo.blob_at(rome_commit, kRomeHttpsPath);
        ASSERT_TRUE(fs::remove(repo.object_file(rome_blob)));  // pruned
    }
    const fs::path db = dir / "db";
    CommandResult result = run_newsindex({"--db", db.string(), "--json-summary", month.string()});
    EXPECT_EQ(result.exit_code, 65) << result.err;
    const std::vector<std::string> problems = lines_naming(result.err, month);
    ASSERT_EQ(problems.size(), 2u) << result.err;
    EXPECT_NE(problems[0].find("commit " + rome_commit + ", file " + kRomeHttpsPath + ": "), std::string::npos)
        << problems[0];
    EXPECT_NE(problems[0].find(rome_blob), std::string::npos) << "libgit2 names the missing object: " << problems[0];
    EXPECT_NE(problems[1].find("commit " + latin1_commit + ", file www.lemonde.fr/a.html: not UTF-8 text"),
              std::string::npos)
        << problems[1];
    EXPECT_EQ(summary_of(result)["rejected"], 2);
    EXPECT_EQ(summary_of(result)["added"], 2);
    EXPECT_EQ(doc_count(db), 2u);  // the two versions of the Kerry article
}

TEST(NewsDiffsRepository, AMissingCommitIsNamedAndTheCommitsAfterItsChildAreRead) {
    ScratchDir dir;
    const fs::path month = dir / "2016-01";
    std::string lost, orphan;
    {
        NewsDiffsGitBuilder repo(month);
        repo.commit(at("2016-01-31T09:00:00Z"), {{kKerryPath, kKerryFirst}});
        lost = repo.commit(at("2016-01-31T10:00:00Z"), {{kRomeHttpsPath, kRomeFirst}});
        orphan = repo.commit(at("2016-01-31T11:00:00Z"), {{kKerryPath, kKerrySecond}});
        repo.commit(at("2016-01-31T12:00:00Z"), {{kRomeHttpsPath, kRomeSecond}});
        ASSERT_TRUE(fs::remove(repo.object_file(lost)));
    }
    const fs::path db = dir / "db";
    CommandResult result = run_newsindex({"--db", db.string(), "--json-summary", month.string()});
    EXPECT_EQ(result.exit_code, 65) << result.err;
    const std::vector<std::string> problems = lines_naming(result.err, month);
    ASSERT_EQ(problems.size(), 1u) << result.err;
    EXPECT_NE(problems[0].find("commit " + orphan + ": its parent " + lost + ": "), std::string::npos) << problems[0];
    // The commit after the orphan is read; what came before the lost commit
    // cannot be reached, and the orphan's own change cannot be told.
    EXPECT_EQ(summary_of(result)["added"], 1);
    auto history = lines_of(query(db, {"history", "https://www.bbc.com/news/world-europe-35455641"}).out);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(history[0])["title"], "Rome talks end with pledge on Islamic State");
}

TEST(NewsDiffsRepository, ADirectoryThatLooksLikeARepositoryButCannotBeOpenedIsOneLine) {
    ScratchDir dir;
    const fs::path broken = dir / "2016-03";
    write_file(broken / ".git", "gitdir: " + (dir / "nowhere").string() + "\n");
    CommandResult result = run_newsindex({"--db", (dir / "db").string(), broken.string()});
    EXPECT_EQ(result.exit_code, 65) << result.err;
    const std::vector<std::string> problems = lines_naming(result.err, broken);
    ASSERT_EQ(problems.size(), 1u) << result.err;
    EXPECT_NE(problems[0].find("cannot open the git repository"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace newsindex::indexer
