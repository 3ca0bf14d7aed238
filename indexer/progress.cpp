#include "indexer/progress.h"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>

namespace newsindex::indexer {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
// Runs shorter than this show no indicator at all.
constexpr auto kFirstDraw = std::chrono::seconds(1);
// Erase to the end of the line: the new text may be shorter than the old.
constexpr const char* kClearLine = "\r\x1b[K";

// Sizes of the regular files under `inputs`, by path as the reader names them.
std::map<std::string, std::uint64_t> input_sizes(const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    std::map<std::string, std::uint64_t> sizes;
    std::error_code ec;
    for (const std::string& input : inputs) {
        if (input == "-") continue;
        if (fs::is_regular_file(input, ec)) {
            sizes[input] = fs::file_size(input, ec);
        } else if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec)) sizes[it->path().string()] = it->file_size(ec);
            }
        }
    }
    return sizes;
}

}  // namespace

bool Progress::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, const std::vector<std::string>& inputs)
    : enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ + kFirstDraw - kRedrawInterval) {
    if (!enabled_) return;
    for (const auto& [path, size] : input_sizes(inputs)) {
        total_bytes_ += size;
        ++files_;
    }
}

Progress::~Progress() { finish(); }

void Progress::record(const std::string& file, std::uint64_t records, std::uint64_t added) {
    if (!enabled_) return;
    if (file != current_file_) {
        if (!current_file_.empty() && current_file_ != "-") {
            std::error_code ec;
            auto size = std::filesystem::file_size(current_file_, ec);
            if (!ec) done_bytes_ += size;
        }
        current_file_ = file;
    }
    records_ = records;
    added_ = added;
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < kRedrawInterval) return;
    last_draw_ = now;
    draw();
}

void Progress::draw() {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = seconds > 0 ? static_cast<double>(records_) / seconds : 0;
    std::string text = fmt::format("newsindex: {} records, {} versions added, {:.0f} records/s",
                                   records_, added_, rate);
    // Within one file there is no position to report, so a percentage only
    // means something across several files.
    if (files_ > 1 && total_bytes_ > 0) {
        text += fmt::format(", {:.0f}% of {:.1f} MB", 100.0 * static_cast<double>(done_bytes_) /
                                                          static_cast<double>(total_bytes_),
                            static_cast<double>(total_bytes_) / 1e6);
    }
    fmt::print(stderr, "{}{}", kClearLine, text);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::clear() {
    if (!drawn_) return;
    fmt::print(stderr, "{}", kClearLine);
    std::fflush(stderr);
    drawn_ = false;
}

void Progress::print_line(const std::string& line) {
    clear();
    fmt::print(stderr, "{}\n", line);
    if (enabled_) draw();
}

void Progress::finish() {
    clear();
    enabled_ = false;
}

}  // namespace newsindex::indexer
