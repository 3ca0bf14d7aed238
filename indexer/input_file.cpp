#include "indexer/input_file.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <unistd.h>

namespace newsindex::indexer {

namespace {

constexpr std::size_t kBlockBytes = 1u << 20;
constexpr unsigned kCompressedBufferBytes = 256u << 10;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

InputFile::InputFile(const std::string& path) : name_(path == "-" ? "<stdin>" : path) {
    int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(std::strerror(errno));
    fd_ = fd;
    gz_ = ::gzdopen(fd, "rb");
    if (gz_ == nullptr) {
        int error = errno;
        ::close(fd);
        throw InputError(std::strerror(error != 0 ? error : ENOMEM));
    }
    ::gzbuffer(gz_, kCompressedBufferBytes);
    buffer_.resize(kBlockBytes);
}

InputFile::~InputFile() {
    if (gz_ != nullptr) ::gzclose(gz_);
}

bool InputFile::compressed() const { return ::gzdirect(gz_) == 0; }

void InputFile::resume_at(std::uint64_t offset, std::uint64_t line, bool compressed) {
    if (offset > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
        throw InputError("cannot resume reading: offset out of range");
    const auto at = static_cast<off_t>(offset);
    // A plain file is sought on its descriptor before zlib reads from it
    // (zlib would copy through the prefix); gzip data has no shortcut.
    if (compressed ? ::gzseek(gz_, at, SEEK_SET) != at : ::lseek(fd_, at, SEEK_SET) != at)
        throw InputError(fmt::format("cannot resume reading at byte {}", offset));
    base_ = offset;
    line_number_ = line;
}

bool InputFile::fill() {
    if (at_end_) return false;
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        base_ += begin_;
        begin_ = 0;
    }
    std::size_t room = std::min<std::size_t>(buffer_.size() - end_, INT_MAX);
    int got = ::gzread(gz_, buffer_.data() + end_, static_cast<unsigned>(room));
    if (got <= 0) {
        // A gzip stream cut short ends like a complete one, with 0, but
        // leaves Z_BUF_ERROR behind.
        int code = Z_OK;
        const char* message = ::gzerror(gz_, &code);
        if (code == Z_ERRNO) throw InputError(std::strerror(errno));
        if (got < 0 || code == Z_BUF_ERROR) {
            // zlib names the file "<fd:N>: "; the Rejection names it already.
            std::string_view reason = message;
            if (std::size_t colon = reason.find(": "); reason.starts_with("<fd:") && colon != reason.npos)
                reason.remove_prefix(colon + 2);
            throw InputError("corrupt gzip data: " + std::string(reason));
        }
    }
    if (got == 0) {
        at_end_ = true;
        return false;
    }
    end_ += static_cast<std::size_t>(got);
    return true;
}

std::optional<char> InputFile::first_visible_byte() {
    if (begin_ == end_) fill();
    std::string_view block(buffer_.data() + begin_, end_ - begin_);
    if (block.starts_with(kByteOrderMark)) block.remove_prefix(kByteOrderMark.size());
    auto visible = std::find_if_not(block.begin(), block.end(), is_blank);
    if (visible == block.end()) return std::nullopt;
    return *visible;
}

bool InputFile::starts_with(std::string_view prefix) {
    if (begin_ == end_) fill();
    return std::string_view(buffer_.data() + begin_, end_ - begin_).starts_with(prefix);
}

bool InputFile::next_line(std::size_t max_bytes, Line& line) {
    std::size_t scanned = 0;  // bytes after begin_ known to hold no line end
    for (;;) {
        const char* start = buffer_.data() + begin_;
        std::size_t available = end_ - begin_;
        const void* newline = std::memchr(start + scanned, '\n', available - scanned);
        if (newline != nullptr || (at_end_ && available > 0)) {
            std::size_t length =
                newline != nullptr ? static_cast<const char*>(newline) - start : available;
            begin_ += newline != nullptr ? length + 1 : length;
            std::string_view text(start, length);
            if (text.ends_with('\r')) text.remove_suffix(1);
            line.number = ++line_number_;
            if (line.number == 1 && text.starts_with(kByteOrderMark))
                text.remove_prefix(kByteOrderMark.size());
            line.bytes = text.size();
            line.too_large = text.size() > max_bytes;
            line.text = line.too_large ? std::string_view() : text;
            line.terminated = newline != nullptr;
            return true;
        }
        if (at_end_) return false;
        if (available > max_bytes) break;  // too long: skip to its end below
        scanned = available;
        if (begin_ == 0 && end_ == buffer_.size())
            buffer_.resize(std::max(buffer_.size(), std::min(2 * buffer_.size(), max_bytes + 2)));
        fill();
    }

    // The line is longer than allowed: count its bytes without keeping them.
    std::uint64_t length = end_ - begin_;
    base_ += end_;
    begin_ = end_ = 0;
    bool terminated = false;
    for (;;) {
        if (!fill()) break;
        const void* newline = std::memchr(buffer_.data(), '\n', end_);
        if (newline != nullptr) {
            std::size_t tail = static_cast<const char*>(newline) - buffer_.data();
            length += tail;
            begin_ = tail + 1;
            terminated = true;
            break;
        }
        length += end_;
        base_ += end_;
        end_ = 0;
    }
    line.number = ++line_number_;
    line.bytes = length;
    line.too_large = true;
    line.terminated = terminated;
    line.text = std::string_view();
    return true;
}

std::string InputFile::rest(std::size_t max_bytes, std::uint64_t& total_bytes) {
    std::string kept;
    total_bytes = 0;
    for (;;) {
        std::size_t available = end_ - begin_;
        total_bytes += available;
        if (kept.size() < max_bytes)
            kept.append(buffer_.data() + begin_, std::min(available, max_bytes - kept.size()));
        base_ += end_;
        begin_ = end_ = 0;
        if (!fill()) return kept;
    }
}

bool is_utf8_text(std::string_view bytes, bool may_be_cut) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const unsigned char* end = p + bytes.size();
    while (p < end) {
        unsigned char c = *p;
        if (c >= 0x01 && c < 0x80) {
            ++p;
            continue;
        }
        // Lead byte: sequence length and the allowed range of the second
        // byte (which excludes overlong forms, surrogates and > U+10FFFF).
        int length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return false;  // NUL, a continuation byte, or an invalid lead byte
        }
        for (int i = 1; i < length; ++i) {
            if (p + i == end) return may_be_cut;
            unsigned char next = p[i];
            if (i == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xBF)) return false;
        }
        p += length;
    }
    return true;
}

}  // namespace newsindex::indexer
