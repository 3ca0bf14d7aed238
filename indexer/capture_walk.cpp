#include "indexer/capture_walk.h"

#include "indexer/archive_reader.h"
#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "indexer/snapshot_reader.h"
#include "indexer/warc_archive_stream.h"

#include <fmt/format.h>

#include <algorithm>
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
            lines_ = OpenLines{std::move(input), false, counts_.records, 0};
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
    if (format == InputFormat::kAuto && is_sqlite_file(file)) format = InputFormat::kDiffengine;
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
        if (format == InputFormat::kWarc || (format == InputFormat::kAuto && input->starts_with("WARC/"))) {
            input.reset();
            return open_archive(file, InputFormat::kWarc);
        }
        ++counts_.files;
        std::optional<char> first = input->first_visible_byte();
        if (format == InputFormat::kJsonLines || (format == InputFormat::kAuto && (!first || *first == '{'))) {
            lines_ = OpenLines{std::move(input), in_tree, counts_.records, 0};
        } else {
            read_snapshot(*input, root, file);
        }
    } catch (const InputError& error) {
        reject(name, 0, error.what());
    }
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
    if (lines_->in_tree && counts_.records == lines_->records_before) reject(input.name(), 0, kBlankFile);
    lines_.reset();
}

void CaptureWalk::open_archive(const Path& path, InputFormat format) {
    ++counts_.files;
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(path, error);
    archive_identity_ = error ? fs::absolute(path).string() : canonical.string();
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
