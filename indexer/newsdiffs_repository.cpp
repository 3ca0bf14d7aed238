// A NewsDiffs git repository (archive_reader.h): one month of articles, a
// file per article, each commit that adds or changes a file a capture of
// that article at the commit's time. The format, what maps to which field
// and what is skipped: corpus/README.md.
//
// The walking thread (next()) lists the commits to read; a parser thread
// (CaptureBatch::parse) reads a batch of them: each commit's tree against
// its parent's, and the blobs of the files it added or changed, through a
// repository of its own (libgit2's objects serve one thread at a time).
// That reading is most of the work, so it runs on every core.
#include "indexer/archive_reader.h"
#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "schema/time.h"
#include "schema/url.h"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <ctime>
#include <string_view>
#include <variant>
#include <vector>

namespace newsindex::indexer {

namespace {

// Commits handed to a parser thread at a time.
constexpr std::size_t kBatchCommits = 64;

constexpr const char* kNotAnArticle = "not an article file";
// NewsDiffs' file name of an https URL: "https:/" and the URL without its
// scheme (NewsDiffs' models.py, Article.filename).
constexpr std::string_view kHttpsPrefix = "https:/";

template <auto Free>
struct GitFree {
    template <class T>
    void operator()(T* object) const { Free(object); }
};
template <class T, auto Free>
using GitPtr = std::unique_ptr<T, GitFree<Free>>;
using RepositoryPtr = GitPtr<git_repository, git_repository_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using WalkPtr = GitPtr<git_revwalk, git_revwalk_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;

// libgit2's global state, set up once for the whole process and shut down
// at its exit. Not per reader: the walk calls libgit2 from the parser
// threads, each of which gets its own error state, freed when the thread
// ends; shutting libgit2 down while those threads live would leak them.
struct LibraryUse {
    LibraryUse() { git_libgit2_init(); }
    ~LibraryUse() { git_libgit2_shutdown(); }
    LibraryUse(const LibraryUse&) = delete;
    LibraryUse& operator=(const LibraryUse&) = delete;

