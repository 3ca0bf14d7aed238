// The records of a WARC file, one after the other: the file's bytes with
// its gzip members inflated (zlib; a .warc.gz holds one member per record,
// so a record's offset is its member's offset in the file, as CDX indexes
// give it), cut into records by their header's Content-Length.
//
// libarchive's WARC reader (archive_read_support_format_warc, 3.6 and
// later) cannot be used for this: it refuses WARC/1.1 files, stops the
// whole file at a WARC-Date with a fraction of a second (allowed since
// 1.1), gives a record's WARC-Target-URI as a path without its scheme and
// host (the host is the article's source), drops records whose URI ends
// in "/" (most news sites' article URLs), and hides revisit records.
// What it would offer beyond that, the gzip members, zlib does with their
// exact offsets in the file, which the cursor needs to resume a growing
// file without reading it again.
#pragma once

#include "indexer/http_response.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace newsindex::indexer {

// Where a record starts: the file offset of the gzip member it starts in
// (of the record itself in a plain file), and how many inflated bytes of
// that member come before it (0 for a member per record).
// Whether `file` begins like a WARC file: "WARC/" plain, or as the first
// gzip member's first bytes. Only the first member is inflated, so a bad
// member further on does not hide the file's kind (it is named by the
// reader, and the members after it read). False for anything but a
// regular file.
bool is_warc_file(const std::filesystem::path& file);

struct WarcPosition {
    std::uint64_t offset = 0;
    std::uint64_t skip = 0;
    std::string to_string() const;  // "1234", or "1234+56" inside a member
};

struct WarcRecord {
    WarcPosition at;
    HeaderFields headers;  // the WARC named fields
    std::string block;     // Content-Length bytes
};

class WarcStream {
  public:
    // Reads `file` (kept open by the caller) from `start` to `end` (its
    // size when opened: what a writer appends meanwhile waits for the next
    // run). `max_record_bytes` bounds one record's block.
    WarcStream(std::FILE* file, WarcPosition start, std::uint64_t end, std::size_t max_record_bytes);

    enum class Status {
        kRecord,     // *record is the next record
        kBad,        // a bad record or gzip member: *reason says why, reading goes on after it
        kTruncated,  // the data ends inside the record at *where: stop, resume there next run
        kEnd,
    };
    struct Result {
        Status status = Status::kEnd;
        WarcRecord record;   // kRecord
        WarcPosition where;  // kBad, kTruncated: the record's position
        std::string reason;  // kBad
    };
    Result next();

  private:
    // Makes at least `n` inflated bytes available after consumed_;
    // false when the data (or the member: truncated_, bad_member_) ends first.
    bool fill(std::size_t n);
    bool read_input();
    bool start_member();
    WarcPosition position() const;
    void consume(std::size_t n);
    // After a bad gzip member: on at the next gzip member's magic bytes.
    void skip_bad_member();
    // After a bad record header: on at the next "WARC/" beginning a line.
    bool skip_to_next_header();

    std::FILE* file_;
    std::uint64_t end_;
    std::size_t max_record_bytes_;
    std::string data_;        // inflated bytes
    std::size_t consumed_ = 0;
    // The member being inflated (or the plain stretch being read): its
    // offset in the file and where its bytes start in the inflated stream.
    std::uint64_t member_offset_ = 0;
    std::uint64_t member_start_ = 0;  // in inflated bytes since the start
    std::uint64_t inflated_before_ = 0;  // inflated bytes erased from data_
    bool gzip_ = false;
    bool in_member_ = false;
    bool at_end_ = false;
    bool truncated_ = false;
    std::optional<std::string> bad_member_;
    // Input read from the file but not inflated yet, and the file offset of
    // its first byte.
    std::string input_;
    std::size_t input_used_ = 0;
    std::uint64_t input_offset_ = 0;
    struct Inflater;
    std::shared_ptr<Inflater> inflater_;
};

}  // namespace newsindex::indexer
