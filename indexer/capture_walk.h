// The reading side of read_captures: walks the paths in order, tells each
// file's kind by its content, reads text snapshots whole and cuts JSON
// Lines into batches for the CapturePipeline to parse.
#pragma once

#include "indexer/capture_pipeline.h"
#include "indexer/capture_reader.h"

#include <filesystem>
#include <set>
#include <string>
#include <sys/types.h>
#include <utility>

namespace newsindex::indexer {

class InputFile;

class CaptureWalk {
  public:
    CaptureWalk(const ReadOptions& options, CapturePipeline& pipeline)
        : options_(options), pipeline_(pipeline) {}

    // Reads one command-line path: "-", a file, or a directory (recursively,
    // in byte order of names, skipping names that start with a dot).
    // Problems become Rejections; throws only ReadingStopped.
    void read_path(const std::string& path);

    // Files opened and records seen so far.
    const ReadCounts& counts() const { return counts_; }

  private:
    using Path = std::filesystem::path;

    void read_directory(const Path& root, const Path& directory);
    // `root` is where a snapshot's source and article are counted from.
    // `in_tree`: found walking a directory, where a blank file is a snapshot
    // with nothing in it (rejected); named by the user, it is an empty JSON
    // Lines file.
    void read_file(const Path& root, const Path& file, bool in_tree);
    void read_json_lines(InputFile& input);
    void read_snapshot(InputFile& input, const Path& root, const Path& file);
    void reject(std::string file, std::uint64_t line, std::string reason);

    const ReadOptions& options_;
    CapturePipeline& pipeline_;
    ReadCounts counts_;
    // Directories being walked, by (device, inode): a symbolic link back to
    // one of them would make the walk endless.
    std::set<std::pair<dev_t, ino_t>> walking_;
};

}  // namespace newsindex::indexer
