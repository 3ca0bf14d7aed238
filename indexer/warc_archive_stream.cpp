#include "indexer/warc_archive_stream.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>

namespace newsindex::indexer {

namespace {

constexpr std::size_t kInputChunk = 1u << 16;
constexpr std::size_t kMaxHeaderBytes = 1u << 16;
// Consumed bytes are erased from the front of the buffer past this.
constexpr std::size_t kCompactBytes = 1u << 20;

}  // namespace

bool is_warc_file(const std::filesystem::path& file) {
    static constexpr std::string_view kMagic{"WARC/"};
    // A pipe (process substitution, a FIFO) is not looked into: what is
    // read here would be lost to the reader that follows.
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) return false;
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr) return false;
    char head[4096];
    std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    std::string_view bytes(head, n);
    if (bytes.starts_with(kMagic)) return true;
    if (!bytes.starts_with("\x1f\x8b")) return false;
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return false;
    char out[8];
    z.next_in = reinterpret_cast<Bytef*>(head);
    z.avail_in = static_cast<uInt>(n);
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = sizeof out;
    int status = Z_OK;
    while (status == Z_OK && z.avail_out > 0 && z.avail_in > 0) status = inflate(&z, Z_NO_FLUSH);
    std::size_t made = sizeof out - z.avail_out;
    inflateEnd(&z);
    return std::string_view(out, made).starts_with(kMagic);
}

std::string WarcPosition::to_string() const {
    return skip == 0 ? fmt::format("{}", offset) : fmt::format("{}+{}", offset, skip);
}

struct WarcStream::Inflater {
    z_stream stream{};
    bool ready = false;
    Inflater() { ready = inflateInit2(&stream, 16 + MAX_WBITS) == Z_OK; }
    ~Inflater() {
        if (ready) inflateEnd(&stream);
    }
};

WarcStream::WarcStream(std::FILE* file, WarcPosition start, std::uint64_t end, std::size_t max_record_bytes)
    : file_(file), end_(end), max_record_bytes_(max_record_bytes), input_offset_(start.offset),
      inflater_(std::make_shared<Inflater>()) {
    if (start.offset > end_ || std::fseek(file_, static_cast<long>(start.offset), SEEK_SET) != 0) {
        at_end_ = true;
        return;
    }
    for (std::uint64_t left = start.skip; left > 0;) {
        std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(left, kInputChunk));
        if (!fill(step)) break;
        consume(step);
        left -= step;
    }
}

bool WarcStream::read_input() {
    if (input_used_ > 0) {
        input_.erase(0, input_used_);
        input_offset_ += input_used_;
        input_used_ = 0;
    }
    std::uint64_t next = input_offset_ + input_.size();
    if (next >= end_) return false;
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kInputChunk, end_ - next));
    std::size_t had = input_.size();
    input_.resize(had + want);
    std::size_t got = std::fread(input_.data() + had, 1, want, file_);
    input_.resize(had + got);
    return got > 0;
}

bool WarcStream::start_member() {
    while (input_.size() - input_used_ < 2 && read_input()) {
    }
    if (input_.size() == input_used_) {
        at_end_ = true;
        return false;
    }
    gzip_ = input_.size() - input_used_ >= 2 && static_cast<unsigned char>(input_[input_used_]) == 0x1f &&
            static_cast<unsigned char>(input_[input_used_ + 1]) == 0x8b;
    if (gzip_) {
        if (!inflater_->ready) {
            bad_member_ = "cannot start zlib";
            return false;
        }
        inflateReset(&inflater_->stream);
    }
    member_offset_ = input_offset_ + input_used_;
    member_start_ = inflated_before_ + data_.size();
    in_member_ = true;
    return true;
}

bool WarcStream::fill(std::size_t n) {
    while (data_.size() - consumed_ < n) {
        if (bad_member_ || truncated_) return false;
        if (!in_member_) {
            if (at_end_ || !start_member()) return false;
            continue;
        }
        if (input_used_ == input_.size() && !read_input()) {
            in_member_ = false;
            if (gzip_) truncated_ = true;  // the file ends inside a gzip member
            else at_end_ = true;
            return false;
        }
        if (!gzip_) {
            data_.append(input_, input_used_, std::string::npos);
            input_used_ = input_.size();
            continue;
        }
        z_stream& z = inflater_->stream;
        char out[kInputChunk];
        z.next_in = reinterpret_cast<Bytef*>(input_.data() + input_used_);
        z.avail_in = static_cast<uInt>(input_.size() - input_used_);
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        int status = inflate(&z, Z_NO_FLUSH);
        std::size_t used = (input_.size() - input_used_) - z.avail_in;
        std::size_t made = sizeof out - z.avail_out;
        input_used_ += used;
        data_.append(out, made);
        if (status == Z_STREAM_END) {
            in_member_ = false;
        } else if (status == Z_BUF_ERROR && used == 0 && made == 0 && z.avail_in > 0) {
            bad_member_ = "inflate makes no progress";
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            bad_member_ = z.msg != nullptr ? z.msg : "corrupt data";
        }
    }
    return true;
}

WarcPosition WarcStream::position() const {
    std::uint64_t inflated = inflated_before_ + consumed_;
    if (at_end_ && consumed_ == data_.size()) return {input_offset_ + input_used_, 0};
    if (!gzip_) return {member_offset_ + (inflated - member_start_), 0};
    return {member_offset_, inflated - member_start_};
}

