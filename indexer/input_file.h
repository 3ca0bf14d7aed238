// One input opened for reading captures: a file, or "-" for standard input,
// plain or gzip-compressed. Compression is told by content (the gzip magic
// bytes), never by name: zlib reads plain data through unchanged. Data is
// read in large blocks and lines are handed out as views into the block, so
// a record is not copied before it is parsed.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct gzFile_s;

namespace newsindex::indexer {

// The reason an input cannot be read: the OS reason (strerror) for a path
// that cannot be opened, or zlib's for corrupt gzip data. Caught inside the
// input layer and turned into a Rejection; never leaves read_captures.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class InputFile {
  public:
    // Opens `path`; "-" means standard input (a duplicate of fd 0 is read
    // and closed, fd 0 itself stays open). Throws InputError.
    explicit InputFile(const std::string& path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    // The name used in messages: the path, or "<stdin>".
    const std::string& name() const { return name_; }

    // The first byte of the (decompressed) content that is not blank
    // (space, tab, CR, LF or a UTF-8 byte order mark), looking only at the
    // first block; nullopt when that block is all blank. Consumes nothing.
    std::optional<char> first_visible_byte();

    // Whether the (decompressed) content begins with `prefix`, looking only
    // at the first block. Consumes nothing.
    bool starts_with(std::string_view prefix);

    struct Line {
        std::string_view text;      // without "\n" or "\r\n"; valid until the next call
        std::uint64_t number = 0;   // 1-based
        std::uint64_t bytes = 0;    // the line's length without its line end
        bool too_large = false;     // longer than the limit: text is empty
        bool terminated = true;     // false: the content ends without the line's "\n"
    };

    // Reads the next line; false at the end. A line longer than max_bytes
    // is skipped to its end in bounded memory and returned with too_large
    // set. Throws InputError on a read error or corrupt gzip data.
    bool next_line(std::size_t max_bytes, Line& line);

    // Where reading goes on: bytes of (decompressed) content handed out.
    std::uint64_t offset() const { return base_ + begin_; }

    // Whether the content is gzip-compressed; known once something is read.
    bool compressed() const;

    // Before anything is read: goes on from `offset` of the content, whose
    // first line is number `line` + 1. A plain file is sought to it; a
    // gzip file is decompressed up to it, and what comes before is
    // dropped. Throws InputError.
    void resume_at(std::uint64_t offset, std::uint64_t line, bool compressed);

    // The rest of the content, at most max_bytes of it; `total_bytes` is
    // set to the size of the whole rest (reading past max_bytes without
    // keeping it). Throws InputError.
    std::string rest(std::size_t max_bytes, std::uint64_t& total_bytes);

  private:
    // Appends data after end_ (moving unread data to the front first);
    // false at the end of the input.
    bool fill();

    std::string name_;
    int fd_ = -1;  // owned by gz_
    gzFile_s* gz_ = nullptr;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;  // first unread byte
    std::size_t end_ = 0;    // end of the data read
    std::uint64_t base_ = 0;  // offset in the content of buffer_[0]
    bool at_end_ = false;
    std::uint64_t line_number_ = 0;
};

// True when `bytes` is UTF-8 text: well-formed UTF-8 (no overlong forms, no
// surrogates) without NUL bytes. With `may_be_cut`, an incomplete sequence
// at the very end is allowed (the text continues beyond what was read).
bool is_utf8_text(std::string_view bytes, bool may_be_cut = false);

}  // namespace newsindex::indexer
