// URL normalisation: never crashes, and normalising keeps the host that
// url:/site: queries match on (url_host of the normalised URL is url_host of
// the URL as written) — for URLs whose host is a host name or a bracketed
// address. Malformed authorities ("cnn.example:80x", "www.bv :") yield
// "hosts" with a colon or a space that normalisation does not keep; such a
// URL names no real host, and indexer and query treat it alike (README.md).
#include "schema/url.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace schema = newsindex::schema;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view url(reinterpret_cast<const char*>(data), size);
    std::string normalised = schema::normalise_url(url);
    std::string host = schema::url_host(url);
    bool host_name = std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    });
    if (!host_name && !host.starts_with('[')) return 0;
    if (schema::url_host(normalised) != host) {
        std::fprintf(stderr, "host changed by normalisation: '%s' -> '%s'\n", host.c_str(),
                     schema::url_host(normalised).c_str());
        std::abort();
    }
    return 0;
}
