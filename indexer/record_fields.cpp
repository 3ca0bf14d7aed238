#include "indexer/record_fields.h"

#include "schema/input_fields.h"
#include "schema/time.h"
#include "schema/url.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace newsindex::indexer {

using nlohmann::json;

namespace {

// Longest value quoted in a message, in bytes.
constexpr std::size_t kQuotedBytes = 60;

// The whitespace schema::normalise_whitespace collapses.
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Holds a character that shows: not only whitespace (of any script: U+00A0,
// U+3000, ...), controls and invisible format characters (zero-width
// spaces and joiners U+200B-U+200D, word joiner U+2060, byte order mark
// U+FEFF, soft hyphen U+00AD), which no reader sees and no word is made of.
bool has_visible(const std::string& s) {
    for (Xapian::Utf8Iterator it(s); it != Xapian::Utf8Iterator(); ++it) {
        switch (Xapian::Unicode::get_category(*it)) {
            case Xapian::Unicode::SPACE_SEPARATOR:
            case Xapian::Unicode::LINE_SEPARATOR:
            case Xapian::Unicode::PARAGRAPH_SEPARATOR:
            case Xapian::Unicode::CONTROL:
            case Xapian::Unicode::FORMAT:
                continue;
            default:
                return true;
        }
    }
    return false;
}

// nlohmann's error reduced to what a user needs: the position and what was
// wrong, without its exception id or the raw bytes it last read (which may
// not even be printable).
std::string json_error_reason(std::size_t byte, const std::string& what) {
    if (what.find("parse_error") == std::string::npos) {
        // e.g. "[json.exception.out_of_range.406] number overflow parsing '1e400'"
        std::size_t id_end = what.find("] ");
        return "invalid JSON: " + (id_end == std::string::npos ? what : what.substr(id_end + 2));
    }
    std::size_t dash = what.find(" - ");
    std::string detail = dash == std::string::npos ? what : what.substr(dash + 3);
    if (std::size_t last_read = detail.find("; last read: "); last_read != std::string::npos) {
        std::size_t expected = detail.find("'; expected", last_read);
        detail = detail.substr(0, last_read) +
                 (expected == std::string::npos ? "" : detail.substr(expected + 1));
    }
    if (detail.find("ill-formed UTF-8") != std::string::npos)
        return fmt::format("invalid UTF-8 in string at byte {}", byte);
    return fmt::format("invalid JSON: syntax error at byte {} ({})", byte, detail);
}

// The fields of the format. Every one but version holds a string (author
// may hold a list of them).
enum class Field { kSource, kUrl, kArticleId, kTimestamp, kTitle, kSummary, kText, kAuthor,
                   kPublished, kLanguage, kSection, kVersion, kOther };
constexpr std::size_t kStringFields = static_cast<std::size_t>(Field::kVersion);
namespace in = schema::input_field;
constexpr std::array<std::string_view, kStringFields + 1> kFieldNames{
    in::kSource,    in::kUrl,      in::kArticleId, in::kTimestamp, in::kTitle,   in::kSummary,
    in::kText,      in::kAuthor,   in::kPublished, in::kLanguage,  in::kSection, in::kVersion};

Field field_named(std::string_view name) {
    for (std::size_t i = 0; i < kFieldNames.size(); ++i)
        if (kFieldNames[i] == name) return static_cast<Field>(i);
    return Field::kOther;
}

std::string_view name_of(Field field) { return kFieldNames[static_cast<std::size_t>(field)]; }

// Collects the known fields of one record as nlohmann's parser reports
// them (SAX): no document tree is built, unknown fields cost only their
// lexing, and strings are moved, not copied. The first problem is kept;
// parsing goes on so that a syntax error later in the line wins over it.
class RecordFieldCollector final : public nlohmann::json_sax<json> {
  public:
    std::array<std::string, kStringFields> strings;  // "" when absent or null
    std::int64_t version = 0;
    std::optional<std::string> syntax_error;
    std::optional<std::string> problem;

    bool null() override {
        if (depth_ == 0) return not_an_object("null");
        if (depth_ == 1 && field_ == Field::kVersion) version = 0;
        else if (depth_ == 1 && field_ != Field::kOther) slot().clear();
        else if (in_author_list()) author_element("null");
        return true;
    }
    bool boolean(bool) override { return scalar("a boolean"); }
    bool number_integer(number_integer_t value) override {
        if (!at_version()) return scalar("a number");
        if (value < 0) note(fmt::format("field version must be an integer >= 0, got {}", value));
        version = value;
        return true;
    }
    bool number_unsigned(number_unsigned_t value) override {
        if (!at_version()) return scalar("a number");
        if (value > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
            note(fmt::format("field version must be an integer >= 0, got {}", value));
        version = static_cast<std::int64_t>(value);
        return true;
    }
    bool number_float(number_float_t, const string_t& written) override {
        if (!at_version()) return scalar("a number");
        note(fmt::format("field version must be an integer >= 0, got {}", written));
        return true;
    }
    bool string(string_t& value) override {
        if (depth_ == 0) return not_an_object("a string");
        if (depth_ == 1 && field_ == Field::kVersion) return wrong_type("a string");
        if (depth_ == 1 && field_ != Field::kOther) slot() = std::move(value);
        else if (in_author_list()) add_author(value);
        return true;
    }
    bool binary(binary_t&) override { return scalar("binary data"); }
    bool start_object(std::size_t) override {
        if (depth_ > 0) scalar("an object");
        ++depth_;
        return true;
    }
    bool key(string_t& name) override {
        if (depth_ == 1) field_ = field_named(name);
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        if (depth_ == 1 && field_ == Field::kAuthor) {
            slot().clear();
            author_list_ = true;
        } else {
            scalar("an array");
        }
        ++depth_;
        return true;
    }
    bool end_array() override {
        if (--depth_ == 1) author_list_ = false;
        return true;
    }
    bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& error) override {
        syntax_error = json_error_reason(byte, error.what());
        return false;
    }

  private:
    std::string& slot() { return strings[static_cast<std::size_t>(field_)]; }
    bool at_version() const { return depth_ == 1 && field_ == Field::kVersion; }
    bool in_author_list() const { return depth_ == 2 && author_list_; }

    void note(std::string reason) {
        if (!problem) problem = std::move(reason);
    }
    bool not_an_object(std::string_view kind) {
        note(fmt::format("record is {}, not an object", kind));
        return true;
    }
    bool wrong_type(std::string_view kind) {
        std::string_view expected = field_ == Field::kVersion  ? "an integer >= 0"
                                    : field_ == Field::kAuthor ? "a string or an array of strings"
                                                               : "a string";
        note(fmt::format("field {} is {}, expected {}", name_of(field_), kind, expected));
        return true;
    }
    void author_element(std::string_view kind) {
        note(fmt::format("field author holds {}, expected strings", kind));
    }
    // A value that is not a string where one may stand.
    bool scalar(std::string_view kind) {
        if (depth_ == 0) return not_an_object(kind);
        if (depth_ == 1 && field_ != Field::kOther) return wrong_type(kind);
        if (in_author_list()) author_element(kind);
        return true;
    }
    // A byline given as a list: names joined with ", ".
    void add_author(std::string_view name) {
        name = trim(name);
        if (name.empty()) return;
        if (!slot().empty()) slot() += ", ";
        slot() += name;
    }

    int depth_ = 0;  // 1 inside the record's object
    Field field_ = Field::kOther;  // the field of the value being read
    bool author_list_ = false;
};

}  // namespace

schema::VersionRecord record_from_json(std::string_view line) {
    // nlohmann's lexer takes a NUL byte for the end of the input, so
    // "{...}\0{...}" would pass as its first record and the rest would vanish
    // unreported. A raw NUL is never valid JSON text.
    if (std::size_t nul = line.find('\0'); nul != std::string_view::npos)
        throw BadRecord(fmt::format("invalid JSON: NUL byte at byte {}", nul + 1));
    RecordFieldCollector fields;
    json::sax_parse(line, &fields);
    if (fields.syntax_error) throw BadRecord(*fields.syntax_error);
    if (fields.problem) throw BadRecord(*fields.problem);
    for (std::size_t i = 0; i < kStringFields; ++i) {
        if (fields.strings[i].find('\0') != std::string::npos)
            throw BadRecord(fmt::format("NUL character in field {}", kFieldNames[i]));
    }
    auto take = [&](Field field) -> std::string&& { return std::move(fields.strings[static_cast<std::size_t>(field)]); };
    schema::VersionRecord record;

    record.article.source = lower_trimmed(take(Field::kSource));
    if (record.article.source.empty()) throw BadRecord("missing field source");

    std::string timestamp = take(Field::kTimestamp);
    if (trim(timestamp).empty()) throw BadRecord("missing field timestamp");
    std::optional<schema::CaptureTime> captured = schema::parse_time(timestamp);
    if (!captured) throw BadRecord("unparseable timestamp " + quoted_for_message(timestamp));
    record.captured_at = *captured;

    record.url = take(Field::kUrl);
    record.article_id = std::string(trim(take(Field::kArticleId)));
    record.sequence = fields.version;
    record.title = take(Field::kTitle);
    record.summary = take(Field::kSummary);
    record.text = take(Field::kText);
    record.author = std::string(trim(take(Field::kAuthor)));
    record.published = schema::parse_time(take(Field::kPublished));
    record.language = lower_trimmed(take(Field::kLanguage));
    record.section = std::string(trim(take(Field::kSection)));

    complete_record(record);
    return record;
}

namespace {

void set_identity(schema::VersionRecord& record) {
    record.article.identity = !record.article_id.empty() ? record.article_id : schema::normalise_url(record.url);
    if (record.article.identity.empty()) throw BadRecord("missing both url and article_id");
}

}  // namespace

void complete_record(schema::VersionRecord& record) {
    if (!has_visible(record.title) && !has_visible(record.summary) && !has_visible(record.text))
        throw BadRecord("empty document (no visible title, summary or text)");
    set_identity(record);
    record.content_hash = schema::content_hash(record.title, record.summary, record.text);
}

void complete_seen_again(schema::VersionRecord& record) {
    set_identity(record);
    record.content_hash = schema::kSeenAgain;
}

std::string quoted_for_message(std::string_view value) {
    std::string shown(value.substr(0, kQuotedBytes));
    if (value.size() > kQuotedBytes) {
        // Cut before a UTF-8 continuation byte, never inside a character.
        while (!shown.empty() && (static_cast<unsigned char>(value[shown.size()]) & 0xC0) == 0x80)
            shown.pop_back();
        shown += "...";
    }
    return json(shown).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string lower_trimmed(std::string_view value) {
    std::string out(trim(value));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return out;
}

}  // namespace newsindex::indexer
