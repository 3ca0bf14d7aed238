#include "schema/stored_version.h"

#include "schema/values.h"

#include <msgpack.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>

namespace newsindex::schema {

namespace {

// Each stored key and the field of `record` it holds (const or not, as
// `record` is): the one table the writer and the reader both use.
template <class Record>
auto stored_fields(Record& record) {
    using Field = std::pair<std::string_view, decltype(&record.title)>;
    return std::array<Field, 10>{{
        {field::kSource, &record.article.source},
        {field::kArticleIdentity, &record.article.identity},
        {field::kArticleId, &record.article_id},
        {field::kUrl, &record.url},
        {field::kTitle, &record.title},
        {field::kSummary, &record.summary},
        {field::kText, &record.text},
        {field::kAuthor, &record.author},
        {field::kLanguage, &record.language},
        {field::kSection, &record.section},
    }};
}

// The non-empty fields, packed in key order. The identity is the article_id
// wherever the input gives one: stored only when it is something else (the
// normalised URL).
std::string packed_data(const VersionRecord& record) {
    auto fields = stored_fields(record);
    std::sort(fields.begin(), fields.end());
    auto stored = [&](const std::string* value) {
        return !value->empty() &&
               !(value == &record.article.identity && *value == record.article_id);
    };
    std::uint32_t present = 0;
    for (const auto& [name, value] : fields) present += stored(value);
    msgpack_sbuffer buffer;
    msgpack_sbuffer_init(&buffer);
    msgpack_packer packer;
    msgpack_packer_init(&packer, &buffer, msgpack_sbuffer_write);
    int failed = msgpack_pack_map(&packer, present);
    for (const auto& [name, value] : fields) {
        if (!stored(value)) continue;
        failed |= msgpack_pack_str_with_body(&packer, name.data(), name.size());
        failed |= msgpack_pack_str_with_body(&packer, value->data(), value->size());
    }
    std::string data(buffer.data, buffer.size);
    msgpack_sbuffer_destroy(&buffer);
    if (failed) throw std::bad_alloc();
    return data;
}

// Decodes the stored map straight into a VersionRecord: msgpack-c's objects
// point into the data, so each field is copied once. Search and timeline
// decode thousands of versions per query.
VersionRecord unpacked_data(const std::string& data) {
    msgpack_unpacked unpacked;
    msgpack_unpacked_init(&unpacked);
    std::unique_ptr<msgpack_unpacked, void (*)(msgpack_unpacked*)> guard(&unpacked,
                                                                          msgpack_unpacked_destroy);
    std::size_t offset = 0;
    msgpack_unpack_return status =
        msgpack_unpack_next(&unpacked, data.data(), data.size(), &offset);
    if (status == MSGPACK_UNPACK_NOMEM_ERROR) throw std::bad_alloc();
    const msgpack_object& map = unpacked.data;
    if (status != MSGPACK_UNPACK_SUCCESS || offset != data.size()) {
        throw std::runtime_error(fmt::format(
            "stored version data does not decode: {} at byte {} of {}",
            status == MSGPACK_UNPACK_CONTINUE ? "cut short" : "not MessagePack", offset,
            data.size()));
    }
    if (map.type != MSGPACK_OBJECT_MAP) {
        throw std::runtime_error("stored version data does not decode: not a map");
    }
    VersionRecord record;
    const auto fields = stored_fields(record);
    bool has_identity = false;
    for (const msgpack_object_kv& entry : std::span(map.via.map.ptr, map.via.map.size)) {
        if (entry.key.type != MSGPACK_OBJECT_STR) continue;
        std::string_view name(entry.key.via.str.ptr, entry.key.via.str.size);
        // A key this version does not know (a later schema's field) is
        // skipped, whatever it holds.
        auto known = std::find_if(fields.begin(), fields.end(),
                                  [&](const auto& f) { return f.first == name; });
        if (known == fields.end()) continue;
        std::string* target = known->second;
        has_identity |= target == &record.article.identity;
        if (entry.val.type != MSGPACK_OBJECT_STR) {
            throw std::runtime_error(
                fmt::format("stored version data: field \"{}\" is not a string", name));
        }
        target->assign(entry.val.via.str.ptr, entry.val.via.str.size);
    }
    if (!has_identity) record.article.identity = record.article_id;
    return record;
}

std::optional<CaptureTime> optional_time(const Xapian::Document& doc, Xapian::valueno slot) {
    std::string bytes = doc.get_value(slot);
    if (bytes.empty()) return std::nullopt;
    double seconds = decode_number(bytes);
    if (std::isinf(seconds)) return std::nullopt;
    return static_cast<CaptureTime>(seconds);
}

// A record's captures: as the indexer planned them, or for a record that
// has none, its first capture (and its last_seen, if later).
std::vector<CaptureStamp> captures_of(const VersionRecord& record) {
    if (!record.captures.empty()) return record.captures;
    std::vector<CaptureStamp> captures{{record.captured_at, record.sequence}};
    if (record.last_seen > record.captured_at) {
        captures.push_back({record.last_seen, record.sequence});
    }
    return captures;
}

void set_state(Xapian::Document& doc, std::uint32_t revision,
               std::optional<CaptureTime> superseded_at,
               const std::vector<CaptureStamp>& captures) {
    doc.add_value(slot::kCapturedAt, encode_time(static_cast<double>(captures.front().time)));
    doc.add_value(slot::kRevision, Xapian::sortable_serialise(revision));
    doc.add_value(slot::kSupersededAt, superseded_at
                                           ? encode_time(static_cast<double>(*superseded_at))
                                           : encode_never());
    doc.add_value(slot::kCaptures, encode_captures(captures));
}

// Rewrites slot::kTimeline from the slots it repeats.
void refresh_timeline_key(Xapian::Document& doc) {
    doc.add_value(slot::kTimeline,
                  encode_timeline_key({decode_digest(doc.get_value(slot::kArticle)),
                                       read_revision(doc), read_captured_at(doc),
                                       read_superseded_at(doc)}));
}

}  // namespace

void write_stored_version(Xapian::Document& doc, const VersionRecord& record) {
    doc.set_data(packed_data(record));

    doc.add_value(slot::kArticle, encode_digest(record.article.digest()));
    doc.add_value(slot::kContentHash, encode_digest(record.content_hash));
    if (record.published) {
        doc.add_value(slot::kPublished, encode_time(static_cast<double>(*record.published)));
    }
    set_state(doc, record.revision, record.superseded_at, captures_of(record));
    refresh_timeline_key(doc);
}

void write_version_state(Xapian::Document& doc, std::uint32_t revision,
                         std::optional<CaptureTime> superseded_at,
                         const std::vector<CaptureStamp>& captures, const VersionId& id) {
    set_state(doc, revision, superseded_at, captures);
    write_version_id(doc, id);
    refresh_timeline_key(doc);
}

void write_version_id(Xapian::Document& doc, const VersionId& id) {
    doc.add_value(slot::kVersionId, encode_version_id(id));
}

VersionRecord read_stored_data(const Xapian::Document& doc) {
    return unpacked_data(doc.get_data());
}

VersionRecord read_stored_version(const Xapian::Document& doc) {
    VersionRecord record = read_stored_data(doc);
    record.captured_at = read_captured_at(doc);
    record.revision = read_revision(doc);
    record.content_hash = read_content_hash(doc);
    record.captures = read_captures(doc);
    record.sequence = record.captures.front().sequence;
    record.last_seen = record.captures.back().time;
    record.superseded_at = read_superseded_at(doc);
    record.published = optional_time(doc, slot::kPublished);
    return record;
}

std::uint32_t read_revision(const Xapian::Document& doc) {
    return static_cast<std::uint32_t>(decode_number(doc.get_value(slot::kRevision)));
}

CaptureTime read_captured_at(const Xapian::Document& doc) {
    return static_cast<CaptureTime>(decode_number(doc.get_value(slot::kCapturedAt)));
}

std::int64_t read_sequence(const Xapian::Document& doc) {
    return first_capture(doc.get_value(slot::kCaptures)).sequence;
}

CaptureTime read_last_seen(const Xapian::Document& doc) {
    return last_capture(doc.get_value(slot::kCaptures)).time;
}

std::vector<CaptureStamp> read_captures(const Xapian::Document& doc) {
    return decode_captures(doc.get_value(slot::kCaptures));
}

std::optional<CaptureTime> read_superseded_at(const Xapian::Document& doc) {
    return optional_time(doc, slot::kSupersededAt);
}

std::uint64_t read_content_hash(const Xapian::Document& doc) {
    return decode_digest(doc.get_value(slot::kContentHash));
}

VersionId read_version_id(const Xapian::Document& doc) {
    return decode_version_id(doc.get_value(slot::kVersionId));
}

}  // namespace newsindex::schema
