#include "query/text/query_shape.h"

#include <algorithm>
#include <utility>

namespace newsindex::query {

namespace {

void collect_filter_terms(const Xapian::Query& query, std::vector<std::string>& out) {
    std::size_t n = query.get_num_subqueries();
    bool filter = query.get_type() == Xapian::Query::OP_FILTER;
    for (std::size_t i = 0; i < n; ++i) {
        Xapian::Query sub = query.get_subquery(i);
        if (filter && i > 0) {
            out.insert(out.end(), sub.get_unique_terms_begin(), sub.get_unique_terms_end());
        } else {
            collect_filter_terms(sub, out);
        }
    }
}

}  // namespace

std::vector<std::string> sorted_unique(std::vector<std::string> terms) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

bool has_node(const Xapian::Query& query, std::initializer_list<Xapian::Query::op> ops) {
    if (std::find(ops.begin(), ops.end(), query.get_type()) != ops.end()) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_node(query.get_subquery(i), ops)) return true;
    }
    return false;
}

std::vector<std::string> filter_terms(const Xapian::Query& query) {
    std::vector<std::string> out;
    collect_filter_terms(query, out);
    return sorted_unique(std::move(out));
}

std::vector<std::string> word_terms(const Xapian::Query& query,
                                    const std::vector<std::string>& filters) {
    std::vector<std::string> out;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        if (!std::binary_search(filters.begin(), filters.end(), *it)) out.push_back(*it);
    }
    return sorted_unique(std::move(out));
}

bool decided_by_terms(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return true;
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_SCALE_WEIGHT:
            break;
        default:
            return false;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!decided_by_terms(query.get_subquery(i))) return false;
    }
    return query.get_num_subqueries() > 0;
}

bool matches_terms(const Xapian::Query& query, const std::vector<std::string>& held) {
    const std::size_t n = query.get_num_subqueries();
    auto sub = [&](std::size_t i) { return matches_terms(query.get_subquery(i), held); };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            std::string term = *query.get_terms_begin();
            return std::binary_search(held.begin(), held.end(), term);
        }
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
            for (std::size_t i = 0; i < n; ++i) {
                if (!sub(i)) return false;
            }
            return true;
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_SCALE_WEIGHT:
            return sub(0);
        default:  // OR, SYNONYM, MAX
            for (std::size_t i = 0; i < n; ++i) {
                if (sub(i)) return true;
            }
            return false;
    }
}

}  // namespace newsindex::query
