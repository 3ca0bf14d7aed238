#include "schema/stored_version.h"

#include "schema/values.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace newsindex::schema {

namespace {

void put(nlohmann::json& map, std::string_view name, const std::string& value) {
    if (!value.empty()) map[std::string(name)] = value;
}

// Decodes the stored map straight into a VersionRecord, without building a
// JSON tree first (nlohmann's SAX interface): search and timeline decode
// thousands of versions per query. Keys it does not know are skipped, so
// an older reader copes with a field added later.
class StoredDataReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit StoredDataReader(VersionRecord& record) : record_(record) {}

    bool key(string_t& name) override {
        target_ = depth_ == 1 ? field_of(name) : nullptr;
        target_name_ = name;
        return true;
    }
    bool string(string_t& value) override {
        if (target_) *target_ = std::move(value);
        return true;
    }
    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t) override { return scalar(); }
    bool number_unsigned(number_unsigned_t) override { return scalar(); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool binary(binary_t&) override { return scalar(); }
    bool start_object(std::size_t) override { return nested(); }
    bool start_array(std::size_t) override { return nested(); }
    bool end_object() override { return --depth_, true; }
    bool end_array() override { return --depth_, true; }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& error) override {
        throw std::runtime_error(std::string("stored version data does not decode: ") +
                                 error.what());
    }

    bool has_identity = false;

  private:
    std::string* field_of(const std::string& name) {
        if (name == field::kText) return &record_.text;
        if (name == field::kTitle) return &record_.title;
        if (name == field::kSummary) return &record_.summary;
        if (name == field::kUrl) return &record_.url;
        if (name == field::kSource) return &record_.article.source;
        if (name == field::kArticleId) return &record_.article_id;
        if (name == field::kArticleIdentity) return has_identity = true, &record_.article.identity;
        if (name == field::kAuthor) return &record_.author;
        if (name == field::kLanguage) return &record_.language;
        if (name == field::kSection) return &record_.section;
        return nullptr;
    }
    // A field of ours holds a string, or the data is not ours.
    bool scalar() {
        if (target_) {
            throw std::runtime_error(
                fmt::format("stored version data: field \"{}\" is not a string", target_name_));
        }
        return true;
    }
    bool nested() {
        scalar();
        target_ = nullptr;
        ++depth_;
        return true;
    }

    VersionRecord& record_;
    int depth_ = 0;
    std::string* target_ = nullptr;
    std::string target_name_;
};

std::optional<CaptureTime> optional_time(const Xapian::Document& doc, Xapian::valueno slot) {
    std::string bytes = doc.get_value(slot);
    if (bytes.empty()) return std::nullopt;
    double seconds = decode_number(bytes);
    if (std::isinf(seconds)) return std::nullopt;
    return static_cast<CaptureTime>(seconds);
}

void set_revision_state(Xapian::Document& doc, std::uint32_t revision, CaptureTime last_seen,
                        std::optional<CaptureTime> superseded_at) {
    doc.add_value(slot::kRevision, Xapian::sortable_serialise(revision));
    doc.add_value(slot::kLastSeen, encode_time(static_cast<double>(last_seen)));
    doc.add_value(slot::kSupersededAt, superseded_at
                                           ? encode_time(static_cast<double>(*superseded_at))
                                           : encode_never());
}

void set_first_capture(Xapian::Document& doc, CaptureTime captured_at, std::int64_t sequence) {
    doc.add_value(slot::kCapturedAt, encode_time(static_cast<double>(captured_at)));
    doc.add_value(slot::kSequence, encode_time(static_cast<double>(sequence)));
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

    set_first_capture(doc, record.captured_at, record.sequence);
    doc.add_value(slot::kArticle, encode_digest(record.article.digest()));
    doc.add_value(slot::kContentHash, encode_digest(record.content_hash));
    if (record.published) {
        doc.add_value(slot::kPublished, encode_time(static_cast<double>(*record.published)));
    }
    set_revision_state(doc, record.revision, record.last_seen, record.superseded_at);
    refresh_timeline_key(doc);
}

void write_revision_state(Xapian::Document& doc, std::uint32_t revision, CaptureTime last_seen,
                          std::optional<CaptureTime> superseded_at) {
    set_revision_state(doc, revision, last_seen, superseded_at);
    refresh_timeline_key(doc);
}

void write_first_capture(Xapian::Document& doc, CaptureTime captured_at, std::int64_t sequence) {
    set_first_capture(doc, captured_at, sequence);
    refresh_timeline_key(doc);
}

VersionRecord read_stored_data(const Xapian::Document& doc) {
    std::string data = doc.get_data();
    VersionRecord record;
    StoredDataReader reader(record);
    nlohmann::json::sax_parse(data, &reader, nlohmann::json::input_format_t::msgpack);
    if (!reader.has_identity) record.article.identity = record.article_id;
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
