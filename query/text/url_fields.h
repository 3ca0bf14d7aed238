// The query fields that name places on the web, matched as their names say:
//   site:bbc.co.uk   that host and every host under it, on label boundaries
//                    (news.bbc.co.uk; site:co.uk every .co.uk host; never
//                    abbc.co.uk), "www." and a scheme or path ignored
//   url:URL          with a path: the versions captured at that URL,
//                    normalised as the indexer normalises (schema/url.h);
//                    without one (url:bbc.co.uk): that host alone
// The index holds each version's host (H term) and, where the URL is not the
// article's identity, its URL (XU); site: expands to the host terms of the
// database that it covers, so no term is indexed for it.
#pragma once

#include <xapian.h>

#include <string>

namespace newsindex::query {

// The host a site:/url: value names: lower case, without scheme, "www.",
// port or path; "" when it names none.
std::string host_of(const std::string& value);

// site:VALUE over `db`'s hosts. `db` must outlive the processor.
class SiteField : public Xapian::FieldProcessor {
  public:
    explicit SiteField(const Xapian::Database& db) : db_(db) {}
    Xapian::Query operator()(const std::string& value) override;

  private:
    const Xapian::Database& db_;
};

// url:VALUE over `db`. `db` must outlive the processor.
class UrlField : public Xapian::FieldProcessor {
  public:
    explicit UrlField(const Xapian::Database& db) : db_(db) {}
    Xapian::Query operator()(const std::string& value) override;

  private:
    const Xapian::Database& db_;
};

}  // namespace newsindex::query
