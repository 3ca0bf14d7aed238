// A JSON Lines file's or a text snapshot's cursor (InputCursor::state):
// what the last completed run read of it, and how to tell, without reading
// it again, whether it is unchanged, grew, or changed in what was read.
//
// A file is told by its size and modification time (nanoseconds) when the
// run began reading it, and by a fingerprint of what was read: XXH3-64 of
// its first and last kFingerprintBytes on disk before `covered` (and of
// `covered` itself). A file rewritten in place with the same size and time
// and the same bytes at both ends is taken as unchanged: the price of never
// reading a whole file to find out.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace newsindex::indexer {

inline constexpr std::uint64_t kFingerprintBytes = 4096;

// A file's size and modification time, as stat(2) gives them.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t modified_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

// nullopt when the file cannot be stat'ed.
std::optional<FileStamp> stamp_of(const std::filesystem::path& file);

// The fingerprint of the first `covered` bytes of `file` on disk; nullopt
// when they cannot be read (the file is shorter now).
std::optional<std::uint64_t> fingerprint(const std::filesystem::path& file, std::uint64_t covered);

struct FileCursor {
    // kLines: a JSON Lines file, read to `offset`; kSnapshot: a snapshot
    // read whole; kStray: a file of a snapshot tree that is no snapshot,
    // reported once.
    enum class Kind { kLines, kSnapshot, kStray };
    Kind kind = Kind::kLines;
    FileStamp stamp;              // when the run began reading it
    std::uint64_t offset = 0;     // kLines: bytes of content (decompressed) in complete lines read
    std::uint64_t line = 0;       // kLines: the number of lines before offset
    bool compressed = false;      // kLines: gzip
    std::uint64_t covered = 0;    // bytes on disk the fingerprint covers
    std::uint64_t fingerprint = 0;

    // The state kept in the database, and back (nullopt: not a file's
    // cursor, or an older encoding: the file is read whole).
    std::string encode() const;
    static std::optional<FileCursor> decode(std::string_view state);
};

// What became of a file since its cursor was kept.
enum class FileChange {
    kUnchanged,  // same stamp and fingerprint: nothing to read
    kGrown,      // kLines only: what was read is still there, and more may follow it
    kRewritten,  // read it whole again
};
FileChange file_change(const FileCursor& cursor, const std::filesystem::path& file, const FileStamp& now);

}  // namespace newsindex::indexer
