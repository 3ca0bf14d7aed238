#include "query/matcher.h"

#include "indexer/timestamp.h"
#include "query/query_limits.h"
#include "query/query_syntax.h"
#include "query/url_fields.h"
#include "schema/terms.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace newsindex::query {

namespace {

constexpr schema::CaptureTime kSecondsPerDay = 86400;

Xapian::Query captured_between(std::optional<schema::CaptureTime> from,
                               std::optional<schema::CaptureTime> to) {
    auto encode = [](schema::CaptureTime t) { return schema::encode_time(static_cast<double>(t)); };
    if (from && to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kCapturedAt,
                             encode(*from), encode(*to));
    }
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kCapturedAt, encode(*from));
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot::kCapturedAt, encode(*to));
}

// A time as typed in a query or flag. `as_end` makes a plain date mean the
// last second of that day, so "..2016-02-03" includes all of the 3rd.
std::optional<schema::CaptureTime> parse_bound(const std::string& text, bool as_end) {
    auto t = indexer::parse_time(text);
    if (t && as_end && indexer::is_date_only(text)) *t += kSecondsPerDay - 1;
    return t;
}

// date:A..B, date:A.., date:..B on capture time.
class CaptureDateRange : public Xapian::RangeProcessor {
  public:
    CaptureDateRange() : Xapian::RangeProcessor(schema::slot::kCapturedAt, "date:") {}

    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        std::optional<schema::CaptureTime> from, to;
        if (!begin.empty()) from = parse(begin, false);
        if (!end.empty()) to = parse(end, true);
        if (!from && !to) return Xapian::Query(Xapian::Query::OP_INVALID);
        if (from && to && *from > *to) {
            throw Xapian::QueryParserError(fmt::format(
                "date:{}..{} ends before it starts (date:FROM..TO, FROM first)", begin, end));
        }
        return captured_between(from, to);
    }

  private:
    static schema::CaptureTime parse(const std::string& text, bool as_end) {
        auto t = parse_bound(text, as_end);
        if (!t) {
            throw Xapian::QueryParserError(fmt::format(
                "date '{}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", text));
        }
        return *t;
    }
};

// date:2016-02-02 without a range: that whole day (or that exact second).
// A value that is not a date is reported through `error`, not thrown: an
// exception thrown from a FieldProcessor leaks the parser's state inside
// Xapian 1.4 (LeakSanitizer; found by tests/fuzz/fuzz_query with "date:xyz").
class CaptureDay : public Xapian::FieldProcessor {
  public:
    explicit CaptureDay(std::shared_ptr<std::string> error) : error_(std::move(error)) {}

    Xapian::Query operator()(const std::string& value) override {
        auto from = indexer::parse_time(value);
        if (!from) {
            if (error_->empty()) {
                *error_ = fmt::format(
                    "date '{}' is not a date (use YYYY-MM-DD, or date:FROM..TO for a range)", value);
            }
            return Xapian::Query::MatchNothing;
        }
        return captured_between(from, parse_bound(value, true));
    }

  private:
    std::shared_ptr<std::string> error_;
};

// A boolean field whose values are matched case-insensitively.
class LowerCaseTerm : public Xapian::FieldProcessor {
  public:
    explicit LowerCaseTerm(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::bounded_term(prefix_, schema::ascii_lower(value)));
    }

  private:
    std::string prefix_;
};

Xapian::Stem stemmer_for(const NewsDatabase& db, const Filters& filters) {
    std::string language = filters.language.empty() ? db.language() : filters.language;
    try {
        Xapian::Stem stem(language);
        return filters.stem ? stem : Xapian::Stem();
    } catch (const Xapian::InvalidArgumentError&) {
        throw QueryError(fmt::format("newsquery: no stemmer for language '{}' (try one of: {})",
                                     language, Xapian::Stem::get_available_languages()),
                         kExitBadQuery);
    }
}

