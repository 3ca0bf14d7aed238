#include "indexer/capture_walk.h"

#include "indexer/archive_reader.h"
#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "indexer/snapshot_reader.h"
#include "indexer/warc_archive_stream.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iterator>
#include <sys/stat.h>

namespace newsindex::indexer {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUnknownKind = "unknown kind of file (binary or not UTF-8), skipped";
constexpr const char* kBlankFile = "blank file (empty or only whitespace), skipped";
constexpr const char* kStrayFile = "not a snapshot";

// JSON lines handed to the parsers at a time: large enough that handing
// over costs nothing next to parsing, small enough to spread over threads.
constexpr std::size_t kBatchBytes = 1u << 20;
constexpr std::size_t kBatchLines = 4096;

bool is_blank_line(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// The first bytes of every SQLite 3 database file.
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

bool is_sqlite_file(const fs::path& file) {
    // A pipe (process substitution, a FIFO) is not looked into: what is
    // read here would be lost to the reader that follows.
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return false;
    char head[16] = {};
    FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr) return false;
    std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    return std::string_view(head, n) == kSqliteMagic;
}

// A git repository's directory: a work tree (with .git) or a bare one.
bool is_git_repository(const fs::path& directory) {
    std::error_code error;
    if (fs::exists(directory / ".git", error)) return true;
    return fs::is_regular_file(directory / "HEAD", error) && fs::is_directory(directory / "objects", error) &&
           fs::is_directory(directory / "refs", error);
}

// The name of a file a snapshot tree may hold as a snapshot: ".txt" or no
// extension, either perhaps followed by ".gz". Anything else there
// (scrape.log, index.html, export.csv, photo.jpg) is a stray file.
bool has_snapshot_name(const fs::path& file) {
    fs::path name = file.filename();
    if (name.extension() == ".gz") name = name.stem();
    std::string extension = name.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension.empty() || extension == ".txt";
}

// An input's identity, under which its cursor is kept: its canonical path.
std::string input_identity(const fs::path& path) {
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(path, error);
    return error ? fs::absolute(path).string() : canonical.string();
}

bool is_archive_format(InputFormat format) {
    return format == InputFormat::kDiffengine || format == InputFormat::kNewsEdits ||
           format == InputFormat::kNewsDiffs || format == InputFormat::kWarc;
}

}  // namespace

void parse_batch(CaptureBatch& batch) {
    if (batch.parse) {
        auto parse = std::move(batch.parse);
        batch.parse = nullptr;
        parse(batch);
    }
    batch.results.reserve(batch.results.size() + batch.lines.size());
    for (const CaptureBatch::PendingLine& line : batch.lines) {
        InputLocation where{batch.file, line.number};
        try {
            if (line.too_large_bytes > 0)
                throw BadRecord(fmt::format("record too large: {} bytes", line.too_large_bytes));
            std::string_view text(batch.text.data() + line.offset, line.length);
            batch.results.emplace_back(Capture{record_from_json(text), std::move(where)});
        } catch (const BadRecord& bad) {
            batch.results.emplace_back(Rejection{std::move(where), bad.what()});
        }
    }
    batch.lines.clear();
    batch.text.clear();
    batch.text.shrink_to_fit();
}

CaptureWalk::CaptureWalk(const ReadOptions& options, const std::vector<std::string>& paths)
    : options_(options) {
    for (const std::string& path : paths) steps_.push_back({Step::Kind::kPath, path, {}, {}});
    for (const fs::path& directory : options.excluded) {
        struct stat info {};
        if (::stat(directory.c_str(), &info) == 0) excluded_.insert({info.st_dev, info.st_ino});
    }
}

CaptureWalk::~CaptureWalk() = default;

std::optional<CaptureBatch> CaptureWalk::next() {
    while (ready_.empty()) {
        if (archive_) {
            read_archive();
            continue;
        }
        if (lines_) {
            read_lines();
            continue;
        }
        if (steps_.empty()) return std::nullopt;
        Step step = std::move(steps_.front());
        steps_.pop_front();
        take(step);
    }
    CaptureBatch batch = std::move(ready_.front());
    ready_.pop_front();
    return batch;
}

