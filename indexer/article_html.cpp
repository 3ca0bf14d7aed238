#include "indexer/article_html.h"

#include "schema/languages.h"
#include "schema/time.h"
#include "schema/url.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <cctype>
#include <memory>
#include <mutex>
#include <vector>

namespace newsindex::indexer {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const char* name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool is_element(const xmlNode* node, std::string_view name) {
    return node->type == XML_ELEMENT_NODE && node->name != nullptr && name_of(node) == name;
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

// The length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no
// overlong forms, surrogates or code points past U+10FFFF), 0 if none.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) >> 6) != 0x2) return 0;
    }
    unsigned char second = byte(i + 1);
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) ||
        (c == 0xF4 && second > 0x8F))
        return 0;
    return n;
}

// Whitespace runs (ASCII and no-break space) become one space; the ends
// are trimmed. Bytes that are not UTF-8 (libxml2 passes some through from
// a page that is not in the charset it declares) become U+FFFD, so every
// field is valid UTF-8 whatever the page holds.
std::string collapsed(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = utf8_sequence(text, i);
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
                        (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0);
        if (is_space) {
            space = !out.empty();
            i += n;
            continue;
        }
        if (space) out += ' ';
        space = false;
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            i += 1;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

// Elements that are never the article: the page's furniture.
constexpr std::array kFurniture{"nav",    "header", "footer", "aside",    "script", "style",  "noscript",
                                "form",   "iframe", "template", "svg",    "button", "select", "textarea",
                                "figcaption", "object", "embed", "dialog", "menu"};

// class or id words that mark an ad, a cookie banner or a share bar.
constexpr std::array kFurnitureWords{"ad",        "ads",       "advert",   "advertisement", "sponsored",
                                     "promo",     "cookie",    "cookies",  "consent",       "banner",
                                     "newsletter", "subscribe", "share",   "sharing",       "social",
                                     "related",   "recommended", "outbrain", "taboola",     "paywall",
                                     "comments",  "breadcrumb", "breadcrumbs", "sidebar",   "popup",
                                     "modal"};

bool names_furniture(const std::string& value) {
    std::size_t at = 0;
    std::string text = lower(value);
    while (at < text.size()) {
        std::size_t end = text.find_first_of(" \t\n-_", at);
        if (end == std::string::npos) end = text.size();
        std::string_view word(text.data() + at, end - at);
        for (const char* furniture : kFurnitureWords) {
            if (word == furniture) return true;
        }
        at = end + 1;
    }
    return false;
}

bool is_furniture(const xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return false;
    std::string_view name = name_of(node);
    for (const char* furniture : kFurniture) {
        if (name == furniture) return true;
    }
    std::string role = lower(attribute(node, "role"));
    if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
        role == "search" || role == "dialog" || role == "alert")
        return true;
    if (!attribute(node, "hidden").empty() || lower(attribute(node, "aria-hidden")) == "true") return true;
    return names_furniture(attribute(node, "class")) || names_furniture(attribute(node, "id"));
}

// The text of `node` and its descendants, furniture left out.
void append_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            if (child->content != nullptr) out += reinterpret_cast<const char*>(child->content);
        } else if (child->type == XML_ELEMENT_NODE && !is_furniture(child)) {
            if (is_element(child, "br")) out += ' ';
            append_text(child, out);
        }
    }
}

std::string text_of(const xmlNode* node) {
    std::string raw;
    append_text(node, raw);
    return collapsed(raw);
}

// Elements whose text is one paragraph of the article.
bool is_paragraph(const xmlNode* node) {
    static constexpr std::array kBlocks{"p", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dd"};
    if (node->type != XML_ELEMENT_NODE) return false;
    std::string_view name = name_of(node);
    return std::any_of(kBlocks.begin(), kBlocks.end(), [&](const char* block) { return name == block; });
}

bool holds_paragraph(const xmlNode* node) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && !is_furniture(child) && (is_paragraph(child) || holds_paragraph(child)))
            return true;
    }
    return false;
}

// The paragraphs below `node`, in order; a block holding other blocks (a
// blockquote of <p>, a list item of paragraphs) gives theirs.
void collect_paragraphs(const xmlNode* node, std::vector<std::string>& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || is_furniture(child)) continue;
        if (is_paragraph(child) && !holds_paragraph(child)) {
            std::string text = text_of(child);
            if (!text.empty()) out.push_back(std::move(text));
        } else {
            collect_paragraphs(child, out);
        }
    }
}

std::size_t paragraph_length(const xmlNode* node) {
    std::vector<std::string> paragraphs;
    collect_paragraphs(node, paragraphs);
    std::size_t length = 0;
    for (const std::string& p : paragraphs) length += p.size();
    return length;
}

