// What a parsed Xapian::Query is made of: which operators it uses, which
// terms only filter, and whether the terms a document holds decide it.
// For code that must judge a piece of text the way the matcher would
// (sentence_match.h) without running a match over the whole database.
#pragma once

#include <xapian.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace newsindex::query {

// `terms` sorted, each once: the form every term list here is kept in.
std::vector<std::string> sorted_unique(std::vector<std::string> terms);

// Whether any node of `query` is one of `ops`.
bool has_node(const Xapian::Query& query, std::initializer_list<Xapian::Query::op> ops);

// The terms under the filter side of every OP_FILTER in `query` (the
// boolean filters: source:, lang:, site:), sorted, each once.
std::vector<std::string> filter_terms(const Xapian::Query& query);

// The query's terms that are not in `filters` (sorted), sorted, each once.
std::vector<std::string> word_terms(const Xapian::Query& query,
                                    const std::vector<std::string>& filters);

// Whether `query` can be answered from which of its terms a document holds:
// AND, OR and the like over plain terms, with nothing that also asks where
// the terms are (phrases, NEAR), for what is absent (NOT, XOR), for
// anything but terms (wildcards, ranges, match-all) or for the database's
// statistics (an elite set).
bool decided_by_terms(const Xapian::Query& query);

// Whether a document holding `held` (sorted) matches `query`, a query for
// which decided_by_terms() is true.
bool matches_terms(const Xapian::Query& query, const std::vector<std::string>& held);

}  // namespace newsindex::query
