// "did you mean …": for a query that found nothing, the same query with each
// plain word the database does not know replaced by the closest spelling it
// does know, from the spelling data newsindex writes (schema/README.md:
// spelling) through Xapian's QueryParser::FLAG_SPELLING_CORRECTION.
#pragma once

#include "query/database.h"

#include <optional>
#include <string>

namespace newsindex::query {

// The corrected query text, or nullopt when no word has a correction (a
// word in a field, title:w, or in a phrase is corrected too only where
// Xapian corrects it: plain words and phrase words). `text` must have passed
// build_match_query.
std::optional<std::string> corrected_query(const Xapian::Database& db, const std::string& text);

// What a command prints on stderr when `text` found nothing, where there is
// a correction: one line, `newsquery: did you mean: CORRECTED`.
void print_did_you_mean(NewsDatabase& db, const std::string& text);

}  // namespace newsindex::query
