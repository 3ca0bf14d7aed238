#include "corpus/generator/sentence_rewording.h"

#include "corpus/generator/vocabulary.h"

#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsgen {

namespace {

// A sentence cut at spaces; each word keeps its punctuation and quotes.
std::vector<std::string> split_words(const std::string& sentence) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= sentence.size()) {
        const std::size_t end = std::min(sentence.find(' ', start), sentence.size());
        words.emplace_back(sentence, start, end - start);
        start = end + 1;
    }
    return words;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

// The bare word inside a token such as "“plans," -> "plans".
std::string_view core_of(std::string_view token) {
    static constexpr std::string_view kOpenQuote = "“";
    if (token.starts_with(kOpenQuote)) token.remove_prefix(kOpenQuote.size());
    static constexpr std::string_view kCloseQuote = "”";
    for (;;) {
        if (token.ends_with(kCloseQuote)) {
            token.remove_suffix(kCloseQuote.size());
        } else if (!token.empty() && std::string_view(",.;:?!").find(token.back()) !=
                                         std::string_view::npos) {
            token.remove_suffix(1);
        } else {
            break;
        }
    }
    return token;
}

void replace_core(std::string& token, std::string_view replacement) {
    const auto core = core_of(token);
    const auto offset = static_cast<std::size_t>(core.data() - token.data());
    token.replace(offset, core.size(), replacement);
}

// A count such as "40" or "1,250"; not a decimal ("4.5") and not a year.
bool is_count(std::string_view word) {
    if (word.empty()) return false;
    for (char c : word) {
        if ((c < '0' || c > '9') && c != ',') return false;
    }
    const bool looks_like_year = word.size() == 4 && (word.starts_with("19") || word.starts_with("20"));
    return word[0] != ',' && !looks_like_year;
}

enum class WordClass { kAdjective, kNoun };

const std::unordered_set<std::string_view>& word_set(WordClass kind) {
    static const auto adjectives = [] {
        const auto& words = vocabulary().adjectives.words();
        return std::unordered_set<std::string_view>(words.begin(), words.end());
    }();
    static const auto nouns = [] {
        std::unordered_set<std::string_view> out(vocabulary().nouns.words().begin(),
                                                 vocabulary().nouns.words().end());
        for (const auto& topic : vocabulary().topics) {
            out.insert(topic.nouns.words().begin(), topic.nouns.words().end());
        }
        return out;
    }();
    return kind == WordClass::kAdjective ? adjectives : nouns;
}

// Positions of words that can be edited without touching the first word
// (which carries the capital) or a quotation's opening.
std::vector<std::size_t> candidates(const std::vector<std::string>& words, WordClass kind) {
    std::vector<std::size_t> out;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (word_set(kind).contains(core_of(words[i]))) out.push_back(i);
    }
    return out;
}

// After an edit at `i`, make "a"/"an" before it agree with the new word.
void fix_article(std::vector<std::string>& words, std::size_t i) {
    if (i == 0 || i >= words.size()) return;
    auto& before = words[i - 1];
    if (before == "a" || before == "an") {
        before = std::string(indefinite_article(core_of(words[i])));
    } else if (before == "A" || before == "An") {
        before = indefinite_article(core_of(words[i])) == "a" ? "A" : "An";
    }
}

bool update_figure(std::vector<std::string>& words, SentenceWriter& writer, RandomStream& random) {
    std::vector<std::size_t> figures;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (is_count(core_of(words[i]))) figures.push_back(i);
    }
    if (figures.empty()) return false;
    auto& word = words[random.pick(figures)];
    replace_core(word, writer.number());
    return true;
}

bool swap_word(std::vector<std::string>& words, WordClass kind, SentenceWriter& writer,
               RandomStream& random) {
    const auto positions = candidates(words, kind);
    if (positions.empty()) return false;
    const auto i = random.pick(positions);
    const auto replacement = kind == WordClass::kAdjective ? writer.adjective() : writer.noun();
    if (replacement == core_of(words[i])) return false;
    replace_core(words[i], replacement);
    fix_article(words, i);
    return true;
}

bool drop_adjective(std::vector<std::string>& words, RandomStream& random) {
    std::vector<std::size_t> droppable;
    for (auto i : candidates(words, WordClass::kAdjective)) {
        // Only a bare adjective before a noun: no punctuation attached.
        if (core_of(words[i]).size() == words[i].size() && i + 1 < words.size() &&
            word_set(WordClass::kNoun).contains(core_of(words[i + 1]))) {
            droppable.push_back(i);
        }
    }
    if (droppable.empty()) return false;
    const auto i = random.pick(droppable);
    words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
    fix_article(words, i);
    return true;
}

// Cuts a short closing clause: "..., officials said." -> "...".
bool cut_last_clause(std::string& sentence) {
    const auto comma = sentence.rfind(", ");
    if (comma == std::string::npos) return false;
    const std::string_view clause(sentence.data() + comma, sentence.size() - comma);
    std::size_t clause_words = 0;
    for (char c : clause) clause_words += c == ' ';
    std::size_t kept_words = 1;
    for (std::size_t i = 0; i < comma; ++i) kept_words += sentence[i] == ' ';
    if (clause_words > 6 || kept_words < 8 || clause.find("”") != std::string_view::npos ||
        clause.find("“") != std::string_view::npos || !sentence.ends_with('.')) {
        return false;
    }
    sentence.erase(comma, sentence.size() - 1 - comma);
    return true;
}

void insert_before_period(std::string& sentence, SentenceWriter& writer) {
    sentence.insert(sentence.size() - 1, writer.insertion());
}

}  // namespace

std::string reword(const std::string& sentence, SentenceWriter& writer, RandomStream& random) {
    std::string out = sentence;
    const int edits = random.chance(0.35) ? 2 : 1;
    for (int done = 0, attempts = 0; done < edits && attempts < 12; ++attempts) {
        bool edited = false;
        if (random.chance(0.2)) {  // whole-sentence edits
            edited = random.chance(0.5) ? cut_last_clause(out) : false;
            if (!edited) {
                insert_before_period(out, writer);
                edited = true;
            }
        } else {
            auto words = split_words(out);
            switch (random.below(4)) {
                case 0: edited = update_figure(words, writer, random); break;
                case 1: edited = swap_word(words, WordClass::kAdjective, writer, random); break;
                case 2: edited = swap_word(words, WordClass::kNoun, writer, random); break;
                default: edited = drop_adjective(words, random); break;
            }
            if (edited) out = join_words(words);
        }
        if (edited && out != sentence) ++done;
    }
    if (out == sentence) insert_before_period(out, writer);
    return out;
}

}  // namespace newsgen