    static void hold() { static const LibraryUse library; }
};

// libgit2's reason for the last failure on this thread.
std::string git_reason() {
    const git_error* error = git_error_last();
    return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

std::string hex(const git_oid& id) {
    std::array<char, GIT_OID_HEXSZ + 1> text{};
    git_oid_tostr(text.data(), text.size(), &id);
    return text.data();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// A file NewsDiffs keeps for an article: a host name, then the URL's path
// ("www.nytimes.com/2016/02/03/world/x.html", "https:/www.bbc.com/news/1",
// "https:/arstechnica.com" for https://arstechnica.com/?p=1, the query
// cut). What else a repository holds (NewsDiffs' empty
// "initial-commit-file", a README.md, .gitignore) is not: an http URL
// without a path ("www.example.com") is not told from those, and is left
// out with them.
bool is_article_path(std::string_view path) {
    const bool https = path.starts_with(kHttpsPrefix);
    if (https) path.remove_prefix(kHttpsPrefix.size());
    std::size_t slash = path.find('/');
    if (slash == std::string_view::npos && !https) return false;
    std::string_view host = path.substr(0, slash);
    if (host.empty() || host.front() == '.' || host.back() == '.' || host.find('.') == std::string_view::npos)
        return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '-' || c == '_' || c == ':';
    });
}

std::string url_of_path(std::string_view path) {
    if (path.starts_with(kHttpsPrefix)) return "https://" + std::string(path.substr(kHttpsPrefix.size()));
    return "http://" + std::string(path);
}

// The date line as the outlets' pages wrote it: what schema::parse_time
// reads (ISO 8601, RFC 822), else a plain English date ("February 2,
// 2016", "2 February 2016"), the whole line; nullopt for anything else.
std::optional<schema::CaptureTime> published_of(std::string_view line) {
    if (std::optional<schema::CaptureTime> time = schema::parse_time(line)) return time;
    const std::string text(line);
    for (const char* format : {"%B %d, %Y", "%A, %B %d, %Y", "%d %B %Y", "%A %d %B %Y"}) {
        std::tm tm{};
        const char* end = ::strptime(text.c_str(), format, &tm);
        if (end == nullptr || !trim(end).empty()) continue;
        if (tm.tm_year < 0 || tm.tm_year > 300) continue;  // years 1900 to 2200, as parse_time
        return static_cast<schema::CaptureTime>(::timegm(&tm));
    }
    return std::nullopt;
}

// One article file as NewsDiffs writes it: the date line, the title, the
// byline and the body's lines (parsers/baseparser.py), every line stripped.
// Throws BadRecord.
schema::VersionRecord record_of_file(std::string_view text, std::string_view path, schema::CaptureTime time) {
    schema::VersionRecord record;
    record.url = url_of_path(path);
    record.article.source = schema::url_host(record.url);
    record.captured_at = time;
    std::string_view fields[3];
    std::size_t line_number = 0;
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::string_view line = trim(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        if (line_number < 3) {
            fields[line_number++] = line;
        } else if (!line.empty()) {
            if (!record.text.empty()) record.text += "\n\n";
            record.text += line;
        }
    }
    record.published = published_of(fields[0]);
    record.title = std::string(fields[1]);
    std::string_view byline = fields[2];
    if (byline.size() > 3 && lower_trimmed(byline.substr(0, 3)) == "by") byline = trim(byline.substr(3));
    record.author = std::string(byline);
    complete_record(record);
    return record;
}

// A file a commit added or changed.
struct ChangedFile {
    std::string path;
    git_oid id;
    git_filemode_t mode;
};

std::string file_label(const std::string& commit, std::string_view path) {
    return fmt::format("commit {}, file {}", commit, path);
}

// This thread's handle on the repository at `path` for reader number
// `reader`, or nullptr with libgit2's reason set. The one it used last is
// kept (batches come repository after repository); another reader, even of
// the same path, opens its own (the repository may have been replaced).
git_repository* thread_repository(const std::string& path, std::uint64_t reader) {
    thread_local std::uint64_t open_for = 0;
    thread_local RepositoryPtr repository;
    if (repository && open_for == reader) return repository.get();
    repository.reset();
    git_repository* opened = nullptr;
    if (git_repository_open_ext(&opened, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) return nullptr;
    repository.reset(opened);
    open_for = reader;
    return opened;
}

// Numbers the readers, from 1.
std::uint64_t next_reader_number() {
    static std::atomic<std::uint64_t> readers{0};
    return ++readers;
}

// Reads commits on a parser thread: for each, the files it added or
// changed against its first parent, each one a capture (or why not) in
// `batch`'s results, in the commit's tree order.
class CommitReader {
  public:
    CommitReader(git_repository* repository, std::size_t max_record_bytes, CaptureBatch& batch)
        : repository_(repository), max_record_bytes_(max_record_bytes), batch_(batch) {}

    void read(const git_oid& id) {
        commit_ = hex(id);
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, repository_, &id) < 0)
            return reject(fmt::format("commit {}: {}", commit_, git_reason()));
        CommitPtr owned_commit(commit);
        time_ = git_commit_time(commit);
        git_tree* tree = nullptr;
        if (git_commit_tree(&tree, commit) < 0)
            return reject(fmt::format("commit {}: its tree: {}", commit_, git_reason()));
        TreePtr owned_tree(tree);
        TreePtr parent_tree;
        if (git_commit_parentcount(commit) > 0) {
            git_commit* parent = nullptr;
            if (git_commit_parent(&parent, commit, 0) < 0)
                return reject(fmt::format("commit {}: its parent {}: {}", commit_,
                                          hex(*git_commit_parent_id(commit, 0)), git_reason()));
            CommitPtr owned_parent(parent);
            git_tree* parent_tree_raw = nullptr;
            if (git_commit_tree(&parent_tree_raw, parent) < 0)
                return reject(fmt::format("commit {}: its parent's tree: {}", commit_, git_reason()));
            parent_tree.reset(parent_tree_raw);
        }
        files_.clear();
        if (!add_changed_files(parent_tree.get(), tree, ""))
            return reject(fmt::format("commit {}: {}", commit_, git_reason()));
        for (const ChangedFile& file : files_) take_file(file);
    }

  private:
    void reject(std::string reason) {
        batch_.results.emplace_back(Rejection{InputLocation{batch_.file, 0}, std::move(reason)});
    }

