#include "schema/url.h"

#include <array>
#include <optional>

namespace newsindex::schema {

namespace {

// Query parameters that say how a reader arrived, not which article: ad and
// newsletter click ids, analytics campaign tags. Any "utm_" parameter is
// tracking too (see is_tracking_parameter).
constexpr std::array<std::string_view, 19> kTrackingParameters{
    "fbclid", "gclid",  "dclid", "gbraid", "wbraid",    "msclkid",     "mc_cid",
    "mc_eid", "_ga",    "_gl",   "igshid", "yclid",     "ocid",        "cmpid",
    "smid",   "smtyp",  "at_medium", "at_campaign", "ref_src",
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool is_tracking_parameter(std::string_view name) {
    std::string key = lower(name);
    if (key.starts_with("utm_")) return true;
    for (std::string_view tracking : kTrackingParameters)
        if (key == tracking) return true;
    return false;
}

// An absolute URL cut into its parts (RFC 3986 section 3), as views into
// the original text.
struct UrlParts {
    std::string_view scheme;
    std::string_view userinfo;  // with its trailing '@', or empty
    std::string_view host;      // with brackets for IPv6 literals
    std::string_view port;      // digits after ':', possibly empty
    std::string_view path;
    std::string_view query;     // without '?'
    bool has_query = false;
};

std::optional<UrlParts> split_url(std::string_view url) {
    std::size_t colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    UrlParts parts;
    parts.scheme = url.substr(0, colon);
    for (char c : parts.scheme) {
        bool scheme_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!scheme_char) return std::nullopt;
    }
    std::string_view rest = url.substr(colon + 3);
    std::size_t authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

    if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        parts.userinfo = authority.substr(0, at + 1);
        authority.remove_prefix(at + 1);
    }
    std::size_t host_end = authority.size();
    if (authority.starts_with('[')) {
        std::size_t bracket = authority.find(']');
        if (bracket == std::string_view::npos) return std::nullopt;
        host_end = bracket + 1;
    } else if (std::size_t port_colon = authority.rfind(':'); port_colon != std::string_view::npos) {
        host_end = port_colon;
    }
    parts.host = authority.substr(0, host_end);
    if (host_end < authority.size()) {
        if (authority[host_end] != ':') return std::nullopt;
        parts.port = authority.substr(host_end + 1);
        for (char c : parts.port)
            if (c < '0' || c > '9') return std::nullopt;
    }
    if (parts.host.empty()) return std::nullopt;

    rest = rest.substr(0, rest.find('#'));
    std::size_t question = rest.find('?');
    parts.path = rest.substr(0, question);
    if (question != std::string_view::npos) {
        parts.has_query = true;
        parts.query = rest.substr(question + 1);
    }
    return parts;
}

// The query without tracking parameters and empty pieces, the others in
// their order.
std::string kept_query(std::string_view query) {
    std::string kept;
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view parameter = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (parameter.empty() || is_tracking_parameter(parameter.substr(0, parameter.find('='))))
            continue;
        if (!kept.empty()) kept += '&';
        kept += parameter;
    }
    return kept;
}

}  // namespace

std::string normalise_url(std::string_view url) {
    url = trim(url);
    std::optional<UrlParts> parts = split_url(url);
    if (!parts) return std::string(url);
    std::string scheme = lower(parts->scheme);
    if (scheme != "http" && scheme != "https") return std::string(url);

    std::string out = "https://";
    out.reserve(url.size() + 1);
    out += parts->userinfo;
    out += lower(parts->host);
    if (!parts->port.empty() && parts->port != "80" && parts->port != "443") {
        out += ':';
        out += parts->port;
    }
    std::string_view path = parts->path;
    if (path.ends_with('/')) path.remove_suffix(1);
    out += path;
    if (parts->has_query) {
        std::string query = kept_query(parts->query);
        if (!query.empty()) {
            out += '?';
            out += query;
        }
    }
    return out;
}

std::string url_host(std::string_view url) {
    std::optional<UrlParts> parts = split_url(trim(url));
    if (!parts) return "";
    std::string host = lower(parts->host);
    if (host.starts_with("www.")) host.erase(0, 4);
    return host;
}

}  // namespace newsindex::schema
