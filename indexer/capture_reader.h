// Reading captures from the inputs newsindex accepts: JSON Lines files
// (plain or gzip, detected by content), "-" for standard input, text
// snapshot trees (directories of single-capture files), and the field's
// archives (archive_reader.h: diffengine and NewsEdits databases, NewsDiffs
// git repositories, WARC files). Formats are documented in
// corpus/README.md.
#pragma once

#include "schema/version_record.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
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

// A record of an input that is not a capture and is passed over on purpose
// (a WARC record that is no HTML page, a redirect, a page without article
// text, a stray file in a snapshot tree): counted by reason, not an error.
// `reported`: also printed on stderr as one line (message()), for what a
// user should notice (a stray file); quiet for what an archive holds by
// the thousand (a WARC's images).
struct Skip {
    InputLocation where;
    std::string reason;  // short and fixed per kind, counted: "not HTML", "redirect"
    bool reported = false;
    std::string message() const;  // "newsindex: FILE:LINE: skipped: REASON"
};

// The reason of a Skip every archive gives: a page or version whose
// article text is empty once its HTML is read.
inline constexpr std::string_view kNoArticleText = "no article text";

// The reason counted for a capture seen again (schema::kSeenAgain) that
// has no version to extend: its article has none at or before its time.
inline constexpr std::string_view kSeenAgainUnmatched = "revisit of no version";

// The kinds of input. kAuto tells each file by its content (gzip magic,
// "SQLite format 3", "WARC/", "{", a git repository's directory); the
// others force one for every INPUT (--input-format).
enum class InputFormat { kAuto, kJsonLines, kSnapshot, kDiffengine, kNewsEdits, kNewsDiffs, kWarc };

// Where reading an input stopped, kept in the database in the same commit
// as the versions it covers (storage/input_cursors.h), so that the next run
// reads only what is new. `input` is the input's identity (its canonical
// path); `state` is the reader's own encoding (a file's size, modification
// time, fingerprint and offset; the last SQLite row id; the git commits
// seen; a WARC file's length), opaque to everything else.
struct InputCursor {
    std::string input;
    std::string state;
};

// The cursors of the last completed run, by input.
using InputCursors = std::map<std::string, std::string>;

struct ReadOptions {
    // Records larger than this (bytes of one JSON line or one snapshot file)
    // are rejected rather than loaded.
    std::size_t max_record_bytes = 64u << 20;
    // Threads that parse JSON Lines; 0 means one per processor core.
    unsigned parse_threads = 0;
    InputFormat format = InputFormat::kAuto;
    // The cursors of the last completed run; none: read every input whole.
    const InputCursors* cursors = nullptr;
    // Directories never walked into (the database being written, which a
    // user may keep inside the folder of captures): counted as skipped
    // (kDatabaseDirectory), not reported.
    std::vector<std::filesystem::path> excluded;
};

// The reason of a Skip for an excluded directory.
inline constexpr std::string_view kDatabaseDirectory = "the database itself";

struct ReadCounts {
    std::uint64_t files = 0;      // files opened (stdin counts as one)
    std::uint64_t records = 0;    // records seen, good or bad
    std::map<std::string, std::uint64_t> skipped;  // Skip::reason -> count
    // Each input's cursor after this run, for the inputs read to their end
    // (or to the last complete record), to be committed with the versions.
    std::vector<InputCursor> cursors;
};

// Reads every path in order, walking directories recursively in sorted
// order, and calls on_capture for each good record and on_rejection for each
// bad record, unreadable path, or file of an unknown kind, and on_skip (when
// given) for each Skip, after counting it. Never throws for
// bad input; returns the counts. A callback may throw to stop reading.
// Files are read and parsed on options.parse_threads threads (with one, on
// the calling thread), but the callbacks run on the calling thread, one at
// a time, in input order.
ReadCounts read_captures(const std::vector<std::string>& paths, const ReadOptions& options,
                         const std::function<void(Capture&&)>& on_capture,
                         const std::function<void(Rejection&&)>& on_rejection,
                         const std::function<void(Skip&&)>& on_skip = {});

}  // namespace newsindex::indexer
