#include "schema/values.h"

#include "schema/database_format.h"

#include <fmt/format.h>

#include <limits>

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

constexpr std::size_t kTimelineKeyBytes = 28;
constexpr std::int64_t kLatest = std::numeric_limits<std::int64_t>::max();

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
    out.reserve(kTimelineKeyBytes);
    append_big_endian(out, key.article, 8);
    append_big_endian(out, key.revision, 4);
    append_big_endian(out, static_cast<std::uint64_t>(key.captured_at), 8);
    append_big_endian(out, static_cast<std::uint64_t>(key.superseded_at.value_or(kLatest)), 8);
    return out;
}

TimelineKey decode_timeline_key(const std::string& bytes) {
    if (bytes.size() != kTimelineKeyBytes) {
        throw SchemaError(fmt::format("timeline slot holds {} bytes, not {}; the database is "
                                      "damaged (rebuild it with newsindex)",
                                      bytes.size(), kTimelineKeyBytes));
    }
    TimelineKey key;
    key.article = read_big_endian(bytes, 0, 8);
    key.revision = static_cast<std::uint32_t>(read_big_endian(bytes, 8, 4));
    key.captured_at = static_cast<std::int64_t>(read_big_endian(bytes, 12, 8));
    auto superseded = static_cast<std::int64_t>(read_big_endian(bytes, 20, 8));
    if (superseded != kLatest) key.superseded_at = superseded;
    return key;
}

std::string encode_time(double seconds) { return Xapian::sortable_serialise(seconds); }

std::string encode_never() {
    return Xapian::sortable_serialise(std::numeric_limits<double>::infinity());
}

double decode_number(const std::string& bytes) { return Xapian::sortable_unserialise(bytes); }

}  // namespace newsindex::schema