    // Adds to files_ the files of `now` that `before` (nullptr: an empty
    // tree) does not hold with the same content, descending only into the
    // subtrees that differ; deleted files are left out. This is what
    // git_diff_tree_to_tree finds, without the set-up (configuration,
    // attributes) that git_diff repeats for every commit, which costs a
    // NewsDiffs repository of one-file commits more than reading its blobs.
    // False (libgit2's reason set) when a subtree cannot be read.
    bool add_changed_files(const git_tree* before, const git_tree* now, const std::string& prefix) {
        // Both trees' entries are in git's order (git_tree_entry_cmp): one
        // pass over the two finds each entry's old self, where a search by
        // name for every entry of a directory of thousands costs more.
        const std::size_t count = git_tree_entrycount(now);
        const std::size_t old_count = before != nullptr ? git_tree_entrycount(before) : 0;
        std::size_t j = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const git_tree_entry* entry = git_tree_entry_byindex(now, i);
            const char* name = git_tree_entry_name(entry);
            while (j < old_count && git_tree_entry_cmp(git_tree_entry_byindex(before, j), entry) < 0) ++j;
            const git_tree_entry* old = nullptr;
            if (j < old_count && std::strcmp(git_tree_entry_name(git_tree_entry_byindex(before, j)), name) == 0)
                old = git_tree_entry_byindex(before, j);
            // A name that changed kind (file <-> directory) sorts apart.
            if (old == nullptr && before != nullptr) old = git_tree_entry_byname(before, name);
            if (old != nullptr && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(entry))) continue;
            std::string path = prefix + name;
            if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
                files_.push_back({std::move(path), *git_tree_entry_id(entry), git_tree_entry_filemode(entry)});
                continue;
            }
            git_tree* subtree = nullptr;
            if (git_tree_lookup(&subtree, repository_, git_tree_entry_id(entry)) < 0) return false;
            TreePtr owned_subtree(subtree);
            TreePtr old_subtree;
            if (old != nullptr && git_tree_entry_type(old) == GIT_OBJECT_TREE) {
                git_tree* raw = nullptr;
                if (git_tree_lookup(&raw, repository_, git_tree_entry_id(old)) < 0) return false;
                old_subtree.reset(raw);
            }
            if (!add_changed_files(old_subtree.get(), subtree, path + "/")) return false;
        }
        return true;
    }

    // One file of the commit: its capture, or why it is not one.
    void take_file(const ChangedFile& file) {
        ++batch_.records;
        const std::string& path = file.path;
        if ((file.mode != GIT_FILEMODE_BLOB && file.mode != GIT_FILEMODE_BLOB_EXECUTABLE) || !is_article_path(path)) {
            batch_.results.emplace_back(Skip{InputLocation{batch_.file, 0}, kNotAnArticle, false});
            return;
        }
        if (!odb_) {
            git_odb* odb = nullptr;
            if (git_repository_odb(&odb, repository_) < 0)
                return reject(fmt::format("{}: {}", file_label(commit_, path), git_reason()));
            odb_.reset(odb);
        }
        std::size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        if (git_odb_read_header(&size, &type, odb_.get(), &file.id) < 0)
            return reject(fmt::format("{}: {}", file_label(commit_, path), git_reason()));
        if (size > max_record_bytes_)
            return reject(fmt::format("{}: record too large: {} bytes", file_label(commit_, path), size));
        git_blob* blob = nullptr;
        if (git_blob_lookup(&blob, repository_, &file.id) < 0)
            return reject(fmt::format("{}: {}", file_label(commit_, path), git_reason()));
        BlobPtr owned_blob(blob);
        std::string_view text(static_cast<const char*>(git_blob_rawcontent(blob)),
                              static_cast<std::size_t>(git_blob_rawsize(blob)));
        try {
            if (!is_utf8_text(text)) throw BadRecord("not UTF-8 text");
            batch_.results.emplace_back(Capture{record_of_file(text, path, time_), InputLocation{batch_.file, 0}});
        } catch (const BadRecord& bad) {
            reject(fmt::format("{}: {}", file_label(commit_, path), bad.what()));
        }
    }

    git_repository* repository_;
    OdbPtr odb_;
    std::size_t max_record_bytes_;
    CaptureBatch& batch_;
    std::string commit_;
    schema::CaptureTime time_ = 0;
    std::vector<ChangedFile> files_;
};