// `date_error` receives the first date: value that is not a date.
Xapian::QueryParser make_parser(const NewsDatabase& db, const Xapian::Stem& stemmer, bool stem,
                                const std::shared_ptr<std::string>& date_error) {
    Xapian::QueryParser parser;
    parser.set_database(db.xapian());
    parser.set_stemmer(stemmer);
    // STEM_SOME stems plain words but leaves "quoted phrases" exact.
    parser.set_stemming_strategy(stem ? Xapian::QueryParser::STEM_SOME
                                      : Xapian::QueryParser::STEM_NONE);
    // News searchers expect every word to be required, as in web search.
    parser.set_default_op(Xapian::Query::OP_AND);
    // "a*" keeps its most frequent words, fast instead of failing; rarer
    // ones beyond the limit are dropped (query_limits.h).
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    // Plain words search the summary and body (no prefix) and the title,
    // which is indexed under its prefix only (schema/terms.h).
    parser.add_prefix("", "");
    parser.add_prefix("", std::string(schema::prefix::kTitle));
    parser.add_prefix("title", std::string(schema::prefix::kTitle));
    parser.add_prefix("author", std::string(schema::prefix::kAuthor));
    parser.add_boolean_prefix("source", (new LowerCaseTerm(schema::prefix::kSource))->release());
    parser.add_boolean_prefix("lang", (new LowerCaseTerm(schema::prefix::kLanguage))->release());
    parser.add_boolean_prefix("site", (new SiteField(db.xapian()))->release());
    parser.add_boolean_prefix("url", (new UrlField(db.xapian()))->release());
    parser.add_boolean_prefix("date", (new CaptureDay(date_error))->release());
    parser.add_rangeprocessor((new CaptureDateRange)->release());
    return parser;
}

Xapian::Query filter_query(const Filters& filters) {
    std::vector<Xapian::Query> parts;
    if (!filters.sources.empty()) {
        std::vector<Xapian::Query> sources;
        for (const auto& source : filters.sources) {
            sources.emplace_back(
                schema::bounded_term(schema::prefix::kSource, schema::ascii_lower(source)));
        }
        parts.emplace_back(Xapian::Query::OP_OR, sources.begin(), sources.end());
    }
    if (filters.since || filters.until) parts.push_back(captured_between(filters.since, filters.until));
    if (filters.as_of) {
        // Current at T: captured at or before T, and not yet superseded at T.
        parts.push_back(captured_between(std::nullopt, filters.as_of));
        parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::slot::kSupersededAt,
                           schema::encode_time(static_cast<double>(*filters.as_of + 1)));
    }
    if (filters.first_only) {
        std::string one = Xapian::sortable_serialise(1);
        parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kRevision, one, one);
    }
    if (filters.latest_only) {
        parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::slot::kSupersededAt,
                           schema::encode_never());
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

bool is_blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

MatchQuery build_match_query(const NewsDatabase& db, const std::string& text,
                             const Filters& filters) {
    Xapian::Stem stemmer = stemmer_for(db, filters);
    check_time_window(filters.since, filters.until);
    Xapian::Query parsed = Xapian::Query::MatchAll;
    Xapian::Query matched = parsed;
    if (!is_blank(text)) {
        check_query_text(text);
        check_query_syntax(text);
        auto date_error = std::make_shared<std::string>();
        try {
            Xapian::QueryParser parser = make_parser(db, stemmer, filters.stem, date_error);
            const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                                   Xapian::QueryParser::FLAG_WILDCARD |
                                   Xapian::QueryParser::FLAG_PURE_NOT;
            parsed = parser.parse_query(text, flags);
            check_parsed_query(text, parsed);
            // The index has no stem terms: each stem is a synonym-table key
            // listing the words that have it (schema/terms.h).
            matched = filters.stem ? parser.parse_query(
                                         text, flags | Xapian::QueryParser::FLAG_AUTO_SYNONYMS)
                                   : parsed;
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError(fmt::format("newsquery: bad query '{}': {}", text, e.get_msg()),
                             kExitBadQuery);
        }
        if (!date_error->empty()) {
            throw QueryError(fmt::format("newsquery: bad query '{}': {}", text, *date_error),
                             kExitBadQuery);
        }
        if (parsed.empty()) {
            throw QueryError(fmt::format("newsquery: bad query '{}': nothing to search for", text),
                             kExitBadQuery);
        }
    }
    Xapian::Query filter = filter_query(filters);
    Xapian::Query query = filter.empty() ? matched
                                         : Xapian::Query(Xapian::Query::OP_FILTER, matched, filter);
    return MatchQuery{query, parsed, stemmer};
}

}  // namespace newsindex::query
