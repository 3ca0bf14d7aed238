#include "indexer/snapshot_reader.h"

#include "indexer/record_fields.h"
#include "schema/time.h"

#include <fmt/format.h>

#include <cctype>

#include <array>
#include <optional>
#include <regex>

namespace newsindex::indexer {

namespace {

enum class HeaderKey { kSource, kUrl, kArticleId, kCaptured, kTitle, kAuthor, kPublished, kLanguage };
constexpr std::size_t kHeaderKeyCount = 8;

struct KnownKey {
    std::string_view name;
    HeaderKey key;
};
constexpr std::array<KnownKey, kHeaderKeyCount> kKnownKeys{{
    {"source", HeaderKey::kSource},
    {"url", HeaderKey::kUrl},
    {"article-id", HeaderKey::kArticleId},
    {"captured", HeaderKey::kCaptured},
    {"title", HeaderKey::kTitle},
    {"author", HeaderKey::kAuthor},
    {"published", HeaderKey::kPublished},
    {"language", HeaderKey::kLanguage},
}};

// The values a header block gave, by key.
class Header {
  public:
    std::optional<std::string_view>& operator[](HeaderKey key) {
        return values_[static_cast<std::size_t>(key)];
    }

  private:
    std::array<std::optional<std::string_view>, kHeaderKeyCount> values_;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Cuts the first line (without its line end) off `text`.
std::string_view take_line(std::string_view& text) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
}

struct HeaderLine {
    std::string_view key;
    std::string_view value;
};

// "Key: value" with a key of letters, digits and dashes.
std::optional<HeaderLine> header_line(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return std::nullopt;
    std::string_view key = line.substr(0, colon);
    for (char c : key) {
        bool key_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!key_char) return std::nullopt;
    }
    return HeaderLine{key, trim(line.substr(colon + 1))};
}

std::optional<HeaderKey> known_key(std::string_view name) {
    std::string lowered = lower_trimmed(name);
    for (const KnownKey& known : kKnownKeys)
        if (known.name == lowered) return known.key;
    return std::nullopt;
}

// Reads the header block off the front of `text`, if the file has one.
Header take_header(std::string_view& text) {
    Header header;
    std::string_view rest = text;
    std::optional<HeaderLine> first = header_line(take_line(rest));
    if (!first || !known_key(first->key)) return header;
    while (!text.empty()) {
        rest = text;
        std::string_view line = take_line(rest);
        if (trim(line).empty()) {
            text = rest;
            break;
        }
        std::optional<HeaderLine> field = header_line(line);
        if (!field) break;
        std::optional<HeaderKey> key = known_key(field->key);
        if (key && !field->value.empty()) header[*key] = field->value;
        text = rest;
    }
    return header;
}

// A capture time written into the file name, as snapshot tools name files,
// with its time zone offset if it has one (none: UTC).
std::optional<schema::CaptureTime> time_in_file_name(const std::string& name) {
    static const std::regex kExtended(
        R"((\d{4})-(\d{2})-(\d{2})T(\d{2})([:-])(\d{2})\5(\d{2})(Z|[+-]\d{2}[:-]?\d{2})?)");
    static const std::regex kBasic(R"((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z|[+-]\d{4}))");
    for (const std::regex* pattern : {&kExtended, &kBasic}) {
        bool extended = pattern == &kExtended;
        for (std::sregex_iterator it(name.begin(), name.end(), *pattern), end; it != end; ++it) {
            const std::smatch& m = *it;
            std::string zone = m.str(extended ? 8 : 7);
            std::string digits;
            for (char c : zone.size() > 1 ? zone.substr(1) : std::string())
                if (c != ':' && c != '-') digits += c;
            // An offset only as zones have them (hours up to 14, minutes
            // 00, 15, 30 or 45) and not followed by more digits: otherwise
            // the digits are something else (a counter: "...T10-30-00-1234")
            // and the time is UTC.
            std::size_t after = static_cast<std::size_t>(m.position(0) + m.length(0));
            bool zone_like = digits.size() == 4 && std::stoi(digits.substr(0, 2)) <= 14 &&
                             std::stoi(digits.substr(2)) % 15 == 0 &&
                             (after >= name.size() || !std::isdigit(static_cast<unsigned char>(name[after])));
            if (zone_like) {  // +HH-MM, +HH:MM, +HHMM: as parse_time reads it, +HH:MM
                zone = fmt::format("{}{}:{}", zone[0], digits.substr(0, 2), digits.substr(2));
            } else {
                zone = "Z";
            }
            std::string iso = fmt::format("{}-{}-{}T{}:{}:{}{}", m.str(1), m.str(2), m.str(3), m.str(4),
                                          m.str(extended ? 6 : 5), m.str(extended ? 7 : 6), zone);
            if (std::optional<schema::CaptureTime> when = schema::parse_time(iso)) return when;
        }
    }
    return std::nullopt;
}

}  // namespace

schema::VersionRecord record_from_snapshot(std::string_view text, const SnapshotPlace& place) {
    Header header = take_header(text);
    std::filesystem::path relative = place.file.lexically_relative(place.root);
    std::filesystem::path directory = relative.parent_path();
    schema::VersionRecord record;

    if (header[HeaderKey::kSource]) {
        record.article.source = lower_trimmed(*header[HeaderKey::kSource]);
    } else if (!directory.empty()) {
        record.article.source = lower_trimmed(directory.begin()->string());
    }
    if (record.article.source.empty())
        throw BadRecord("cannot determine the source: no Source header and the file is directly in the root directory");

    record.url = std::string(header[HeaderKey::kUrl].value_or(""));
    record.article_id = header[HeaderKey::kArticleId] ? std::string(*header[HeaderKey::kArticleId])
                                                       : directory.generic_string();
    if (record.article_id.empty() && trim(record.url).empty())
        throw BadRecord("cannot determine the article: no Article-Id or URL header and the file is directly in the root directory");

    if (std::optional<std::string_view> captured = header[HeaderKey::kCaptured]) {
        std::optional<schema::CaptureTime> when = schema::parse_time(*captured);
        if (!when) throw BadRecord("unparseable Captured header " + quoted_for_message(*captured));
        record.captured_at = *when;
    } else {
        record.captured_at = time_in_file_name(place.file.filename().string()).value_or(place.modified);
    }

    if (std::optional<std::string_view> title = header[HeaderKey::kTitle]) {
        record.title = std::string(*title);
    } else {
        while (!text.empty() && record.title.empty()) record.title = std::string(trim(take_line(text)));
    }
    record.text = std::string(trim(text));
    record.author = std::string(header[HeaderKey::kAuthor].value_or(""));
    if (std::optional<std::string_view> published = header[HeaderKey::kPublished])
        record.published = schema::parse_time(*published);
    record.language = lower_trimmed(header[HeaderKey::kLanguage].value_or(""));

    complete_record(record);
    return record;
}

}  // namespace newsindex::indexer
