#include "query/engine/query_limits.h"

#include <fmt/format.h>

#include <algorithm>

namespace newsindex::query {

namespace {

// The query as a message quotes it: its start only when it is long.
std::string shown(const std::string& text) {
    constexpr std::size_t kShown = 40;
    if (text.size() <= kShown) return fmt::format("'{}'", text);
    std::size_t end = kShown;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return fmt::format("'{}…' ({} bytes)", text.substr(0, end), text.size());
}

struct QueryNodes {
    std::size_t terms = 0;
    std::size_t wildcards = 0;
};

void count_nodes(const Xapian::Query& query, QueryNodes& out) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            ++out.terms;
            return;
        case Xapian::Query::OP_WILDCARD:
            ++out.wildcards;
            return;
        default:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                count_nodes(query.get_subquery(i), out);
            }
    }
}

// A spy on every matching document, there only to check the deadline.
class DeadlineSpy : public Xapian::MatchSpy {
  public:
    explicit DeadlineSpy(const QueryDeadline& deadline) : deadline_(deadline) {}
    void operator()(const Xapian::Document&, double) override { deadline_.check(); }

  private:
    const QueryDeadline& deadline_;
};

}  // namespace

void check_query_text(const std::string& text) {
    if (text.size() > kMaxQueryBytes) {
        throw QueryError(fmt::format("newsquery: query {} is too long: at most {} bytes "
                                     "(search for fewer words)",
                                     shown(text), kMaxQueryBytes),
                         kExitBadQuery);
    }
}

void check_parsed_query(const std::string& text, const Xapian::Query& parsed) {
    QueryNodes nodes;
    count_nodes(parsed, nodes);
    if (nodes.terms > kMaxQueryTerms) {
        throw QueryError(fmt::format("newsquery: query {} has too many words: {} terms, at most {} "
                                     "(a word counts once in the text and once in the title; "
                                     "search for fewer words)",
                                     shown(text), nodes.terms, kMaxQueryTerms),
                         kExitBadQuery);
    }
    if (nodes.wildcards * kMaxWildcardExpansion > kMaxWildcardTerms) {
        throw QueryError(
            fmt::format("newsquery: query {} has too many wildcards: they may expand to {} words, "
                        "at most {} (a wildcard expands to up to {} words in the text and as "
                        "many in the title: use at most {} wildcards, or longer prefixes)",
                        shown(text), nodes.wildcards * kMaxWildcardExpansion, kMaxWildcardTerms,
                        kMaxWildcardExpansion, kMaxWildcardTerms / kMaxWildcardExpansion / 2),
            kExitBadQuery);
    }
}

QueryDeadline::QueryDeadline(std::chrono::duration<double> budget)
    : budget_(budget),
      at_(std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(budget)) {}

void QueryDeadline::check() const {
    if (!passed()) return;
    throw QueryError(fmt::format("newsquery: the query took longer than its time budget of {:g} s "
                                 "(narrow it: a phrase, fewer wildcards, --source, --since; or "
                                 "give it more time with --timeout SECONDS)",
                                 budget_.count()),
                     kExitBadQuery);
}

void QueryDeadline::bound(Xapian::Enquire& enquire) const {
    auto left = std::chrono::duration<double>(at_ - std::chrono::steady_clock::now());
    // Xapian reads 0 as "no limit": a deadline already passed gets the
    // shortest limit instead, and the spy ends the match at its first document.
    enquire.set_time_limit(std::max(left.count(), 1e-6));
    enquire.add_matchspy((new DeadlineSpy(*this))->release());
}

}  // namespace newsindex::query