void CaptureWalk::take(const Step& step) {
    switch (step.kind) {
        case Step::Kind::kPath: return read_path(step.path.string());
        case Step::Kind::kEntry: return read_entry(step.root, step.path);
        case Step::Kind::kLeave: walking_.erase(step.identity); return;
    }
}

void CaptureWalk::reject(std::string file, std::uint64_t line, std::string reason) {
    CaptureBatch batch;
    batch.results.emplace_back(Rejection{InputLocation{std::move(file), line}, std::move(reason)});
    ready_.push_back(std::move(batch));
}

void CaptureWalk::read_path(const std::string& path) {
    if (path == "-") {  // standard input is always JSON Lines
        try {
            auto input = std::make_unique<InputFile>(path);
            ++counts_.files;
            lines_ = OpenLines{std::move(input), false, counts_.records, 0, std::nullopt, 0, 0, false};
        } catch (const InputError& error) {
            reject("<stdin>", 0, error.what());
        }
        return;
    }
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error) return reject(path, 0, error.message());
    if (fs::is_directory(status)) {
        if (options_.format == InputFormat::kNewsDiffs ||
            (options_.format == InputFormat::kAuto && is_git_repository(path)))
            return open_archive(path, InputFormat::kNewsDiffs);
        return read_directory(path, path);
    }
    fs::path file(path);
    fs::path parent = file.parent_path();
    read_file(parent.empty() ? fs::path(".") : parent, file, false);
}

void CaptureWalk::read_directory(const Path& root, const Path& directory) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) return reject(directory.string(), 0, std::strerror(errno));
    DirectoryIdentity identity(info.st_dev, info.st_ino);
    if (excluded_.contains(identity)) {
        CaptureBatch batch;
        batch.results.emplace_back(Skip{InputLocation{directory.string(), 0}, std::string(kDatabaseDirectory), false});
        ready_.push_back(std::move(batch));
        return;
    }
    if (walking_.contains(identity))
        return reject(directory.string(), 0, "directory loop (symbolic link to a parent), skipped");

    std::vector<fs::path> entries;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        if (!it->path().filename().native().starts_with('.')) entries.push_back(it->path());
    }
    if (error) return reject(directory.string(), 0, error.message());
    std::sort(entries.begin(), entries.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().native() < b.filename().native(); });

    // The entries are walked next, before the steps after this directory.
    walking_.insert(identity);
    std::vector<Step> steps;
    steps.reserve(entries.size() + 1);
    for (fs::path& entry : entries) steps.push_back({Step::Kind::kEntry, std::move(entry), root, {}});
    steps.push_back({Step::Kind::kLeave, {}, {}, identity});
    steps_.insert(steps_.begin(), std::make_move_iterator(steps.begin()),
                  std::make_move_iterator(steps.end()));
}

void CaptureWalk::read_entry(const Path& root, const Path& entry) {
    std::error_code error;
    fs::file_status status = fs::status(entry, error);
    if (error) {
        reject(entry.string(), 0, error.message());
    } else if (fs::is_directory(status)) {
        if (options_.format == InputFormat::kNewsDiffs ||
            (options_.format == InputFormat::kAuto && is_git_repository(entry)))
            return open_archive(entry, InputFormat::kNewsDiffs);
        read_directory(root, entry);
    } else if (fs::is_regular_file(status)) {
        read_file(root, entry, true);
    } else {
        reject(entry.string(), 0, "not a regular file, skipped");
    }
}

