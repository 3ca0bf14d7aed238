// The field's archives as inputs: a diffengine or NewsEdits SQLite
// database, a NewsDiffs git repository, a WARC file. Each is read by its
// own reader, stepped batch by batch by the walk (capture_walk.h) like a
// JSON Lines file, from where the last completed run stopped (its cursor,
// kept in the database with the versions it covers) to the end. Formats,
// what maps to which field and what is skipped: corpus/README.md.
#pragma once

#include "indexer/capture_walk.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace newsindex::indexer {

// One archive to read.
struct ArchiveInput {
    std::filesystem::path path;  // the file, or the repository's directory
    std::string name;            // how messages name it (the path as found)
    // The reader's state after the last completed run (ArchiveReader::
    // cursor), nullopt: read everything.
    std::optional<std::string> cursor;
    const ReadOptions* options = nullptr;
};

class ArchiveReader {
  public:
    virtual ~ArchiveReader() = default;

    // The next batch in the archive's order, from the cursor on: captures,
    // rejections (one line naming the record: a row id, a commit, a WARC
    // record's offset, and the reason), skips, or work for a parser thread
    // (CaptureBatch::parse); nullopt at the end. An archive that cannot be
    // read at all (corrupt, missing objects) gives one rejection and ends.
    // Everything readable before and after a bad record is still given.
    // Throws only what allocation throws.
    virtual std::optional<CaptureBatch> next() = 0;

    // Once next() has returned nullopt: the state to keep for the next run
    // (everything read, including records rejected or skipped, is covered,
    // so a bad record is reported once); nullopt when nothing should be
    // kept (the archive could not be opened).
    virtual std::optional<std::string> cursor() const = 0;

    // Records seen so far by next(): good, rejected and skipped. A reader
    // that finds its records on the parser threads (a NewsDiffs
    // repository's files) counts them in CaptureBatch::records instead.
    virtual std::uint64_t records() const = 0;
};

// SQLite: diffengine's schema (entry, entryversion, feed, feedentry) or a
// NewsEdits file (entryversion with version and num_versions, and
// split_sentences); `format` kDiffengine or kNewsEdits forces the reading,
// kAuto tells them by their tables. Opened read-only, never blocking a
// writer of the file.
std::unique_ptr<ArchiveReader> open_sqlite_archive(const ArchiveInput& input, InputFormat format);

// A NewsDiffs git repository (one month of articles), through libgit2.
std::unique_ptr<ArchiveReader> open_newsdiffs_repository(const ArchiveInput& input);

// A WARC file (.warc, .warc.gz with one gzip member per record; WARC/1.0
// and 1.1): records framed by warc_archive_stream.h (why not libarchive:
// there), HTTP decoded, the article extracted from the HTML (libxml2).
std::unique_ptr<ArchiveReader> open_warc_archive(const ArchiveInput& input);

}  // namespace newsindex::indexer
