// An HTML fragment -> paragraphs, as a diffengine summary or NewsEdits
// sentences become a record's text (indexer::html_paragraphs). Only valid
// UTF-8 reaches it (the SQLite reader rejects the rest), so other input is
// passed over. The text must be UTF-8 without NUL, its paragraphs joined
// by exactly one blank line, none empty, none with whitespace at an end or
// a run of whitespace inside.
#include "indexer/html_paragraphs.h"
#include "indexer/input_file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace indexer = newsindex::indexer;

namespace {

void fail(const char* what, const std::string& text) {
    std::fprintf(stderr, "%s: \"%s\"\n", what, text.c_str());
    std::abort();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view html(reinterpret_cast<const char*>(data), size);
    if (!indexer::is_utf8_text(html)) return 0;
    std::string text = indexer::html_paragraphs(html);
    if (!indexer::is_utf8_text(text)) fail("not UTF-8 text", text);
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        std::size_t end = text.find("\n\n", start);
        std::string paragraph = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (paragraph.empty()) fail("empty paragraph", text);
        if (is_space(paragraph.front()) || is_space(paragraph.back())) fail("whitespace at a paragraph's end", text);
        for (std::size_t i = 0; i < paragraph.size(); ++i) {
            if (paragraph[i] != ' ' && is_space(paragraph[i])) fail("whitespace other than one space", text);
            if (paragraph[i] == ' ' && i + 1 < paragraph.size() && paragraph[i + 1] == ' ')
                fail("a run of spaces", text);
        }
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return 0;
}
