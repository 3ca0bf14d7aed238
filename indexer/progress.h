// The one-line progress indicator of a long ingest: records read, versions
// added, records per second, and how far through the input bytes the run is
// where that is known. Redrawn in place (\r) on stderr, at most ten times a
// second, and only when stderr is a terminal and the run is not --quiet:
// logs and pipes get nothing of it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace newsindex::indexer {

class Progress {
  public:
    // `enabled` false makes every call a no-op. `inputs` are the INPUT paths:
    // their sizes (directories walked) give the total for the percentage.
    Progress(bool enabled, const std::vector<std::string>& inputs);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // After each record. `file` is where it came from: a change of file
    // counts the previous one as done.
    void record(const std::string& file, std::uint64_t records, std::uint64_t added);

    // Prints a whole line (a rejection) without mangling the indicator.
    void print_line(const std::string& line);

    // Clears the indicator for good.
    void finish();

    // True when stderr is a terminal.
    static bool stderr_is_terminal();

  private:
    void draw();
    void clear();

    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
    std::uint64_t total_bytes_ = 0;   // of regular files among the inputs
    std::uint64_t done_bytes_ = 0;    // of files finished
    std::uint64_t files_ = 0;         // files with a size counted in total_bytes_
    std::string current_file_;
    std::uint64_t records_ = 0;
    std::uint64_t added_ = 0;
};

}  // namespace newsindex::indexer
