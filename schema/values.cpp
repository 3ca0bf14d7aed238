#include "schema/values.h"

#include "schema/database_format.h"

#include <fmt/format.h>

#include <limits>
#include <string_view>

namespace newsindex::schema {

namespace {

void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t read_big_endian(const std::string& bytes, std::size_t at, int count) {
    std::uint64_t value = 0;
    for (int i = 0; i < count; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

// Little-endian base-128: seven bits a byte, the high bit set on every byte
// but the last. Signed numbers are zigzag-mapped first.
void append_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

std::uint64_t zigzag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value) {
    return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

// `slot_name` ("timeline slot", "version id slot") opens the message.
SchemaError damaged_slot(std::string_view slot_name, std::string_view why) {
    return SchemaError(fmt::format("{} {}; the database is damaged (rebuild it with newsindex)",
                                   slot_name, why));
}

constexpr std::string_view kTimelineSlot = "timeline slot";
constexpr std::string_view kVersionIdSlot = "version id slot";
constexpr std::string_view kCapturesSlot = "captures slot";

SchemaError damaged_timeline_key(std::string_view why) { return damaged_slot(kTimelineSlot, why); }

// Reads one varint at `at`, and moves `at` past it.
std::uint64_t read_varint(const std::string& bytes, std::size_t& at, std::string_view slot_name) {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (at == bytes.size()) throw damaged_slot(slot_name, "ends inside a number");
        auto byte = static_cast<unsigned char>(bytes[at++]);
        if (shift == 63 && (byte & 0x7E) != 0) break;  // bits past the 64th
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return value;
    }
    throw damaged_slot(slot_name, "holds a number longer than 64 bits");
}

// A time and a sequence, each zigzag-mapped: a version id, and the first
// capture of a list.
void append_time_and_sequence(std::string& out, std::int64_t time, std::int64_t sequence) {
    append_varint(out, zigzag(time));
    append_varint(out, zigzag(sequence));
}

CaptureStamp read_time_and_sequence(const std::string& bytes, std::size_t& at,
                                    std::string_view slot_name) {
    CaptureStamp stamp;
    stamp.time = unzigzag(read_varint(bytes, at, slot_name));
    stamp.sequence = unzigzag(read_varint(bytes, at, slot_name));
    return stamp;
}

void expect_end(const std::string& bytes, std::size_t at, std::string_view slot_name,
                std::string_view what) {
    if (at != bytes.size()) {
        throw damaged_slot(slot_name,
                           fmt::format("holds {} bytes past its {}", bytes.size() - at, what));
    }
}

constexpr int kDigestBytes = 8;
// The digest, and three varints of at most ten bytes each.
constexpr std::size_t kTimelineKeyMaxBytes = kDigestBytes + 3 * 10;

}  // namespace

std::string encode_digest(std::uint64_t digest) {
    std::string bytes;
    append_big_endian(bytes, digest, 8);
    return bytes;
}

std::uint64_t decode_digest(const std::string& bytes) {
    return read_big_endian(bytes, 0, static_cast<int>(bytes.size()));
}

std::string encode_timeline_key(const TimelineKey& key) {
    std::string out;
    out.reserve(kTimelineKeyMaxBytes);
    append_big_endian(out, key.article, kDigestBytes);
    append_varint(out, key.revision);
    append_varint(out, zigzag(key.captured_at));
    // 0 for the latest revision, else 1 + the zigzagged time after captured_at
    // (a few bytes: revisions are hours or days apart).
    append_varint(out, key.superseded_at
                           ? zigzag(static_cast<std::int64_t>(
                                 static_cast<std::uint64_t>(*key.superseded_at) -
                                 static_cast<std::uint64_t>(key.captured_at))) +
                                 1
                           : 0);
    return out;
}

std::string article_order_key(const TimelineKey& key) {
    std::string out;
    out.reserve(kDigestBytes + 4);
    append_big_endian(out, key.article, kDigestBytes);
    append_big_endian(out, key.revision, 4);
    return out;
}

TimelineKey decode_timeline_key(const std::string& bytes) {
    if (bytes.size() < static_cast<std::size_t>(kDigestBytes)) {
        throw damaged_timeline_key(fmt::format("holds {} bytes, fewer than the article digest's {}",
                                               bytes.size(), kDigestBytes));
    }
    TimelineKey key;
    key.article = read_big_endian(bytes, 0, kDigestBytes);
    std::size_t at = kDigestBytes;
    std::uint64_t revision = read_varint(bytes, at, kTimelineSlot);
    if (revision > std::numeric_limits<std::uint32_t>::max()) {
        throw damaged_timeline_key(fmt::format("holds revision {}", revision));
    }
    key.revision = static_cast<std::uint32_t>(revision);
    key.captured_at = unzigzag(read_varint(bytes, at, kTimelineSlot));
    if (std::uint64_t superseded = read_varint(bytes, at, kTimelineSlot); superseded != 0) {
        key.superseded_at = static_cast<std::int64_t>(
            static_cast<std::uint64_t>(key.captured_at) +
            static_cast<std::uint64_t>(unzigzag(superseded - 1)));
    }
    expect_end(bytes, at, kTimelineSlot, "key");
    return key;
}

std::string encode_version_id(const VersionId& id) {
    std::string out;
    append_time_and_sequence(out, id.created_at, id.sequence);
    return out;
}

VersionId decode_version_id(const std::string& bytes) {
    std::size_t at = 0;
    CaptureStamp id = read_time_and_sequence(bytes, at, kVersionIdSlot);
    expect_end(bytes, at, kVersionIdSlot, "id");
    return {id.time, id.sequence};
}

std::string encode_captures(const std::vector<CaptureStamp>& captures) {
    std::string out;
    if (captures.empty()) return out;
    append_time_and_sequence(out, captures.front().time, captures.front().sequence);
    append_varint(out, 1);
    for (std::size_t i = 1; i < captures.size();) {
        const auto gap = static_cast<std::uint64_t>(captures[i].time - captures[i - 1].time);
        const std::int64_t sequence = captures[i].sequence;
        std::size_t end = i + 1;
        while (end < captures.size() && captures[end].sequence == sequence &&
               static_cast<std::uint64_t>(captures[end].time - captures[end - 1].time) == gap) {
            ++end;
        }
        append_varint(out, gap);
        append_varint(out, zigzag(sequence));
        append_varint(out, end - i);
        i = end;
    }
    return out;
}

namespace {

// Calls visit(stamp) for each capture of an encoded list, in order.
template <typename Visit>
void walk_captures(const std::string& bytes, Visit&& visit) {
    std::size_t at = 0;
    std::uint64_t total = 0;
    CaptureStamp previous;
    while (at < bytes.size()) {
        const std::uint64_t gap = read_varint(bytes, at, kCapturesSlot);
        const std::int64_t sequence = unzigzag(read_varint(bytes, at, kCapturesSlot));
        const std::uint64_t count = read_varint(bytes, at, kCapturesSlot);
        if (count == 0 || count > kMaxCapturesPerVersion - total || (total == 0 && count != 1)) {
            throw damaged_slot(kCapturesSlot, fmt::format("holds a run of {} captures", count));
        }
        for (std::uint64_t k = 0; k < count; ++k) {
            CaptureStamp stamp{total == 0 ? unzigzag(gap)
                                          : static_cast<CaptureTime>(
                                                static_cast<std::uint64_t>(previous.time) + gap),
                               sequence};
            if (total > 0 && !(previous < stamp)) {
                throw damaged_slot(kCapturesSlot, "holds captures out of order");
            }
            visit(stamp);
            previous = stamp;
            ++total;
        }
    }
    if (total == 0) throw damaged_slot(kCapturesSlot, "holds no capture");
}

}  // namespace

std::vector<CaptureStamp> decode_captures(const std::string& bytes) {
    std::vector<CaptureStamp> captures;
    walk_captures(bytes, [&](const CaptureStamp& stamp) { captures.push_back(stamp); });
    return captures;
}

CaptureStamp first_capture(const std::string& bytes) {
    std::size_t at = 0;
    return read_time_and_sequence(bytes, at, kCapturesSlot);
}

CaptureStamp last_capture(const std::string& bytes) {
    CaptureStamp last;
    walk_captures(bytes, [&](const CaptureStamp& stamp) { last = stamp; });
    return last;
}

std::string encode_time(double seconds) { return Xapian::sortable_serialise(seconds); }

std::string encode_never() {
    return Xapian::sortable_serialise(std::numeric_limits<double>::infinity());
}

double decode_number(const std::string& bytes) { return Xapian::sortable_unserialise(bytes); }

}  // namespace newsindex::schema
