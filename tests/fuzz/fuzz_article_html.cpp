// An HTML page -> an article, through extract_article (libxml2's HTML
// parser, charset conversion, furniture, JSON-LD, the title's suffix).
// Byte 0 picks the HTTP charset passed with the page; the rest is the
// page. Only PageError may escape, and the text must be valid UTF-8.
#include "indexer/article_html.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace indexer = newsindex::indexer;

namespace {

constexpr std::string_view kCharsets[] = {"", "utf-8", "ISO-8859-1", "windows-1252", "shift_jis", "koi8-r",
                                          "utf-16", "x-no-such-charset"};

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        }
        i += n;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view charset = kCharsets[data[0] % std::size(kCharsets)];
    std::string_view page(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        indexer::Article article = indexer::extract_article(page, charset, "https://www.example.com/news/a");
        if (!valid_utf8(article.text) || !valid_utf8(article.title) || !valid_utf8(article.summary)) std::abort();
    } catch (const indexer::PageError&) {
    }
    return 0;
}
