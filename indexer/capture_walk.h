// The reading side of read_captures: walks the paths in order, tells each
// file's kind by its content, reads text snapshots whole and cuts JSON
// Lines into batches for the parser threads (parse_batch). The walk is
// stepped batch by batch (next()), so the thread that wants work reads it.
#pragma once

#include "indexer/capture_reader.h"
#include "indexer/file_cursor.h"

#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <utility>
#include <variant>
#include <vector>

namespace newsindex::indexer {

// A run of consecutive inputs in reading order: JSON lines still to be
// parsed, or other work left for a parser thread (`parse`: an archive's
// records to convert, HTML to extract), or results already known (a
// snapshot's capture, a rejected file); never more than one of these.
struct CaptureBatch {
    struct PendingLine {
        std::size_t offset = 0;  // into text
        std::size_t length = 0;
        std::uint64_t number = 0;
        std::uint64_t too_large_bytes = 0;  // nonzero: reject, do not parse
    };

    std::string file;  // name in locations
    std::string text;  // the pending lines back to back
    std::vector<PendingLine> lines;
    // Work for a parser thread that appends to results (and may use text).
    std::function<void(CaptureBatch&)> parse;
    std::vector<std::variant<Capture, Rejection, Skip>> results;
    // Records `parse` found (good, rejected and skipped), for a reader that
    // finds them on the parser thread (a NewsDiffs repository's files);
    // the walk counts all others.
    std::uint64_t records = 0;
};

// Parses every pending line of `batch`, or runs its `parse`, into its
// results.
void parse_batch(CaptureBatch& batch);

class InputFile;
class ArchiveReader;

class CaptureWalk {
  public:
    // The walk of `paths`, each "-", a file, or a directory (recursively, in
    // byte order of names, skipping names that start with a dot).
    CaptureWalk(const ReadOptions& options, const std::vector<std::string>& paths);
    ~CaptureWalk();

    // The next batch in reading order; nothing once every path is read.
    // Problems become Rejections in the batches; throws only what
    // allocation throws.
    std::optional<CaptureBatch> next();

    // Files opened and records seen so far.
    const ReadCounts& counts() const { return counts_; }

  private:
    using Path = std::filesystem::path;
    using DirectoryIdentity = std::pair<dev_t, ino_t>;

    // What is left to walk, in order: command-line paths, entries of the
    // directories being walked, and the end of each such directory.
    struct Step {
        enum class Kind { kPath, kEntry, kLeave } kind;
        Path path;
        Path root;  // kEntry: where a snapshot's source and article are counted from
        DirectoryIdentity identity{};  // kLeave
    };

    // A file read for a cursor: its identity (canonical path) and its
    // stamp before it was opened; none for standard input, or when the
    // caller keeps no cursors.
    struct Tracked {
        Path file;
        std::string identity;
        FileStamp stamp;
    };

    // The JSON Lines file being cut into batches.
    struct OpenLines {
        std::unique_ptr<InputFile> input;
        bool in_tree = false;
        std::uint64_t records_before = 0;  // counts_.records when it was opened
        std::uint64_t line = 0;            // the number of the last line read
        std::optional<Tracked> tracked;
        // Where its cursor stands: after the last complete line read.
        std::uint64_t cursor_offset = 0;
        std::uint64_t cursor_line = 0;
        bool waiting = false;  // its last line waits for its newline
    };

    void take(const Step& step);
    void read_path(const std::string& path);
    void read_directory(const Path& root, const Path& directory);
    void read_entry(const Path& root, const Path& entry);
    // `root` is where a snapshot's source and article are counted from.
    // `in_tree`: found walking a directory, where a blank file is a snapshot
    // with nothing in it (rejected); named by the user, it is an empty JSON
    // Lines file.
    void read_file(const Path& root, const Path& file, bool in_tree);
    // Cuts the next batch of lines_ (closing it at its end).
    void read_lines();
    void read_snapshot(InputFile& input, const Path& root, const Path& file);
    // The file's last cursor, if the caller keeps cursors and it has one of
    // this kind of file.
    std::optional<FileCursor> last_cursor(const std::string& identity) const;
    // Keeps a whole file's cursor (a snapshot's or a stray file's).
    void keep_cursor(const Tracked& tracked, FileCursor::Kind kind);
    // Keeps the cursor of lines_ at its end.
    void keep_lines_cursor();
    // Opens an archive (archive_reader.h) of `format` for next() to step.
    void open_archive(const Path& path, InputFormat format);
    // Takes the open archive's next batch, or closes it at its end, keeping
    // its cursor.
    void read_archive();
    void reject(std::string file, std::uint64_t line, std::string reason);

    const ReadOptions& options_;
    ReadCounts counts_;
    std::deque<Step> steps_;
    std::optional<OpenLines> lines_;
    // The archive being read, and its identity for its cursor.
    std::unique_ptr<ArchiveReader> archive_;
    std::string archive_identity_;
    std::deque<CaptureBatch> ready_;
    // Directories being walked, by (device, inode): a symbolic link back to
    // one of them would make the walk endless.
    std::set<DirectoryIdentity> walking_;
    // options_.excluded, by (device, inode).
    std::set<DirectoryIdentity> excluded_;
};

}  // namespace newsindex::indexer
