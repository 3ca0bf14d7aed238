#include "indexer/capture_log.h"

#include "storage/write_failure.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace newsindex::indexer {

using storage::write_failure;

namespace {

// Appended records are written in blocks of about this size.
constexpr std::size_t kWriteBlock = 1 << 20;

// The spool format, private to this file: the string fields as a varint
// length and the bytes, then the numbers as varints (zigzag for signed).
void put_varint(std::string& out, std::uint64_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

void put_signed(std::string& out, std::int64_t n) {
    put_varint(out, (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
}

void put_string(std::string& out, const std::string& s) {
    put_varint(out, s.size());
    out += s;
}

class Reader {
  public:
    explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

    std::uint64_t varint() {
        std::uint64_t n = 0;
        for (int shift = 0; p_ < end_ && shift < 64; shift += 7) {
            auto byte = static_cast<unsigned char>(*p_++);
            n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) return n;
        }
        throw std::runtime_error("spool record cut short");
    }
    std::int64_t signed_varint() {
        std::uint64_t n = varint();
        return static_cast<std::int64_t>((n >> 1) ^ (~(n & 1) + 1));
    }
    std::string string() {
        std::uint64_t length = varint();
        if (length > static_cast<std::uint64_t>(end_ - p_)) throw std::runtime_error("spool record cut short");
        std::string s(p_, length);
        p_ += length;
        return s;
    }

  private:
    const char* p_;
    const char* end_;
};

std::string encode(const schema::VersionRecord& r) {
    std::string out;
    out.reserve(64 + r.title.size() + r.summary.size() + r.text.size() + r.url.size() +
                r.article_id.size() + r.article.identity.size());
    for (const std::string* field : {&r.article.source, &r.article.identity, &r.article_id, &r.url,
                                     &r.title, &r.summary, &r.text, &r.author, &r.language,
                                     &r.section}) {
        put_string(out, *field);
    }
    put_signed(out, r.captured_at);
    put_signed(out, r.sequence);
    put_varint(out, r.content_hash);
    put_varint(out, r.published ? 1 : 0);
    if (r.published) put_signed(out, *r.published);
    return out;
}

schema::VersionRecord decode(std::string_view bytes) {
    Reader in(bytes);
    schema::VersionRecord r;
    for (std::string* field : {&r.article.source, &r.article.identity, &r.article_id, &r.url,
                               &r.title, &r.summary, &r.text, &r.author, &r.language, &r.section}) {
        *field = in.string();
    }
    r.captured_at = in.signed_varint();
    r.sequence = in.signed_varint();
    r.content_hash = in.varint();
    if (in.varint() != 0) r.published = in.signed_varint();
    return r;
}

}  // namespace

CaptureLog::CaptureLog(std::filesystem::path spool, std::string database)
    : path_(std::move(spool)), database_(std::move(database)) {
    offsets_.push_back(0);
}

CaptureLog::~CaptureLog() {
    if (fd_ < 0) return;
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

void CaptureLog::append(const schema::VersionRecord& record) {
    buffer_ += encode(record);
    keys_.push_back({record.article.digest(), record.captured_at, record.sequence,
                     record.content_hash});
    offsets_.push_back(written_ + buffer_.size());
    if (fd_ < 0 && buffer_.size() > kMemoryBudget) spill();
    if (fd_ >= 0 && buffer_.size() >= kWriteBlock) flush_buffer();
}

void CaptureLog::finish_appending() {
    if (fd_ >= 0) flush_buffer();
}

void CaptureLog::spill() {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        throw write_failure(database_, fmt::format("cannot create {} ({})", path_.string(),
                                                   std::strerror(errno)));
    }
    flush_buffer();
    buffer_.shrink_to_fit();
}

void CaptureLog::flush_buffer() {
    const char* p = buffer_.data();
    std::size_t left = buffer_.size();
    while (left > 0) {
        ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            throw write_failure(database_, fmt::format("cannot write {} ({})", path_.string(),
                                                       std::strerror(errno)));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    written_ += buffer_.size();
    buffer_.clear();
}

std::uint64_t CaptureLog::record_bytes(std::size_t index) const {
    return offsets_[index + 1] - offsets_[index];
}

schema::VersionRecord CaptureLog::record(std::size_t index) const {
    if (fd_ < 0) return decode(std::string_view(buffer_).substr(offsets_[index], record_bytes(index)));
    std::string bytes(record_bytes(index), '\0');
    std::uint64_t offset = offsets_[index];
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done,
                            static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            throw write_failure(database_, fmt::format("cannot read back {} ({})", path_.string(),
                                                       n < 0 ? std::strerror(errno) : "cut short"));
        }
        done += static_cast<std::size_t>(n);
    }
    try {
        return decode(bytes);
    } catch (const std::runtime_error& error) {
        throw write_failure(database_, fmt::format("{} is damaged ({})", path_.string(), error.what()));
    }
}

}  // namespace newsindex::indexer
