#include "corpus/generator/vocabulary.h"

#include <array>

namespace newsgen {

const Vocabulary& vocabulary() {
    static const Vocabulary words = [] {
        auto verbs = common_verbs();
        auto topics = news_topics();
        const std::size_t verb_count = verbs.size();
        const std::size_t topic_count = topics.size();
        return Vocabulary{
            WordList(common_nouns()),
            WordList(common_adjectives()),
            std::move(verbs),
            ZipfTable(verb_count),
            WordList(common_adverbs()),
            WordList(first_names()),
            WordList(surnames()),
            WordList(places()),
            WordList(companies()),
            WordList({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"}),
            std::move(topics),
            ZipfTable(topic_count),
        };
    }();
    return words;
}

namespace {

bool ends_with(std::string_view word, std::string_view tail) {
    return word.size() >= tail.size() && word.substr(word.size() - tail.size()) == tail;
}

bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

}  // namespace

std::string plural(std::string_view noun) {
    std::string out(noun);
    if (ends_with(noun, "is")) {  // crisis, analysis
        out.replace(out.size() - 2, 2, "es");
    } else if (ends_with(noun, "y") && noun.size() > 1 && !is_vowel(noun[noun.size() - 2])) {
        out.replace(out.size() - 1, 1, "ies");
    } else if (ends_with(noun, "s") || ends_with(noun, "x") || ends_with(noun, "z") ||
               ends_with(noun, "ch") || ends_with(noun, "sh")) {
        out += "es";
    } else {
        out += "s";
    }
    return out;
}

std::string third_person(std::string_view verb) {
    std::string out(verb);
    if (ends_with(verb, "y") && verb.size() > 1 && !is_vowel(verb[verb.size() - 2])) {
        out.replace(out.size() - 1, 1, "ies");
    } else if (ends_with(verb, "s") || ends_with(verb, "x") || ends_with(verb, "z") ||
               ends_with(verb, "ch") || ends_with(verb, "sh") || ends_with(verb, "o")) {
        out += "es";
    } else {
        out += "s";
    }
    return out;
}

std::string_view indefinite_article(std::string_view word) {
    // Spelling decides, except for the words whose sound disagrees with it.
    static constexpr std::array<std::string_view, 6> sounds_like_consonant = {
        "uni", "use", "usu", "eur", "one", "once"};
    static constexpr std::array<std::string_view, 3> sounds_like_vowel = {"hour", "honest",
                                                                          "heir"};
    for (auto prefix : sounds_like_consonant) {
        if (word.starts_with(prefix)) return "a";
    }
    for (auto prefix : sounds_like_vowel) {
        if (word.starts_with(prefix)) return "an";
    }
    return !word.empty() && is_vowel(word[0]) ? "an" : "a";
}

}  // namespace newsgen
