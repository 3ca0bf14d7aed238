// Reading captures from the inputs newsindex accepts: JSON Lines files
// (plain or gzip, detected by content), "-" for standard input, and text
// snapshot trees (directories of single-capture files). Formats are
// documented in corpus/README.md.
#pragma once

#include "schema/version_record.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace newsindex::indexer {

// Where a capture or a problem came from. line is 1-based; 0 means the
// whole file (a text snapshot, an unreadable path).
struct InputLocation {
    std::string file;
    std::uint64_t line = 0;
    std::string to_string() const;  // "file:line" or "file"
};

// A capture as read: the record with article identity resolved (source plus
// article_id, else normalised URL), content_hash set, revision unset.
struct Capture {
    schema::VersionRecord record;
    InputLocation where;
};

// A record or file that could not be used, and why. message() is the one
// line printed on stderr: "newsindex: FILE:LINE: REASON".
struct Rejection {
    InputLocation where;
    std::string reason;
    std::string message() const;
};

struct ReadOptions {
    // Records larger than this (bytes of one JSON line or one snapshot file)
    // are rejected rather than loaded.
    std::size_t max_record_bytes = 64u << 20;
    // Threads that parse JSON Lines; 0 means one per processor core.
    unsigned parse_threads = 0;
};

struct ReadCounts {
    std::uint64_t files = 0;      // files opened (stdin counts as one)
    std::uint64_t records = 0;    // records seen, good or bad
};

// Reads every path in order, walking directories recursively in sorted
// order, and calls on_capture for each good record and on_rejection for each
// bad record, unreadable path, or file of an unknown kind. Never throws for
// bad input; returns the counts. A callback may throw to stop reading.
// Files are read and parsed on options.parse_threads threads (with one, on
// the calling thread), but the callbacks run on the calling thread, one at
// a time, in input order.
ReadCounts read_captures(const std::vector<std::string>& paths, const ReadOptions& options,
                         const std::function<void(Capture&&)>& on_capture,
                         const std::function<void(Rejection&&)>& on_rejection);

}  // namespace newsindex::indexer
