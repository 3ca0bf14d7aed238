// Article identity from URLs: the same article reached by http or https,
// with or without tracking parameters, is one article.
#pragma once

#include <string>
#include <string_view>

namespace newsindex::indexer {

// Normalises a URL for article identity: scheme http/https unified (to
// "https"), host lower-cased, default port dropped, fragment removed,
// tracking parameters (utm_*, fbclid, gclid, dclid, msclkid, mc_cid, mc_eid,
// _ga, igshid, ocid, cmpid, ...) removed with the order of the others kept,
// and a trailing slash removed. Returns the input unchanged (trimmed) when it
// is not an absolute http(s) URL.
std::string normalise_url(std::string_view url);

// The URL's host, lower-cased, without "www." or port; "" if none.
std::string url_host(std::string_view url);

}  // namespace newsindex::indexer