void CaptureWalk::read_file(const Path& root, const Path& file, bool in_tree) {
    std::string name = file.string();
    InputFormat format = options_.format;
    // What the last completed run read of it (file_cursor.h), looked up
    // before the file is opened: a tree of snapshots unchanged since costs
    // a stat per file. An archive's cursor is its reader's, not a FileCursor.
    std::optional<Tracked> tracked;
    std::optional<FileCursor> last;
    FileChange change = FileChange::kRewritten;
    if (options_.cursors != nullptr && !is_archive_format(format)) {
        if (std::optional<FileStamp> stamp = stamp_of(file)) {
            tracked = Tracked{file, input_identity(file), *stamp};
            last = last_cursor(tracked->identity);
            if (last) change = file_change(*last, file, *stamp);
        }
    }
    if (last && change == FileChange::kUnchanged) {
        ++counts_.files;
        return;
    }
    if (format == InputFormat::kAuto && is_sqlite_file(file)) format = InputFormat::kDiffengine;
    if (format == InputFormat::kNewsDiffs) {
        ++counts_.files;
        return reject(name, 0, "not a git repository (--input-format newsdiffs reads directories)");
    }
    // Told before the whole stream is gunzipped: a bad member further on is
    // the WARC reader's to name.
    if (format == InputFormat::kAuto && is_warc_file(file)) return open_archive(file, InputFormat::kWarc);
    if (is_archive_format(format) && format != InputFormat::kWarc) {
        // kDiffengine stands for any SQLite file here: the reader tells
        // diffengine's schema from a NewsEdits file unless one was forced.
        return open_archive(file, options_.format == InputFormat::kAuto ? InputFormat::kAuto : format);
    }
    try {
        auto input = std::make_unique<InputFile>(name);
        if (last && change == FileChange::kGrown) {
            // Only what follows the lines read: a resumed file is never blank.
            input->resume_at(last->offset, last->line, last->compressed);
            ++counts_.files;
            lines_ = OpenLines{std::move(input), false,        counts_.records, last->line,
                               tracked,          last->offset, last->line,      false};
            return;
        }
        if (format == InputFormat::kWarc || (format == InputFormat::kAuto && input->starts_with("WARC/"))) {
            input.reset();
            return open_archive(file, InputFormat::kWarc);
        }
        ++counts_.files;
        std::optional<char> first = input->first_visible_byte();
        if (format == InputFormat::kJsonLines || (format == InputFormat::kAuto && (!first || *first == '{'))) {
            lines_ = OpenLines{std::move(input), in_tree, counts_.records, 0, tracked, 0, 0, false};
        } else if (in_tree && format == InputFormat::kAuto && !has_snapshot_name(file)) {
            CaptureBatch batch;
            batch.results.emplace_back(Skip{InputLocation{name, 0}, kStrayFile, true});
            ready_.push_back(std::move(batch));
            if (tracked) keep_cursor(*tracked, FileCursor::Kind::kStray);
        } else {
            // Read whole, whatever comes of it: a rejected snapshot is
            // reported once, until it changes.
            if (tracked) keep_cursor(*tracked, FileCursor::Kind::kSnapshot);
            read_snapshot(*input, root, file);
        }
    } catch (const InputError& error) {
        reject(name, 0, error.what());
    }
}

std::optional<FileCursor> CaptureWalk::last_cursor(const std::string& identity) const {
    if (options_.cursors == nullptr) return std::nullopt;
    auto found = options_.cursors->find(identity);
    if (found == options_.cursors->end()) return std::nullopt;
    return FileCursor::decode(found->second);
}

void CaptureWalk::keep_cursor(const Tracked& tracked, FileCursor::Kind kind) {
    FileCursor cursor;
    cursor.kind = kind;
    cursor.stamp = tracked.stamp;
    cursor.covered = tracked.stamp.size;
    std::optional<std::uint64_t> print = fingerprint(tracked.file, cursor.covered);
    if (!print) return;  // it shrank meanwhile: read it again next time
    cursor.fingerprint = *print;
    counts_.cursors.push_back({tracked.identity, cursor.encode()});
}

void CaptureWalk::keep_lines_cursor() {
    if (!lines_->tracked) return;
    const Tracked& tracked = *lines_->tracked;
    FileCursor cursor;
    cursor.kind = FileCursor::Kind::kLines;
    cursor.stamp = tracked.stamp;
    cursor.offset = lines_->cursor_offset;
    cursor.line = lines_->cursor_line;
    cursor.compressed = lines_->input->compressed();
    // Plain: the bytes read, which a file that grows keeps as they are.
    // Gzip: the file as it was when opened, which appending leaves alone.
    cursor.covered = cursor.compressed ? tracked.stamp.size : cursor.offset;
    std::optional<std::uint64_t> print = fingerprint(tracked.file, cursor.covered);
    if (!print) return;
    cursor.fingerprint = *print;
    counts_.cursors.push_back({tracked.identity, cursor.encode()});
}

