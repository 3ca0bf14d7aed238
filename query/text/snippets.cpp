#include "query/text/snippets.h"

#include "query/text/query_shape.h"
#include "query/text/stem_cache.h"
#include "query/text/term_text.h"
#include "schema/stored_version.h"
#include "schema/terms.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace newsindex::query {

namespace {

// MSet::snippet escapes its text for HTML; our outputs are plain text.
std::string unescape_html(const std::string& s) {
    if (s.find('&') == std::string::npos) return s;
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [entity, c] : kEntities) {
                if (s.compare(i, entity.size(), entity) == 0) {
                    out += c;
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += s[i++];
    }
    return out;
}

std::vector<std::string> written_words(const Xapian::Query& text) {
    std::vector<std::string> out;
    for (const std::string& term : word_terms(text, filter_terms(text))) {
        if (auto field = field_word(term); field && !field->word.empty()) {
            out.push_back(squash(field->stem ? schema::bare_stem(field->word) : field->word));
        }
    }
    return sorted_unique(std::move(out));
}

}  // namespace

Snippets::Snippets(const Xapian::MSet& mset, const MatchQuery& match, std::size_t length,
                   std::string highlight_start, std::string highlight_end)
    : mset_(mset),
      match_(match),
      length_(length),
      highlight_start_(std::move(highlight_start)),
      highlight_end_(std::move(highlight_end)) {
    for (const MatchQuery::Reading& reading : match.readings) {
        // MSet::snippet stems every word it reads, and the rows of one
        // result repeat the same words.
        readings_.push_back({caching_stemmer(reading.stemmer), written_words(reading.text)});
    }
}

std::string Snippets::of(const schema::VersionRecord& version) const {
    if (length_ == 0) return {};
    std::string text = version.summary.empty() ? version.text
                       : version.text.empty()  ? version.summary
                                               : version.summary + "\n" + version.text;
    if (text.empty()) text = version.title;
    const MatchQuery::Reading& matched = match_.reading_of(version.language);
    const Reading& reading = readings_[static_cast<std::size_t>(&matched - match_.readings.data())];
    // MSet::snippet reads its text word by word up to its first good window:
    // each word before the match costs time for nothing, and in a long
    // article the match is often many paragraphs in. Its lines are skipped
    // here at the cost of a look at their characters.
    std::string out;
    if (std::size_t start = first_line(text, reading); start > 0) {
        out = snippet(text.substr(start), reading, Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH);
        if (!out.empty() && !out.starts_with("…")) out.insert(0, "…");
    }
    // Without SNIPPET_EXHAUSTIVE and SNIPPET_BACKGROUND_MODEL Xapian takes the
    // first good window of matches: as readable for news text, and less than
    // half the cost when every match is printed.
    if (out.empty()) out = snippet(text, reading, 0);
    return schema::normalise_whitespace(out);
}

std::string Snippets::snippet(const std::string& text, const Reading& reading,
                              unsigned flags) const {
    return unescape_html(mset_.snippet(text, length_, reading.stemmer, flags, highlight_start_,
                                       highlight_end_, "…"));
}

std::size_t Snippets::first_line(std::string_view text, const Reading& reading) {
    // A text of one line is read from its start whatever it holds.
    if (reading.written.empty() || text.find('\n') == std::string_view::npos) return 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = std::min(text.find('\n', pos), text.size());
        if (holds_any(text.substr(pos, end - pos), reading.written)) return pos;
        pos = end + 1;
    }
    return 0;
}

}  // namespace newsindex::query
