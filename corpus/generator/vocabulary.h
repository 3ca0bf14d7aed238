// The embedded vocabulary newsgen writes with: common English nouns,
// adjectives, verbs and adverbs, people's names, places, organisations and
// news topics. Every list is ordered from common to rare and drawn with Zipf
// weights, so single-word queries over generated text span a wide range of
// frequencies; topic phrases ("interest rates", "civilian casualties") recur
// so phrase queries have hits.
#pragma once

#include "corpus/generator/random_stream.h"

#include <string>
#include <string_view>
#include <vector>

namespace newsgen {

struct Verb {
    std::string_view base;   // "approve"
    std::string_view past;   // "approved"
};

// A subject area: which section it runs in, the phrases and nouns its
// stories keep returning to, and the kinds of institutions involved.
struct Topic {
    std::string_view section;
    WordList phrases;         // multi-word, lower case: "interest rates"
    WordList nouns;           // singular, lower case
    WordList organisations;   // "the central bank"
};

struct Vocabulary {
    WordList nouns;           // singular, regular plurals
    WordList adjectives;
    std::vector<Verb> verbs;  // transitive, common first
    ZipfTable verb_rank;
    WordList adverbs;
    WordList first_names;
    WordList surnames;
    WordList places;          // towns and cities
    WordList companies;       // proper names of firms and groups
    WordList weekdays;
    std::vector<Topic> topics;
    ZipfTable topic_rank;

    const Verb& verb(RandomStream& random) const { return verbs[verb_rank.draw(random)]; }
    const Topic& topic(RandomStream& random) const { return topics[topic_rank.draw(random)]; }
};

// The single shared vocabulary, built on first use.
const Vocabulary& vocabulary();

// Word forms.
std::string plural(std::string_view noun);          // "policy" -> "policies"
std::string third_person(std::string_view verb);    // "approve" -> "approves"
std::string_view indefinite_article(std::string_view word);  // "a" or "an"

// The vocabulary's parts, defined in the vocabulary_*.cpp files.
std::vector<std::string_view> common_nouns();
std::vector<std::string_view> common_adjectives();
std::vector<Verb> common_verbs();
std::vector<std::string_view> common_adverbs();
std::vector<std::string_view> first_names();
std::vector<std::string_view> surnames();
std::vector<std::string_view> places();
std::vector<std::string_view> companies();
std::vector<Topic> news_topics();

}  // namespace newsgen
