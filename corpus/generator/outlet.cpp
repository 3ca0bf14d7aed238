#include "corpus/generator/outlet.h"

#include <date/date.h>
#include <fmt/format.h>

#include <array>
#include <chrono>

namespace newsgen {

const std::vector<Outlet>& outlets() {
    static const std::vector<Outlet> all = {
        {"dailyledger", "www.dailyledger.example", true},
        {"metro-herald", "metroherald.example", false},
        {"northern-courier", "www.northerncourier.example", true},
        {"civicpost", "www.civicpost.example", false},
        {"harbor-gazette", "harborgazette.example", true},
        {"valley-tribune", "www.valleytribune.example", false},
        {"wiredesk", "news.wiredesk.example", false},
    };
    return all;
}

namespace {

bool is_minor_word(std::string_view word) {
    static constexpr std::array<std::string_view, 16> kMinor = {
        "a", "an", "the", "of", "in", "on", "for", "to", "and", "as", "at", "by", "over", "amid",
        "after", "or"};
    for (auto minor : kMinor) {
        if (word == minor) return true;
    }
    return false;
}

}  // namespace

std::string styled_headline(const Outlet& outlet, std::string headline) {
    if (!outlet.title_case) return headline;
    std::size_t start = 0;
    while (start < headline.size()) {
        std::size_t end = headline.find(' ', start);
        if (end == std::string::npos) end = headline.size();
        const std::string_view word(headline.data() + start, end - start);
        const char first = headline[start];
        const bool opens_clause = start == 0 || headline[start - 2] == ':';
        if ((opens_clause || !is_minor_word(word)) && first >= 'a' && first <= 'z') {
            headline[start] = static_cast<char>(first - 'a' + 'A');
        }
        start = end + 1;
    }
    return headline;
}

std::string article_url(const Outlet& outlet, std::string_view section,
                        newsindex::schema::CaptureTime first_capture, std::string_view headline,
                        std::uint64_t serial) {
    std::string slug;
    int words = 0;
    bool in_word = false;
    for (char c : headline) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            if (!in_word && !slug.empty()) {
                if (++words == 8) break;
                slug += '-';
            }
            slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        in_word = alnum;
    }
    const auto day = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{first_capture}});
    const date::year_month_day ymd{day};
    return fmt::format("https://{}/{}/{:04}/{:02}/{}-{}", outlet.domain, section,
                       static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), slug,
                       serial);
}

}  // namespace newsgen