// What the walk of the page finds besides the body.
struct PageFacts {
    std::map<std::string, std::string> meta;  // lower-case name or property -> first content
    std::string title;                        // <title>
    std::string language;                     // <html lang>
    std::vector<std::string> json_ld;
    std::vector<const xmlNode*> articles;     // <article>
    std::vector<const xmlNode*> mains;        // <main>, [role=main]
    // The element whose own <p> children hold the most text, and that text.
    const xmlNode* densest = nullptr;
    std::size_t densest_length = 0;
};

void walk(const xmlNode* node, PageFacts& facts, bool in_furniture) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        std::string_view name = name_of(child);
        if (name == "meta") {
            std::string key = lower(attribute(child, "property"));
            if (key.empty()) key = lower(attribute(child, "name"));
            if (!key.empty() && !facts.meta.contains(key)) {
                std::string content = collapsed(attribute(child, "content"));
                if (!content.empty()) facts.meta.emplace(std::move(key), std::move(content));
            }
        } else if (name == "title" && facts.title.empty()) {
            facts.title = text_of(child);
        } else if (name == "html" && facts.language.empty()) {
            facts.language = attribute(child, "lang");
        } else if (name == "script") {
            if (lower(attribute(child, "type")) == "application/ld+json") {
                std::string raw;
                for (const xmlNode* text = child->children; text != nullptr; text = text->next) {
                    if (text->content != nullptr) raw += reinterpret_cast<const char*>(text->content);
                }
                facts.json_ld.push_back(std::move(raw));
            }
            continue;
        }
        bool furniture = in_furniture || is_furniture(child);
        if (!furniture) {
            if (name == "article") facts.articles.push_back(child);
            if (name == "main" || lower(attribute(child, "role")) == "main") facts.mains.push_back(child);
            std::size_t own = 0;
            for (const xmlNode* p = child->children; p != nullptr; p = p->next) {
                if (is_element(p, "p") && !is_furniture(p)) own += text_of(p).size();
            }
            if (own > facts.densest_length) {
                facts.densest = child;
                facts.densest_length = own;
            }
        }
        walk(child, facts, furniture);
    }
}

// The element holding the article: the <article> with the most paragraph
// text, else the <main> (or [role=main]) with the most, else the densest.
const xmlNode* article_element(const PageFacts& facts) {
    for (const auto* candidates : {&facts.articles, &facts.mains}) {
        const xmlNode* best = nullptr;
        std::size_t best_length = 0;
        for (const xmlNode* node : *candidates) {
            std::size_t length = paragraph_length(node);
            if (length > best_length) {
                best = node;
                best_length = length;
            }
        }
        if (best != nullptr) return best;
    }
    return facts.densest;
}

// The letters and digits of `s`, lower case: "The Guardian" -> "theguardian".
std::string squashed(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// <title> without the site's name after its last " - ", " | ", " — " or
// " – ": removed when it is og:site_name, or spells the URL's host (its
// letters within the host's), or follows " | ".
std::string without_site_suffix(const std::string& title, const std::string& site_name, std::string_view url) {
    static constexpr std::array<std::string_view, 5> kSeparators{" | ", " - ", " \u2014 ", " \u2013 ", " :: "};
    std::size_t cut = std::string::npos;
    std::string_view separator;
    for (std::string_view s : kSeparators) {
        std::size_t at = title.rfind(s);
        if (at != std::string::npos && at > 0 && (cut == std::string::npos || at > cut)) {
            cut = at;
            separator = s;
        }
    }
    if (cut == std::string::npos) return title;
    std::string suffix = squashed(std::string_view(title).substr(cut + separator.size()));
    if (suffix.empty()) return title;
    std::string host = squashed(schema::url_host(url));
    bool site = (!site_name.empty() && suffix == squashed(site_name)) ||
                (!host.empty() && host.find(suffix) != std::string::npos) || separator == " | ";
    return site ? collapsed(title.substr(0, cut)) : title;
}

std::string json_string(const nlohmann::json& value) {
    return value.is_string() ? collapsed(value.get<std::string>()) : std::string{};
}

// Author names of a JSON-LD author value: a string, a Person, or a list.
void add_authors(const nlohmann::json& value, std::vector<std::string>& names) {
    if (value.is_array()) {
        for (const nlohmann::json& item : value) add_authors(item, names);
    } else if (value.is_object() && value.contains("name")) {
        std::string name = json_string(value["name"]);
        if (!name.empty()) names.push_back(std::move(name));
    } else if (value.is_string()) {
        std::string name = json_string(value);
        if (!name.empty()) names.push_back(std::move(name));
    }
}

bool is_article_type(const nlohmann::json& type) {
    auto one = [](const nlohmann::json& t) {
        if (!t.is_string()) return false;
        const std::string& s = t.get_ref<const std::string&>();
        return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report";
    };
    if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
    return one(type);
}

// The first article object of a JSON-LD block (a top-level object, a
// list, or an @graph).
const nlohmann::json* find_article(const nlohmann::json& value, int depth = 0) {
    if (depth > 4) return nullptr;
    if (value.is_array()) {
        for (const nlohmann::json& item : value) {
            if (const nlohmann::json* found = find_article(item, depth + 1)) return found;
        }
    } else if (value.is_object()) {
        if (value.contains("@type") && is_article_type(value["@type"])) return &value;
        if (value.contains("@graph")) return find_article(value["@graph"], depth + 1);
    }
    return nullptr;
}

struct JsonLdFacts {
    std::string author;
    std::string published;
    std::string section;
};

JsonLdFacts json_ld_facts(const std::vector<std::string>& blocks) {
    JsonLdFacts facts;
    for (const std::string& block : blocks) {
        nlohmann::json value = nlohmann::json::parse(block, nullptr, false);
        if (value.is_discarded()) continue;
        const nlohmann::json* article = find_article(value);
        if (article == nullptr) continue;
        if (article->contains("author")) {
            std::vector<std::string> names;
            add_authors((*article)["author"], names);
            facts.author = fmt::format("{}", fmt::join(names, ", "));
        }
        if (article->contains("datePublished")) facts.published = json_string((*article)["datePublished"]);
        if (article->contains("articleSection")) {
            const nlohmann::json& section = (*article)["articleSection"];
            facts.section = section.is_array() && !section.empty() ? json_string(section[0]) : json_string(section);
        }
        return facts;
    }
    return facts;
}

// Labels HTML reads as windows-1252 (the WHATWG Encoding Standard): pages
// labelled ISO-8859-1 use its printable 0x80-0x9F (curly quotes, dashes).
std::string encoding_for(std::string_view charset) {
    std::string label = lower(charset);
    if (label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" || label == "latin-1" ||
        label == "l1" || label == "us-ascii" || label == "ascii" || label == "cp1252" || label == "x-cp1252")
        return "windows-1252";
    return label;
}

bool known_encoding(const std::string& name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name.c_str());
    if (handler == nullptr) return false;
    xmlCharEncCloseFunc(handler);
    return true;
}