void CaptureWalk::read_lines() {
    InputFile& input = *lines_->input;
    CaptureBatch batch;
    batch.file = input.name();
    InputFile::Line line;
    bool more = true;
    try {
        while (batch.text.size() < kBatchBytes && batch.lines.size() < kBatchLines) {
            more = input.next_line(options_.max_record_bytes, line);
            if (!more) break;
            lines_->line = line.number;
            // A last line without its newline in a file with a cursor: the
            // file may still be being written. Unless it is a whole JSON
            // value already, it waits for the next run, the cursor before it.
            if (!line.terminated && !line.too_large && lines_->tracked &&
                !nlohmann::json::accept(line.text)) {
                lines_->waiting = true;
                continue;
            }
            lines_->cursor_offset = input.offset();
            // A record taken without its newline: the rest of its line, when
            // it comes, is this line again (and blank).
            lines_->cursor_line = line.terminated ? line.number : line.number - 1;
            if (!line.too_large && is_blank_line(line.text)) continue;
            ++counts_.records;
            batch.lines.push_back({batch.text.size(), line.text.size(), line.number,
                                   line.too_large ? line.bytes : 0});
            batch.text += line.text;
        }
        if (!batch.lines.empty()) ready_.push_back(std::move(batch));
    } catch (const InputError& error) {
        // The data ends in the middle: keep what came before, say where.
        more = false;
        if (!batch.lines.empty()) ready_.push_back(std::move(batch));
        reject(input.name(), lines_->line + 1, error.what());
    }
    if (more) return;
    if (lines_->in_tree && counts_.records == lines_->records_before && !lines_->waiting)
        reject(input.name(), 0, kBlankFile);
    keep_lines_cursor();
    lines_.reset();
}

void CaptureWalk::open_archive(const Path& path, InputFormat format) {
    ++counts_.files;
    archive_identity_ = input_identity(path);
    ArchiveInput input{path, path.string(), std::nullopt, &options_};
    if (options_.cursors != nullptr) {
        auto found = options_.cursors->find(archive_identity_);
        if (found != options_.cursors->end()) input.cursor = found->second;
    }
    switch (format) {
        case InputFormat::kNewsDiffs: archive_ = open_newsdiffs_repository(input); break;
        case InputFormat::kWarc: archive_ = open_warc_archive(input); break;
        default: archive_ = open_sqlite_archive(input, format); break;
    }
}

void CaptureWalk::read_archive() {
    if (std::optional<CaptureBatch> batch = archive_->next()) {
        ready_.push_back(std::move(*batch));
        return;
    }
    counts_.records += archive_->records();
    if (std::optional<std::string> cursor = archive_->cursor())
        counts_.cursors.push_back({archive_identity_, std::move(*cursor)});
    archive_.reset();
}

void CaptureWalk::read_snapshot(InputFile& input, const Path& root, const Path& file) {
    std::uint64_t total_bytes = 0;
    std::string text = input.rest(options_.max_record_bytes, total_bytes);
    if (!is_utf8_text(text, total_bytes > text.size())) return reject(input.name(), 0, kUnknownKind);
    ++counts_.records;
    if (total_bytes > options_.max_record_bytes)
        return reject(input.name(), 0, fmt::format("record too large: {} bytes", total_bytes));

    SnapshotPlace place{root, file, 0};
    std::error_code error;
    fs::file_time_type modified = fs::last_write_time(file, error);
    if (!error) {
        auto seconds = std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(modified));
        place.modified = seconds.time_since_epoch().count();
    }
    CaptureBatch batch;
    try {
        batch.results.emplace_back(Capture{record_from_snapshot(text, place), InputLocation{input.name(), 0}});
    } catch (const BadRecord& bad) {
        return reject(input.name(), 0, bad.what());
    }
    ready_.push_back(std::move(batch));
}

}  // namespace newsindex::indexer
