// A news article out of an HTML page: its title, summary, author,
// published time, language and body text, without the page's furniture
// (navigation, header, footer, asides, scripts, forms, ads, cookie
// banners). Parsed by libxml2's HTML parser, which converts the page's
// charset to UTF-8 through iconv; nothing is fetched from the network.
// The rules are in corpus/README.md ("WARC web archives").
#pragma once

#include "schema/version_record.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsindex::indexer {

// A page that cannot be read: a charset libxml2 and iconv do not know.
class PageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Article {
    std::string title;    // og:title, else <title> without the site's suffix
    std::string summary;  // og:description, else meta description
    std::string author;   // meta author, article:author, JSON-LD author names
    std::string section;  // article:section, JSON-LD articleSection
    std::string language; // <html lang>'s two-letter code, "" when absent
    std::optional<schema::CaptureTime> published;  // article:published_time, JSON-LD datePublished
    // The article's paragraphs, in page order, joined by "\n\n" (the JSON
    // Lines text field's paragraph separator); "" when the page has none.
    std::string text;
};

// Extracts the article of `html`. `charset` is the HTTP Content-Type's
// charset ("" when none: then the page's <meta charset> or http-equiv
// decides, else UTF-8); a label HTML treats as windows-1252 (ISO-8859-1,
// US-ASCII) is read as windows-1252. `url` is the page's address (the
// site's name in the title suffix is recognised by it). Throws PageError
// for an unknown charset, named in the message.
Article extract_article(std::string_view html, std::string_view charset, std::string_view url = {});

}  // namespace newsindex::indexer