// Errors libxml2 reports while parsing: only an unknown charset matters.
struct ParseErrors {
    std::string unknown_encoding;
};

void on_parse_error(void* data, xmlErrorPtr error) {
    auto* errors = static_cast<ParseErrors*>(data);
    if (error != nullptr && error->code == XML_ERR_UNSUPPORTED_ENCODING && errors->unknown_encoding.empty())
        errors->unknown_encoding = error->str1 != nullptr ? error->str1 : "?";
}

struct DocumentFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

}  // namespace

Article extract_article(std::string_view html, std::string_view charset, std::string_view url) {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });

    std::string encoding = encoding_for(collapsed(charset));
    if (!encoding.empty() && !known_encoding(encoding))
        throw PageError(fmt::format("unknown charset \"{}\"", std::string(charset.substr(0, 40))));

    // The structured error handler is per thread in libxml2.
    ParseErrors errors;
    xmlSetStructuredErrorFunc(&errors, on_parse_error);
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_COMPACT | (encoding.empty() ? 0 : HTML_PARSE_IGNORE_ENC);
    std::unique_ptr<xmlDoc, DocumentFree> doc(htmlReadMemory(html.data(), static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)),
                                                            nullptr, encoding.empty() ? nullptr : encoding.c_str(), options));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (!errors.unknown_encoding.empty())
        throw PageError(fmt::format("unknown charset \"{}\"", errors.unknown_encoding.substr(0, 40)));

    Article article;
    if (!doc) return article;
    xmlNode* root = xmlDocGetRootElement(doc.get());
    if (root == nullptr) return article;

    PageFacts facts;
    xmlNode top{};  // walk() looks at children: give it the root as one
    top.children = root;
    walk(&top, facts, false);

    auto meta = [&](const char* key) {
        auto found = facts.meta.find(key);
        return found == facts.meta.end() ? std::string{} : found->second;
    };
    JsonLdFacts linked = json_ld_facts(facts.json_ld);

    article.title = meta("og:title");
    if (article.title.empty()) article.title = without_site_suffix(facts.title, meta("og:site_name"), url);
    article.summary = meta("og:description");
    if (article.summary.empty()) article.summary = meta("description");
    article.author = meta("author");
    if (article.author.empty()) {
        std::string tag = meta("article:author");
        if (!tag.starts_with("http://") && !tag.starts_with("https://")) article.author = tag;
    }
    if (article.author.empty()) article.author = linked.author;
    article.section = meta("article:section");
    if (article.section.empty()) article.section = linked.section;
    std::string published = meta("article:published_time");
    if (published.empty()) published = linked.published;
    if (!published.empty()) article.published = schema::parse_time(published);

    std::string language = schema::primary_language(facts.language);
    if (language.size() == 2 && std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        article.language = language;

    if (const xmlNode* body = article_element(facts)) {
        std::vector<std::string> paragraphs;
        collect_paragraphs(body, paragraphs);
        article.text = fmt::format("{}", fmt::join(paragraphs, "\n\n"));
    }
    return article;
}

}  // namespace newsindex::indexer