void WarcStream::consume(std::size_t n) {
    consumed_ += n;
    if (consumed_ > kCompactBytes && consumed_ * 2 > data_.size()) {
        data_.erase(0, consumed_);
        inflated_before_ += consumed_;
        consumed_ = 0;
    }
}

void WarcStream::skip_bad_member() {
    // What the bad member gave is dropped; the search starts past its magic.
    data_.resize(consumed_);
    bad_member_.reset();
    in_member_ = false;
    std::uint64_t from = member_offset_ + 1;
    if (std::fseek(file_, static_cast<long>(from), SEEK_SET) != 0) {
        at_end_ = true;
        return;
    }
    input_.clear();
    input_used_ = 0;
    input_offset_ = from;
    static constexpr std::string_view kMagic{"\x1f\x8b\x08", 3};
    while (read_input()) {
        std::size_t found = std::string_view(input_).find(kMagic);
        if (found != std::string_view::npos) {
            input_used_ = found;
            return;
        }
        // Keep the last bytes: the magic may straddle two reads.
        input_used_ = input_.size() > 2 ? input_.size() - 2 : 0;
    }
    input_used_ = input_.size();
    at_end_ = true;
}

bool WarcStream::skip_to_next_header() {
    consume(1);
    while (true) {
        std::string_view view(data_.data() + consumed_, data_.size() - consumed_);
        std::size_t found = view.find("\nWARC/");
        if (found != std::string_view::npos) {
            consume(found + 1);
            return true;
        }
        std::size_t keep = std::min<std::size_t>(view.size(), 5);
        consume(view.size() - keep);
        if (!fill(keep + kInputChunk) && data_.size() - consumed_ == keep) {
            consume(keep);
            return false;
        }
    }
}

WarcStream::Result WarcStream::next() {
    Result result;
    // Blank lines between records (the separator, or a writer's extra).
    while (fill(1) && (data_[consumed_] == '\r' || data_[consumed_] == '\n')) consume(1);
    result.where = position();
    if (data_.size() == consumed_) {
        if (bad_member_) {
            result.status = Status::kBad;
            result.where = {member_offset_, 0};
            result.reason = fmt::format("bad gzip member: {}", *bad_member_);
            skip_bad_member();
        } else if (truncated_) {
            result.status = Status::kTruncated;
        }
        return result;
    }
    auto stopped = [&](Result& r) {
        // The data ended (or its member went bad) inside this record.
        if (bad_member_) {
            r.status = Status::kBad;
            r.reason = fmt::format("bad gzip member: {}", *bad_member_);
            r.where = {member_offset_, 0};
            skip_bad_member();
        } else {
            r.status = Status::kTruncated;
        }
        return r;
    };
    auto bad = [&](Result& r, std::string reason) {
        r.status = Status::kBad;
        r.reason = std::move(reason);
        skip_to_next_header();
        return r;
    };

    // The header: "WARC/1.1" and named fields, up to a blank line.
    std::size_t header_end = std::string_view::npos;
    std::size_t body_at = 0;
    for (std::size_t want = 256;; want *= 2) {
        bool more = fill(want);
        std::string_view view(data_.data() + consumed_, std::min(data_.size() - consumed_, kMaxHeaderBytes));
        if (!view.starts_with("WARC/") && view.size() >= 5) return bad(result, "not a WARC record header");
        if ((header_end = view.find("\r\n\r\n")) != std::string_view::npos) {
            body_at = header_end + 4;
            break;
        }
        if (view.size() >= kMaxHeaderBytes) return bad(result, "WARC record header without an end");
        if (!more) return stopped(result);
    }
    std::string_view header(data_.data() + consumed_, header_end);
    std::size_t first_line = header.find("\r\n");
    std::string_view version = header.substr(0, first_line);
    if (version.size() < 8 || version[5] < '0' || version[5] > '9' || version[6] != '.')
        return bad(result, fmt::format("bad WARC version line \"{}\"", std::string(version.substr(0, 20))));
    try {
        result.record.headers = parse_header_fields(first_line == std::string_view::npos ? std::string_view{}
                                                                                          : header.substr(first_line + 2));
    } catch (const HttpError& error) {
        return bad(result, fmt::format("bad WARC header: {}", error.what()));
    }
    const std::string* length_field = result.record.headers.find("Content-Length");
    std::uint64_t length = 0;
    if (length_field == nullptr || length_field->empty() || length_field->size() > 18 ||
        !std::all_of(length_field->begin(), length_field->end(), [](char c) { return c >= '0' && c <= '9'; }))
        return bad(result, "WARC record without a valid Content-Length");
    length = std::stoull(*length_field);
    if (length > max_record_bytes_) {
        // Too large to load: passed over, unread.
        result.status = Status::kBad;
        result.reason = fmt::format("record too large: {} bytes", length);
        consume(body_at);
        for (std::uint64_t left = length; left > 0;) {
            std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(left, kInputChunk));
            if (!fill(step)) return stopped(result);
            consume(step);
            left -= step;
        }
        return result;
    }
    if (!fill(body_at + length)) return stopped(result);
    result.record.at = result.where;
    result.record.block.assign(data_, consumed_ + body_at, length);
    consume(body_at + length);
    result.status = Status::kRecord;
    return result;
}

}  // namespace newsindex::indexer
