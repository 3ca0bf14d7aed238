#include "query/spelling_suggestion.h"

#include "query/query_limits.h"
#include "query/query_syntax.h"

#include <cstdio>

#include <fmt/format.h>

namespace newsindex::query {

std::optional<std::string> corrected_query(const Xapian::Database& db, const std::string& text) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    // The fields as the matcher has them, so that no field name or filter
    // value is taken for a misspelt word. Xapian corrects only words
    // searched without a term prefix, as the spelling data holds them.
    parser.add_prefix("", "");
    for (const QueryField& field : kQueryFields) {
        std::string name(field.name), prefix = "X" + name;
        if (field.free) {
            parser.add_prefix(name, prefix);
        } else {
            parser.add_boolean_prefix(name, prefix);
        }
    }
    parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT |
                                 Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    std::string corrected = parser.get_corrected_query_string();
    if (corrected.empty() || corrected == text) return std::nullopt;
    return corrected;
}

void print_did_you_mean(NewsDatabase& db, const std::string& text) {
    std::optional<std::string> corrected =
        db.with_retry([&](const Xapian::Database& xapian) { return corrected_query(xapian, text); });
    if (corrected) fmt::print(stderr, "newsquery: did you mean: {}\n", *corrected);
}

}  // namespace newsindex::query
