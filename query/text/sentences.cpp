#include "query/text/sentences.h"

#include <xapian.h>

#include <algorithm>
#include <array>

namespace newsindex::query {

namespace {

// One decoded character of a line and where its bytes are.
struct CodePoint {
    unsigned ch = 0;
    std::size_t begin = 0;
};

std::vector<CodePoint> decode(std::string_view line) {
    std::vector<CodePoint> out;
    out.reserve(line.size());
    Xapian::Utf8Iterator it(line.data(), line.size());
    for (; it != Xapian::Utf8Iterator(); ++it) {
        out.push_back({*it, static_cast<std::size_t>(it.raw() - line.data())});
    }
    return out;
}

constexpr unsigned kEllipsis = 0x2026;

bool ends_sentence(unsigned c) { return c == '.' || c == '!' || c == '?' || c == kEllipsis; }

// Quotes and brackets that may close a sentence after its full stop, or open
// the next one before its first word. German „…“ and »…« use the same
// characters the other way round, so both sets hold all quotes.
constexpr std::array<unsigned, 11> kQuotes = {'"',    '\'',   0x201C, 0x201D, 0x2018, 0x2019,
                                              0x201E, 0x00AB, 0x00BB, ')',    ']'};
bool is_quote(unsigned c) { return std::find(kQuotes.begin(), kQuotes.end(), c) != kQuotes.end(); }

bool starts_sentence(unsigned c) {
    auto category = Xapian::Unicode::get_category(c);
    return category == Xapian::Unicode::UPPERCASE_LETTER ||
           category == Xapian::Unicode::TITLECASE_LETTER ||
           category == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

// Words that end in "." without ending a sentence. Exact case: "No." is an
// abbreviation, "no." ends "He said no.".
constexpr std::string_view kAbbreviations[] = {
    "Mr",     "Mrs",  "Ms",   "Messrs", "Dr",   "Prof", "Sr",   "Jr",   "St",  "Gen",  "Gov",
    "Sen",    "Rep",  "Reps", "Col",    "Lt",   "Sgt",  "Capt", "Cmdr", "Adm", "Maj",  "Rev",
    "Hon",    "Pres", "Supt", "Mt",     "Ft",   "Jan",  "Feb",  "Mar",  "Apr", "Jun",  "Jul",
    "Aug",    "Sep",  "Sept", "Oct",    "Nov",  "Dec",  "No",   "Nos",  "Nr",  "Inc",  "Co",
    "Corp",   "Ltd",  "Bros", "vs",     "Vol",  "Fig",  "Ave",  "Blvd", "Rd",  "Dept", "Univ",
    "approx", "bzw",  "ca",   "vgl",    "evtl", "ggf",  "inkl", "zzgl", "Mio", "Mrd",  "Jh",
    "Hr",     "Str",  "Abs",  "Bd",     "Tel",  "Nrn"};

// Whether the word before a single "." at cps[dot] is an abbreviation.
bool is_abbreviation(std::string_view line, const std::vector<CodePoint>& cps, std::size_t dot) {
    std::size_t first = dot;
    while (first > 0 && cps[first - 1].ch != ' ') --first;
    while (first < dot && is_opening_mark(cps[first].ch)) ++first;
    if (first == dot) return false;
    if (dot - first == 1) {
        auto category = Xapian::Unicode::get_category(cps[first].ch);
        return category == Xapian::Unicode::UPPERCASE_LETTER ||
               category == Xapian::Unicode::LOWERCASE_LETTER;
    }
    for (std::size_t i = first; i < dot; ++i) {
        if (cps[i].ch == '.') return true;  // U.S. / z.B.
    }
    std::string_view word = line.substr(cps[first].begin, cps[dot].begin - cps[first].begin);
    return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), word) !=
           std::end(kAbbreviations);
}

// "3. Februar": in German a day of the month is written as an ordinal.
constexpr std::string_view kGermanMonths[] = {"Januar",    "Februar", "März",     "April",
                                              "Mai",       "Juni",    "Juli",     "August",
                                              "September", "Oktober", "November", "Dezember"};

bool is_ordinal_date(std::string_view line, const std::vector<CodePoint>& cps, std::size_t dot,
                     std::size_t next) {
    std::size_t first = dot;
    while (first > 0 && cps[first - 1].ch >= '0' && cps[first - 1].ch <= '9') --first;
    if (first == dot || dot - first > 2 || (first > 0 && cps[first - 1].ch != ' ')) return false;
    std::size_t end = line.find(' ', cps[next].begin);
    std::string_view word =
        line.substr(cps[next].begin,
                    end == std::string_view::npos ? std::string_view::npos : end - cps[next].begin);
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
    return std::find(std::begin(kGermanMonths), std::end(kGermanMonths), word) !=
           std::end(kGermanMonths);
}

void split_line(std::string_view line, std::vector<std::string>& out) {
    std::vector<CodePoint> cps = decode(line);
    std::size_t n = cps.size();
    std::size_t start = 0;  // first code point of the current sentence
    for (std::size_t i = 0; i < n; ++i) {
        if (!ends_sentence(cps[i].ch)) continue;
        std::size_t j = i + 1;
        while (j < n && (ends_sentence(cps[j].ch) || is_quote(cps[j].ch))) ++j;
        if (j >= n || cps[j].ch != ' ') continue;
        std::size_t k = j + 1;
        while (k < n && is_opening_mark(cps[k].ch)) ++k;
        if (k >= n || !starts_sentence(cps[k].ch)) continue;
        bool single_dot = cps[i].ch == '.' && (i + 1 == n || !ends_sentence(cps[i + 1].ch));
        if (single_dot && (is_abbreviation(line, cps, i) || is_ordinal_date(line, cps, i, k))) {
            continue;
        }
        out.emplace_back(line.substr(cps[start].begin, cps[j].begin - cps[start].begin));
        start = j + 1;
        i = j;
    }
    if (start < n) out.emplace_back(line.substr(cps[start].begin));
}

// Calls `visit` with the sentences of `text` line by line, each line split
// only when reached (and `wanted`, if given), until it returns false.
bool visit_sentences(std::string_view text, SentencePart part,
                     const std::function<bool(std::string_view)>* wanted,
                     const std::function<bool(Sentence&&)>& visit) {
    std::vector<std::string> line_sentences;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        if (wanted != nullptr && !(*wanted)(raw)) continue;
        std::string line = schema::normalise_whitespace(std::string(raw));
        if (line.empty()) continue;
        line_sentences.clear();
        split_line(line, line_sentences);
        for (std::string& s : line_sentences) {
            if (!visit({part, std::move(s)})) return false;
        }
    }
    return true;
}

}  // namespace

