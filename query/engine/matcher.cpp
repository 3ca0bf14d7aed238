#include "query/engine/matcher.h"

#include "query/engine/query_limits.h"
#include "query/text/query_syntax.h"
#include "query/text/url_fields.h"
#include "schema/languages.h"
#include "schema/terms.h"
#include "schema/time.h"
#include "schema/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace newsindex::query {

namespace {

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
        auto t = schema::parse_time_bound(text, as_end);
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
        auto from = schema::parse_time(value);
        if (!from) {
            if (error_->empty()) {
                *error_ = fmt::format(
                    "date '{}' is not a date (use YYYY-MM-DD, or date:FROM..TO for a range)", value);
            }
            return Xapian::Query::MatchNothing;
        }
        return captured_between(from, schema::parse_time_bound(value, true));
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

// The stemmer of a language a query is read in: refused when Xapian has
// none (only a language asked for with --lang can lack one).
Xapian::Stem stemmer_of(const std::string& language) {
    Xapian::Stem stemmer = schema::language_stemmer(language);
    if (stemmer.is_none()) {
        throw QueryError(fmt::format("newsquery: no stemmer for language '{}' (give the ISO 639-1 "
                                     "code of a language Xapian stems: en, de, fr, es, it, nl, "
                                     "pt, sv, da, no, fi, ru, tr, …)",
                                     language),
                         kExitBadQuery);
    }
    return stemmer;
}

// The stemming languages the versions of `db` are filed under (their `L`
// terms, schema/languages.h), the one with the most versions first.
std::vector<std::string> filed_languages(const Xapian::Database& db) {
    std::vector<std::pair<Xapian::doccount, std::string>> filed;
    const std::string prefix(schema::prefix::kLanguage);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        filed.emplace_back(it.get_termfreq(), (*it).substr(prefix.size()));
    }
    std::sort(filed.begin(), filed.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (auto& [versions, language] : filed) out.push_back(std::move(language));
    return out;
}

// How the query is read: in which language, for which versions.
struct ReadingPlan {
    std::string language;  // "" = unstemmed
    // The versions read: those filed under `only`, else all but those filed
    // under `except` (every version files under one language).
    std::vector<std::string> only, except;
};

std::vector<ReadingPlan> reading_plans(const NewsDatabase& db, const Filters& filters) {
    if (!filters.stem) return {{"", {}, {}}};
    std::vector<std::string> languages = filed_languages(db.xapian());
    if (!filters.language.empty()) {
        // Stemmed in that language alone: its versions by its stems, the
        // others by the words as typed.
        std::string language = schema::primary_language(filters.language);
        stemmer_of(language);  // refused early when there is none
        if (languages.empty() || (languages.size() == 1 && languages.front() == language)) {
            return {{language, {}, {}}};
        }
        return {{language, {language}, {}}, {"", {}, {language}}};
    }
    if (languages.size() <= 1) {
        return {{languages.empty() ? db.language() : languages.front(), {}, {}}};
    }
    // The language of most versions reads all but the others' versions: a
    // filter by the few is cheaper to match than by the many.
    std::vector<ReadingPlan> out{{languages.front(), {}, {languages.begin() + 1, languages.end()}}};
    for (auto it = languages.begin() + 1; it != languages.end(); ++it) out.push_back({*it, {*it}, {}});
    return out;
}

// `matched` for the versions `plan` reads.
Xapian::Query for_versions(const ReadingPlan& plan, const Xapian::Query& matched) {
    auto filed_under = [](const std::vector<std::string>& languages) {
        std::vector<Xapian::Query> terms;
        for (const std::string& language : languages) {
            terms.emplace_back(schema::bounded_term(schema::prefix::kLanguage, language));
        }
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    if (!plan.only.empty()) return Xapian::Query(Xapian::Query::OP_FILTER, matched, filed_under(plan.only));
    if (!plan.except.empty()) {
        return Xapian::Query(Xapian::Query::OP_AND_NOT, matched, filed_under(plan.except));
    }
    return matched;
}

// `date_error` receives the first date: value that is not a date.
Xapian::QueryParser make_parser(const NewsDatabase& db, const Xapian::Stem& stemmer,
                                const std::shared_ptr<std::string>& date_error) {
    Xapian::QueryParser parser;
    parser.set_database(db.xapian());
    parser.set_stemmer(stemmer);
    // STEM_SOME stems plain words but leaves "quoted phrases" exact.
    parser.set_stemming_strategy(stemmer.is_none() ? Xapian::QueryParser::STEM_NONE
                                                   : Xapian::QueryParser::STEM_SOME);
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

// One reading of `text`: the text part for sentences and snippets, and the
// same with each stem the synonym of the words the index lists under it.
struct ParsedReading {
    MatchQuery::Reading reading;
    Xapian::Query matched;
};

ParsedReading parse_reading(const NewsDatabase& db, const std::string& text,
                            const std::string& language) {
    Xapian::Stem stemmer = language.empty() ? Xapian::Stem() : stemmer_of(language);
    // In German a capital marks a noun, not a name: read every word in lower
    // case, so STEM_SOME stems it (filters' values and operators kept).
    const std::string read = !stemmer.is_none() && schema::capitalises_nouns(language)
                                 ? lower_case_words(text)
                                 : text;
    auto date_error = std::make_shared<std::string>();
    ParsedReading out{{language, Xapian::Query(), stemmer}, Xapian::Query()};
    try {
        Xapian::QueryParser parser = make_parser(db, stemmer, date_error);
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
        out.reading.text = parser.parse_query(read, flags);
        check_parsed_query(text, out.reading.text);
        // The index has no stem terms: each stem is a synonym-table key
        // listing the words that have it (schema/terms.h).
        out.matched = stemmer.is_none()
                          ? out.reading.text
                          : parser.parse_query(read, flags | Xapian::QueryParser::FLAG_AUTO_SYNONYMS);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(fmt::format("newsquery: bad query '{}': {}", text, e.get_msg()),
                         kExitBadQuery);
    }
    if (!date_error->empty()) {
        throw QueryError(fmt::format("newsquery: bad query '{}': {}", text, *date_error),
                         kExitBadQuery);
    }
    if (out.reading.text.empty()) {
        throw QueryError(fmt::format("newsquery: bad query '{}': nothing to search for", text),
                         kExitBadQuery);
    }
    return out;
}

}  // namespace

const MatchQuery::Reading& MatchQuery::reading_of(const std::string& record_language) const {
    if (readings.size() == 1) return readings.front();
    // As the indexer filed the version (schema::StemmingLanguages); with
    // --lang, a version of another language is read unstemmed.
    const std::string filed = schema::StemmingLanguages(database_language).of(record_language);
    const Reading* unstemmed = &readings.front();
    for (const Reading& reading : readings) {
        if (reading.language == filed) return reading;
        if (reading.language.empty()) unstemmed = &reading;
    }
    return *unstemmed;
}

MatchQuery build_match_query(const NewsDatabase& db, const std::string& text,
                             const Filters& filters) {
    check_time_window(filters.since, filters.until);
    std::vector<ReadingPlan> plans = reading_plans(db, filters);
    MatchQuery out;
    out.database_language = db.language();
    Xapian::Query matched = Xapian::Query::MatchAll;
    if (is_blank_query(text)) {
        for (const ReadingPlan& plan : plans) {
            out.readings.push_back({plan.language, Xapian::Query::MatchAll,
                                    plan.language.empty() ? Xapian::Stem()
                                                          : schema::language_stemmer(plan.language)});
        }
    } else {
        check_query_text(text);
        check_query_syntax(text);
        std::vector<Xapian::Query> branches;
        for (const ReadingPlan& plan : plans) {
            ParsedReading parsed = parse_reading(db, text, plan.language);
            branches.push_back(for_versions(plan, parsed.matched));
            out.readings.push_back(std::move(parsed.reading));
        }
        matched = branches.size() == 1
                      ? branches.front()
                      : Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
    }
    Xapian::Query filter = filter_query(filters);
    out.query = filter.empty() ? matched : Xapian::Query(Xapian::Query::OP_FILTER, matched, filter);
    return out;
}

}  // namespace newsindex::query
