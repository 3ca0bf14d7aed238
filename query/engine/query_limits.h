// The bounds every question to the index runs within, named here once, so
// that no query, however hostile (a server will take queries from anyone),
// takes unbounded time or memory: the size of the query itself, the words
// its wildcards may expand to, and a time budget. README.md (query section)
// and `newsquery --help` (kLimitsHelp) state them; they are set where no
// normal query on the real corpus comes near them.
#pragma once

#include "query/database.h"

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace newsindex::query {

// The longest query text, in bytes: the parser's work and memory grow with it.
inline constexpr std::size_t kMaxQueryBytes = 4096;
// The most terms a parsed query may hold, wildcards not counted: a plain
// word is two (it searches the text and the title), a phrase two per word.
inline constexpr std::size_t kMaxQueryTerms = 512;
// A wildcard (caliph*) expands, in each field it searches, to at most this
// many words: the most frequent ones that start so.
inline constexpr Xapian::termcount kMaxWildcardExpansion = 1000;
// All the wildcards of one query expand to at most this many words: each
// counts kMaxWildcardExpansion per field it searches (two for a plain
// wildcard, text and title; one for title:w*), so a query may hold eight
// plain wildcards. Per wildcard alone, `a* a* a* ...` would still open a
// thousand postlists per wildcard, without end.
inline constexpr std::size_t kMaxWildcardTerms = 16 * kMaxWildcardExpansion;
// How long one question (search, timeline, changes) may take, unless the
// caller gives another budget (newsquery --timeout).
inline constexpr std::chrono::duration<double> kDefaultTimeBudget{30.0};

// Refuses a query text longer than kMaxQueryBytes, and a parsed query with
// more than kMaxQueryTerms terms or wildcards that may expand to more than
// kMaxWildcardTerms words: throws QueryError(kExitBadQuery), one line naming
// the limit and what to do.
void check_query_text(const std::string& text);
void check_parsed_query(const std::string& text, const Xapian::Query& parsed);

// When a question must be answered by: started at construction, `budget`
// later. Every loop that walks postlists or value streams checks it, and
// every Enquire is bounded by it (bound()).
class QueryDeadline {
  public:
    explicit QueryDeadline(std::chrono::duration<double> budget = kDefaultTimeBudget);

    bool passed() const { return std::chrono::steady_clock::now() >= at_; }
    // Throws QueryError(kExitBadQuery) once the deadline has passed, naming
    // the budget and how to stay within it.
    void check() const;
    // Bounds a match by the deadline: Xapian's own time limit (which stops
    // the extra documents check_at_least asks for), and a spy that checks
    // the deadline at every matching document. The deadline must outlive
    // `enquire`'s get_mset calls. A match that Xapian's time limit cut short
    // returns fewer documents: callers that need them all check() after.
    void bound(Xapian::Enquire& enquire) const;

  private:
    std::chrono::duration<double> budget_;
    std::chrono::steady_clock::time_point at_;
};

}  // namespace newsindex::query