class NewsDiffsRepository : public ArchiveReader {
  public:
    explicit NewsDiffsRepository(const ArchiveInput& input)
        : name_(input.name), path_(input.path), max_record_bytes_(input.options != nullptr ? input.options->max_record_bytes
                                                                       : ReadOptions{}.max_record_bytes) {
        LibraryUse::hold();
        git_repository* repository = nullptr;
        if (git_repository_open_ext(&repository, input.path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
            failure_ = fmt::format("cannot open the git repository: {}", git_reason());
            return;
        }
        repository_.reset(repository);
        if (input.cursor) seen_ = *input.cursor;
    }

    // The walk's rejections first, then the commits a batch at a time, for
    // the parser threads to read (CommitReader).
    std::optional<CaptureBatch> next() override {
        if (done_) return std::nullopt;
        CaptureBatch batch;
        batch.file = name_;
        if (!failure_.empty()) {
            done_ = true;
            batch.results.emplace_back(Rejection{InputLocation{name_, 0}, failure_});
            return batch;
        }
        if (!walked_) {
            walk(batch.results);
            if (!batch.results.empty()) return batch;
        }
        if (next_commit_ == commits_.size()) {
            done_ = true;
            return std::nullopt;
        }
        std::size_t end = std::min(commits_.size(), next_commit_ + kBatchCommits);
        std::vector<git_oid> commits(commits_.begin() + static_cast<std::ptrdiff_t>(next_commit_),
                                     commits_.begin() + static_cast<std::ptrdiff_t>(end));
        next_commit_ = end;
        batch.parse = [commits = std::move(commits), path = path_.string(), reader = number_,
                       max_bytes = max_record_bytes_](CaptureBatch& self) {
            git_repository* repository = thread_repository(path, reader);
            if (repository == nullptr) {
                self.results.emplace_back(Rejection{InputLocation{self.file, 0},
                                                    fmt::format("cannot open the git repository: {}", git_reason())});
                return;
            }
            CommitReader reader(repository, max_bytes, self);
            for (const git_oid& id : commits) reader.read(id);
        };
        return batch;
    }

    // The commit HEAD named when the walk began: every commit reachable
    // from it has been read.
    std::optional<std::string> cursor() const override { return tip_; }

    // The files of the commits are counted where they are read, on the
    // parser threads (CaptureBatch::records).
    std::uint64_t records() const override { return 0; }

  private:
    using Results = std::vector<std::variant<Capture, Rejection, Skip>>;

    void reject(Results& results, std::string reason) {
        results.emplace_back(Rejection{InputLocation{name_, 0}, std::move(reason)});
    }

    // Lists the commits to read, oldest first: those reachable from HEAD
    // but not from the commit the cursor names (when it still exists).
    void walk(Results& items) {
        walked_ = true;
        git_repository* repository = repository_.get();
        tip_ = std::string();  // no commit yet: nothing seen
        if (git_repository_head_unborn(repository) == 1) return;
        git_oid head;
        if (git_reference_name_to_id(&head, repository, "HEAD") < 0) {
            tip_.reset();  // nothing read: nothing to keep
            return reject(items, fmt::format("cannot read HEAD: {}", git_reason()));
        }
        tip_ = hex(head);
        std::optional<git_oid> hidden = seen_commit();

        git_revwalk* walk = nullptr;
        int status = git_revwalk_new(&walk, repository);
        WalkPtr owned(walk);
        if (status == 0) status = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
        if (status == 0) status = git_revwalk_push(walk, &head);
        if (status == 0 && hidden) status = git_revwalk_hide(walk, &*hidden);
        git_oid id;
        while (status == 0 && (status = git_revwalk_next(&id, walk)) == 0) commits_.push_back(id);
        if (status == GIT_ITEROVER) return;

        // A commit is missing (pruned, a shallow or broken copy): read what
        // can be reached, HEAD's first parents down to it. open_commit
        // reports the commit whose parent is missing.
        std::string walk_failure = git_reason();
        commits_.clear();
        git_oid at = head;
        bool complete = false;
        while (!(hidden && git_oid_equal(&at, &*hidden))) {
            git_commit* commit = nullptr;
            if (git_commit_lookup(&commit, repository, &at) < 0) break;
            CommitPtr owned_commit(commit);
            commits_.push_back(at);
            if (git_commit_parentcount(commit) == 0) {
                complete = true;
                break;
            }
            at = *git_commit_parent_id(commit, 0);
        }
        if (hidden && git_oid_equal(&at, &*hidden)) complete = true;
        std::reverse(commits_.begin(), commits_.end());
        if (commits_.empty()) reject(items, fmt::format("commit {}: {}", hex(at), walk_failure));
        else if (complete) reject(items, fmt::format("walking the history from HEAD {}: {}", *tip_, walk_failure));
    }

    // The commit the cursor names, when it still exists (a history
    // rewritten since may have dropped it: then everything is read again).
    std::optional<git_oid> seen_commit() const {
        git_oid id;
        if (seen_.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, seen_.c_str()) < 0) return std::nullopt;
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, repository_.get(), &id) < 0) return std::nullopt;
        git_commit_free(commit);
        return id;
    }

    std::string name_;
    std::filesystem::path path_;  // the repository's directory, for the parser threads
    std::uint64_t number_ = next_reader_number();
    std::size_t max_record_bytes_;
    std::string seen_;     // the cursor given: the tip read by the last run
    std::string failure_;  // the repository cannot be read at all
    RepositoryPtr repository_;
    bool walked_ = false;
    bool done_ = false;
    std::optional<std::string> tip_;  // nullopt until HEAD is read
    std::vector<git_oid> commits_;  // to read, oldest first
    std::size_t next_commit_ = 0;
};

}  // namespace

std::unique_ptr<ArchiveReader> open_newsdiffs_repository(const ArchiveInput& input) {
    return std::make_unique<NewsDiffsRepository>(input);
}

}  // namespace newsindex::indexer
