#include "query/text/url_fields.h"

#include "query/engine/article_versions.h"
#include "schema/terms.h"
#include "schema/url.h"

#include <vector>

namespace newsindex::query {

namespace {

std::string with_scheme(const std::string& value) {
    return value.find("://") == std::string::npos ? "http://" + value : value;
}

// Whether `host` is `site` or a host under it: "news.bbc.co.uk" is under
// "bbc.co.uk" and "co.uk", not under "bc.co.uk".
bool is_within(std::string_view host, std::string_view site) {
    if (!host.ends_with(site)) return false;
    return host.size() == site.size() || host[host.size() - site.size() - 1] == '.';
}

// Any of `terms`; `none` (a term the database lacks) when there are none:
// a query that matches nothing, where an empty one would be refused as no
// query at all.
Xapian::Query any_of(const std::vector<std::string>& terms, const std::string& none) {
    if (terms.empty()) return Xapian::Query(none);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

std::string host_of(const std::string& value) {
    std::string host = schema::url_host(with_scheme(value));
    return host.empty() ? schema::ascii_lower(value) : host;
}

Xapian::Query SiteField::operator()(const std::string& value) {
    std::string site = host_of(value);
    while (site.ends_with('.')) site.pop_back();  // "bbc.co.uk." is the same name
    const std::string prefix(schema::prefix::kHost);
    std::vector<std::string> hosts;
    // Every host term ends in its host's last label; the list of hosts is
    // short next to any postlist, so it is read whole.
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
        std::string term = *it;
        if (!site.empty() && is_within(std::string_view(term).substr(prefix.size()), site)) {
            hosts.push_back(std::move(term));
        }
    }
    return any_of(hosts, schema::bounded_term(prefix, site));
}

Xapian::Query UrlField::operator()(const std::string& value) {
    std::string url = schema::normalise_url(with_scheme(value));
    const std::size_t authority = url.find("://");
    const bool has_path = authority != std::string::npos &&
                          url.find_first_of("/?", authority + 3) != std::string::npos;
    if (!has_path) {
        return Xapian::Query(schema::bounded_term(schema::prefix::kHost, host_of(value)));
    }
    std::vector<std::string> terms = url_terms(db_, url);
    // "bbc.com/news/x" and "www.bbc.com/news/x" name one page, though the
    // indexer keeps the two hosts apart for identity.
    const std::size_t host = authority + 3;
    std::string other = url.compare(host, 4, "www.") == 0 ? url.substr(0, host) + url.substr(host + 4)
                                                          : url.substr(0, host) + "www." + url.substr(host);
    for (std::string& term : url_terms(db_, other)) terms.push_back(std::move(term));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace newsindex::query
