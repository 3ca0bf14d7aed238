#include "indexer/capture_walk.h"

#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "indexer/snapshot_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
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

}  // namespace

void CaptureWalk::reject(std::string file, std::uint64_t line, std::string reason) {
    CaptureBatch batch;
    batch.results.emplace_back(Rejection{InputLocation{std::move(file), line}, std::move(reason)});
    pipeline_.submit(std::move(batch));
}

void CaptureWalk::read_path(const std::string& path) {
    if (path == "-") {  // standard input is always JSON Lines
        try {
            InputFile input(path);
            ++counts_.files;
            read_json_lines(input);
        } catch (const InputError& error) {
            reject("<stdin>", 0, error.what());
        }
        return;
    }
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error) return reject(path, 0, error.message());
    if (fs::is_directory(status)) return read_directory(path, path);
    fs::path file(path);
    fs::path parent = file.parent_path();
    read_file(parent.empty() ? fs::path(".") : parent, file, false);
}

void CaptureWalk::read_directory(const Path& root, const Path& directory) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) != 0) return reject(directory.string(), 0, std::strerror(errno));
    auto identity = std::make_pair(info.st_dev, info.st_ino);
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

    walking_.insert(identity);
    for (const fs::path& entry : entries) {
        fs::file_status status = fs::status(entry, error);
        if (error) {
            reject(entry.string(), 0, error.message());
        } else if (fs::is_directory(status)) {
            read_directory(root, entry);
        } else if (fs::is_regular_file(status)) {
            read_file(root, entry, true);
        } else {
            reject(entry.string(), 0, "not a regular file, skipped");
        }
    }
    walking_.erase(identity);
}

void CaptureWalk::read_file(const Path& root, const Path& file, bool in_tree) {
    std::string name = file.string();
    try {
        InputFile input(name);
        ++counts_.files;
        std::optional<char> first = input.first_visible_byte();
        if (!first || *first == '{') {
            const std::uint64_t records_before = counts_.records;
            read_json_lines(input);
            if (in_tree && counts_.records == records_before) reject(name, 0, kBlankFile);
        } else {
            read_snapshot(input, root, file);
        }
    } catch (const InputError& error) {
        reject(name, 0, error.what());
    }
}

void CaptureWalk::read_json_lines(InputFile& input) {
    CaptureBatch batch;
    batch.file = input.name();
    auto submit_batch = [&] {
        if (batch.lines.empty()) return;
        pipeline_.submit(std::move(batch));
        batch = CaptureBatch{};
        batch.file = input.name();
    };
    InputFile::Line line;
    try {
        while (input.next_line(options_.max_record_bytes, line)) {
            if (!line.too_large && is_blank_line(line.text)) continue;
            ++counts_.records;
            batch.lines.push_back({batch.text.size(), line.text.size(), line.number,
                                   line.too_large ? line.bytes : 0});
            batch.text += line.text;
            if (batch.text.size() >= kBatchBytes || batch.lines.size() >= kBatchLines) submit_batch();
        }
        submit_batch();
    } catch (const InputError& error) {
        // The data ends in the middle: keep what came before, say where.
        submit_batch();
        reject(input.name(), line.number + 1, error.what());
    }
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
    pipeline_.submit(std::move(batch));
}

}  // namespace newsindex::indexer
