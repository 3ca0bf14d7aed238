#include "indexer/html_paragraphs.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <climits>
#include <memory>
#include <string_view>

namespace newsindex::indexer {

namespace {

// Elements that stand as paragraphs (or end one: br, hr) rather than run
// inside one.
constexpr std::array<std::string_view, 38> kBlockElements{
    "address", "article", "aside",  "blockquote", "br",     "caption", "dd",     "details",
    "div",     "dl",      "dt",     "fieldset",   "figcaption", "figure", "footer", "form",
    "h1",      "h2",      "h3",     "h4",         "h5",     "h6",      "header", "hr",
    "li",      "main",    "nav",    "ol",         "p",      "pre",     "section", "summary",
    "table",   "td",      "th",     "tr",         "ul",     "body"};

// Elements whose content no reader sees as text.
constexpr std::array<std::string_view, 7> kDroppedElements{
    "script", "style", "noscript", "template", "head", "title", "iframe"};

template <std::size_t N>
bool named_in(const xmlNode* node, const std::array<std::string_view, N>& names) {
    std::string_view name(reinterpret_cast<const char*>(node->name));
    for (std::string_view candidate : names)
        if (candidate == name) return true;
    return false;
}

bool is_block(const xmlNode* node) { return node->type == XML_ELEMENT_NODE && named_in(node, kBlockElements); }

// Collects text into paragraphs, collapsing whitespace as a browser shows it.
class ParagraphWriter {
  public:
    void text(const xmlChar* content) {
        if (content == nullptr) return;
        for (const xmlChar* c = content; *c != 0; ++c) {
            if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\f') {
                space_ = !paragraph_.empty();
                continue;
            }
            if (space_) paragraph_ += ' ';
            space_ = false;
            paragraph_ += static_cast<char>(*c);
        }
    }

    void end_paragraph() {
        space_ = false;
        if (paragraph_.empty()) return;
        if (!text_.empty()) text_ += "\n\n";
        text_ += paragraph_;
        paragraph_.clear();
    }

    std::string take() {
        end_paragraph();
        return std::move(text_);
    }

  private:
    std::string text_;
    std::string paragraph_;
    bool space_ = false;  // whitespace seen since the paragraph's last character
};

struct DocumentDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

void initialise_libxml2_once() {
    // libxml2 wants its globals set up once before threads parse.
    static const bool initialised = [] {
        xmlInitParser();
        return true;
    }();
    (void)initialised;
}

}  // namespace

std::string html_paragraphs(std::string_view html) {
    if (html.empty() || html.size() > static_cast<std::size_t>(INT_MAX)) return {};
    initialise_libxml2_once();
    constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET;
    std::unique_ptr<xmlDoc, DocumentDeleter> doc(
        htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kOptions));
    if (!doc) return {};

    // Walked without recursion: hostile markup may nest deeply.
    ParagraphWriter writer;
    xmlNode* node = doc->children;
    while (node != nullptr) {
        bool descend = false;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            writer.text(node->content);
        } else if (node->type == XML_ELEMENT_NODE && !named_in(node, kDroppedElements)) {
            if (is_block(node)) writer.end_paragraph();
            descend = node->children != nullptr;
            if (!descend && is_block(node)) writer.end_paragraph();
        }
        if (descend) {
            node = node->children;
            continue;
        }
        // On to the next sibling, leaving (and closing) finished elements.
        while (node != nullptr && node->next == nullptr) {
            node = node->parent;
            if (node == nullptr || node->type != XML_ELEMENT_NODE) {
                node = nullptr;
                break;
            }
            if (is_block(node)) writer.end_paragraph();
        }
        if (node != nullptr) node = node->next;
    }
    return writer.take();
}

}  // namespace newsindex::indexer