bool is_opening_mark(unsigned ch) {
    return ch == '(' || ch == '[' || (is_quote(ch) && ch != ')' && ch != ']');
}

bool is_closing_mark(unsigned ch) {
    return is_quote(ch) || ends_sentence(ch) || ch == ',' || ch == ';' || ch == ':';
}

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> out;
    visit_sentences(text, SentencePart::Body, nullptr, [&](Sentence&& s) {
        out.push_back(std::move(s.text));
        return true;
    });
    return out;
}

namespace {

bool visit_version(const schema::VersionRecord& version,
                   const std::function<bool(std::string_view)>* wanted,
                   const std::function<bool(Sentence&&)>& visit) {
    std::string title = schema::normalise_whitespace(version.title);
    if (!title.empty() && !visit({SentencePart::Title, std::move(title)})) return false;
    return visit_sentences(version.summary, SentencePart::Summary, wanted, visit) &&
           visit_sentences(version.text, SentencePart::Body, wanted, visit);
}

}  // namespace

bool for_each_sentence(const schema::VersionRecord& version,
                       const std::function<bool(Sentence&&)>& visit) {
    return visit_version(version, nullptr, visit);
}

bool for_each_sentence(const schema::VersionRecord& version,
                       const std::function<bool(std::string_view line)>& wanted,
                       const std::function<bool(Sentence&&)>& visit) {
    return visit_version(version, &wanted, visit);
}

std::vector<Sentence> version_sentences(const schema::VersionRecord& version) {
    std::vector<Sentence> out;
    for_each_sentence(version, [&](Sentence&& s) {
        out.push_back(std::move(s));
        return true;
    });
    return out;
}

}  // namespace newsindex::query
