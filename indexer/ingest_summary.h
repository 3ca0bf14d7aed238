// What a newsindex run did, for people (one line on stderr) and for
// programs (one JSON object, --json-summary).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace newsindex::indexer {

struct IngestSummary {
    std::string database;
    std::uint64_t files = 0;        // files opened (stdin counts as one)
    std::uint64_t records = 0;      // records read, good or bad
    std::uint64_t added = 0;        // captures that became a new version
    std::uint64_t unchanged = 0;    // same text as the version in force: its seen span grew
    std::uint64_t duplicates = 0;   // captures already in the database
    std::uint64_t rejected = 0;     // records, files and paths that could not be used
    std::uint64_t missing_inputs = 0;  // INPUT arguments that do not exist or cannot be read
    // Records and files passed over on purpose, by reason (Skip::reason):
    // not errors.
    std::map<std::string, std::uint64_t> skipped;
    double elapsed_seconds = 0;

    // "newsindex: 3 files, 4871 records: 4869 versions added, 0 unchanged,
    // 2 duplicates, 0 rejected in 2.41 s" — always this form, plurals
    // included, so that scripts can match it; when something was skipped,
    // its count and reasons (most first) follow "rejected": "…, 0 rejected,
    // 12 skipped (not HTML 10, redirect 2) in 2.41 s".
    std::string line() const;

    // {"files":3,"records":4871,"added":4869,"unchanged":0,"duplicates":2,
    //  "rejected":0,"skipped":{},"elapsed_seconds":2.41,"database":"/path/db"}:
    // exactly these keys, in this order; "skipped" maps each reason to its
    // count ({"not HTML":10,"redirect":2}).
    std::string json() const;

    // The records and files skipped, all reasons together.
    std::uint64_t skipped_total() const;

    // exit_code::kOk, kNoInput (an INPUT could not be read) or kDataError
    // (records or files were rejected).
    int exit_code() const;
};

}  // namespace newsindex::indexer
