#include "schema/stored_version.h"

#include "schema/values.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace newsindex::schema {

namespace {

void put(nlohmann::json& map, std::string_view name, const std::string& value) {
    if (!value.empty()) map[std::string(name)] = value;
}

std::string get(const nlohmann::json& map, std::string_view name) {
    auto it = map.find(std::string(name));
    return it == map.end() ? std::string() : it->get<std::string>();
}

std::optional<CaptureTime> optional_time(const Xapian::Document& doc, Xapian::valueno slot) {
    std::string bytes = doc.get_value(slot);
    if (bytes.empty()) return std::nullopt;
    double seconds = decode_number(bytes);
    if (std::isinf(seconds)) return std::nullopt;
    return static_cast<CaptureTime>(seconds);
}

}  // namespace

void write_stored_version(Xapian::Document& doc, const VersionRecord& record) {
    nlohmann::json map = nlohmann::json::object();
    put(map, field::kSource, record.article.source);
    // The identity is the article_id wherever the input gives one: stored
    // only when it is something else (the normalised URL).
    if (record.article.identity != record.article_id) {
        put(map, field::kArticleIdentity, record.article.identity);
    }
    put(map, field::kArticleId, record.article_id);
    put(map, field::kUrl, record.url);
    put(map, field::kTitle, record.title);
    put(map, field::kSummary, record.summary);
    put(map, field::kText, record.text);
    put(map, field::kAuthor, record.author);
    put(map, field::kLanguage, record.language);
    put(map, field::kSection, record.section);
    std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(map);
    doc.set_data(std::string(packed.begin(), packed.end()));

    write_first_capture(doc, record.captured_at, record.sequence);
    doc.add_value(slot::kArticle, encode_digest(record.article.digest()));
    doc.add_value(slot::kContentHash, encode_digest(record.content_hash));
    if (record.published) {
        doc.add_value(slot::kPublished, encode_time(static_cast<double>(*record.published)));
    }
    write_revision_state(doc, record.revision, record.last_seen, record.superseded_at);
}

void write_revision_state(Xapian::Document& doc, std::uint32_t revision, CaptureTime last_seen,
                          std::optional<CaptureTime> superseded_at) {
    doc.add_value(slot::kRevision, Xapian::sortable_serialise(revision));
    doc.add_value(slot::kLastSeen, encode_time(static_cast<double>(last_seen)));
    doc.add_value(slot::kSupersededAt, superseded_at
                                           ? encode_time(static_cast<double>(*superseded_at))
                                           : encode_never());
}

void write_first_capture(Xapian::Document& doc, CaptureTime captured_at, std::int64_t sequence) {
    doc.add_value(slot::kCapturedAt, encode_time(static_cast<double>(captured_at)));
    doc.add_value(slot::kSequence, encode_time(static_cast<double>(sequence)));
}

VersionRecord read_stored_data(const Xapian::Document& doc) {
    std::string data = doc.get_data();
    nlohmann::json map = nlohmann::json::from_msgpack(data);
    VersionRecord record;
    record.article.source = get(map, field::kSource);
    record.article_id = get(map, field::kArticleId);
    record.article.identity = map.contains(std::string(field::kArticleIdentity))
                                  ? get(map, field::kArticleIdentity)
                                  : record.article_id;
    record.url = get(map, field::kUrl);
    record.title = get(map, field::kTitle);
    record.summary = get(map, field::kSummary);
    record.text = get(map, field::kText);
    record.author = get(map, field::kAuthor);
    record.language = get(map, field::kLanguage);
    record.section = get(map, field::kSection);
    return record;
}

VersionRecord read_stored_version(const Xapian::Document& doc) {
    VersionRecord record = read_stored_data(doc);
    record.captured_at = read_captured_at(doc);
    record.revision = read_revision(doc);
    record.sequence = read_sequence(doc);
    record.content_hash = read_content_hash(doc);
    record.last_seen = read_last_seen(doc);
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
    return static_cast<std::int64_t>(decode_number(doc.get_value(slot::kSequence)));
}

CaptureTime read_last_seen(const Xapian::Document& doc) {
    return optional_time(doc, slot::kLastSeen).value_or(read_captured_at(doc));
}

std::optional<CaptureTime> read_superseded_at(const Xapian::Document& doc) {
    return optional_time(doc, slot::kSupersededAt);
}

std::uint64_t read_content_hash(const Xapian::Document& doc) {
    return decode_digest(doc.get_value(slot::kContentHash));
}

}  // namespace newsindex::schema
