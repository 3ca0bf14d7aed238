// Article identity from URLs: the same article reached by http or https,
// with or without tracking parameters, is one article.
#pragma once

#include <string>
#include <string_view>

namespace newsindex::schema {

// Normalises a URL for article identity: scheme http/https unified (to
// "https"), host lower-cased ("www." kept: identity must not merge hosts),
// default port (:80, :443) dropped, fragment removed, tracking parameters
// (utm_*, fbclid, gclid, dclid, msclkid, mc_cid, mc_eid, _ga, igshid, ocid,
// cmpid, ...; the table is in url.cpp) removed with the order of the others
// kept, an empty query dropped, and one trailing slash of the path removed.
// Percent-encoding is left as written. Returns the input unchanged (trimmed)
// when it is not an absolute http(s) URL.
std::string normalise_url(std::string_view url);

// The URL's host, lower-cased, without "www." or port; "" if none.
std::string url_host(std::string_view url);

}  // namespace newsindex::schema
