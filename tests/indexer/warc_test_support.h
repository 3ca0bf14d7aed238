// Writing small WARC files for the tests of the WARC reader: records
// (WARC/1.0 and 1.1), HTTP responses (plain, chunked, gzip-encoded), gzip
// members, and news pages wrapped in a site's furniture (navigation,
// header, cookie banner, ads, aside, footer, scripts) around the article.
#pragma once

#include <zlib.h>

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace newsindex::indexer::warc_test {

// One WARC record: header, block, and the two CRLFs after it.
inline std::string warc_record(const std::string& version, const std::string& type, const std::string& uri,
                               const std::string& date, const std::string& content_type, const std::string& block) {
    std::string header = fmt::format("WARC/{}\r\nWARC-Type: {}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n"
                                     "WARC-Date: {}\r\n",
                                     version, type, block.size() * 2654435761u % 0xffffffffu, date);
    if (!uri.empty()) header += fmt::format("WARC-Target-URI: {}\r\n", uri);
    if (!content_type.empty()) header += fmt::format("Content-Type: {}\r\n", content_type);
    header += fmt::format("Content-Length: {}\r\n\r\n", block.size());
    return header + block + "\r\n\r\n";
}

inline std::string response_record(const std::string& version, const std::string& uri, const std::string& date,
                                   const std::string& http) {
    return warc_record(version, "response", uri, date, "application/http; msgtype=response", http);
}

// A revisit record ("seen again, unchanged", identical payload digest):
// the HTTP head of the response, no body, and the record it refers to.
inline std::string revisit_record(const std::string& version, const std::string& uri, const std::string& date,
                                  const std::string& http_head, const std::string& refers_to_date) {
    std::string record = warc_record(version, "revisit", uri, date, "application/http; msgtype=response", http_head);
    std::string fields = fmt::format(
        "WARC-Profile: http://netpreserve.org/warc/{}/revisit/identical-payload-digest\r\n"
        "WARC-Refers-To-Target-URI: {}\r\nWARC-Refers-To-Date: {}\r\n",
        version, uri, refers_to_date);
    return record.insert(record.find("Content-Length:"), fields);
}

// An HTTP response: status line, the fields, a Content-Length (unless
// chunked), the body.
inline std::string http_response(int status, const std::vector<std::string>& fields, const std::string& body,
                                 bool chunked = false) {
    std::string reason = status == 200 ? "OK" : status == 301 ? "Moved Permanently" : status == 404 ? "Not Found" : "X";
    std::string out = fmt::format("HTTP/1.1 {} {}\r\n", status, reason);
    for (const std::string& field : fields) out += field + "\r\n";
    if (!chunked) {
        out += fmt::format("Content-Length: {}\r\n\r\n", body.size());
        return out + body;
    }
    out += "Transfer-Encoding: chunked\r\n\r\n";
    // Chunks of 100 bytes, sizes in hex, one with an extension.
    for (std::size_t at = 0; at < body.size(); at += 100) {
        std::string chunk = body.substr(at, 100);
        out += fmt::format("{:x}{}\r\n", chunk.size(), at == 0 ? ";name=value" : "") + chunk + "\r\n";
    }
    return out + "0\r\n\r\n";
}

// `data` as one gzip member.
inline std::string gzip_member(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib");
    std::string out(deflateBound(&z, data.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib");
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// `data` as zlib-wrapped deflate (HTTP's Content-Encoding: deflate).
inline std::string zlib_deflate(const std::string& data) {
    uLongf size = compressBound(data.size());
    std::string out(size, '\0');
    compress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()), data.size());
    out.resize(size);
    return out;
}

struct PageParts {
    std::string site = "Example News";
    std::string lang = "en";
    std::string charset_meta;  // e.g. "<meta charset=\"windows-1252\">"
    std::string title;         // the article's title; <title> gets " | site"
    std::string og_title;      // "" for none
    std::string description;   // meta description
    std::string og_description;
    std::string author_meta;   // meta name=author
    std::string json_ld;       // a whole JSON-LD object, "" for none
    std::string published_meta;  // article:published_time
    std::vector<std::string> paragraphs;  // HTML of each paragraph's content
    bool use_article = true;   // <article>; else <div class="story-body"> (density rule)
};

// A news page: the article among a site's furniture.
inline std::string news_page(const PageParts& p) {
    std::string head = "<!DOCTYPE html>\n<html lang=\"" + p.lang + "\">\n<head>\n" + p.charset_meta + "\n";
    head += "<title>" + p.title + " | " + p.site + "</title>\n";
    if (!p.og_title.empty()) head += "<meta property=\"og:title\" content=\"" + p.og_title + "\">\n";
    if (!p.description.empty()) head += "<meta name=\"description\" content=\"" + p.description + "\">\n";
    if (!p.og_description.empty()) head += "<meta property=\"og:description\" content=\"" + p.og_description + "\">\n";
    if (!p.author_meta.empty()) head += "<meta name=\"author\" content=\"" + p.author_meta + "\">\n";
    if (!p.published_meta.empty())
        head += "<meta property=\"article:published_time\" content=\"" + p.published_meta + "\">\n";
    if (!p.json_ld.empty()) head += "<script type=\"application/ld+json\">" + p.json_ld + "</script>\n";
    head += "<script>var tracker = {id: 'UA-1'}; document.write('<p>tracking pixel text</p>');</script>\n"
            "<style>.ad { display: block } p { margin: 0 }</style>\n</head>\n";
    std::string body =
        "<body>\n"
        "<div id=\"cookie-banner\" class=\"consent\"><p>We use cookies to personalise content and ads. "
        "Accept all cookies to continue.</p><button>Accept</button></div>\n"
        "<header class=\"masthead\"><a href=\"/\"><img alt=\"" + p.site + "\" src=\"/logo.png\"></a>\n"
        "<nav><ul><li><a href=\"/world\">World news</a></li><li><a href=\"/business\">Business desk</a></li>"
        "<li><a href=\"/sport\">Sport pages</a></li></ul></nav></header>\n"
        "<div class=\"ad ad-leaderboard\"><p>Advertisement: mattress clearance sale this weekend only</p></div>\n"
        "<div class=\"page\">\n";
    body += p.use_article ? "<main>\n<article>\n" : "<div class=\"story-body\">\n";
    body += "<h1>" + p.title + "</h1>\n<div class=\"byline\">Filed under politics</div>\n";
    for (std::size_t i = 0; i < p.paragraphs.size(); ++i) {
        body += "<p>" + p.paragraphs[i] + "</p>\n";
        if (i == 0) body += "<div class=\"ad-slot inline\"><p>Sponsored: holiday offers in sunny resorts</p></div>\n";
        if (i == 1) body += "<figure><img src=\"/a.jpg\"><figcaption>Advertisement banner caption</figcaption></figure>\n";
    }
    body += "<div class=\"share-tools\"><p>Share this story on social networks</p></div>\n";
    body += p.use_article ? "</article>\n" : "</div>\n";
    body += "<aside class=\"most-read\"><h2>Most read elsewhere</h2><ul><li><p>Celebrity garden makeover wins prize</p></li></ul></aside>\n";
    if (p.use_article) body += "</main>\n";
    body += "<div class=\"sidebar-teasers\"><p>Other headline teaser about weather forecasts</p></div>\n";
    body += "</div>\n<footer><p>Copyright " + p.site + " Media Group, all rights reserved.</p>"
            "<form action=\"/subscribe\"><p>Get our newsletter every morning</p><input name=\"email\"></form></footer>\n"
            "<script>trackPageView();</script>\n</body>\n</html>\n";
    return head + body;
}

// Words from the furniture of news_page, none of which is in the tests'
// article text: any of them in the index means furniture leaked.
inline const std::vector<std::string>& furniture_words() {
    static const std::vector<std::string> words{"cookies", "mattress", "sponsored", "resorts", "banner", "social",
                                                "celebrity", "teaser", "copyright", "newsletter", "tracking",
                                                "masthead", "filed"};
    return words;
}

}  // namespace newsindex::indexer::warc_test
