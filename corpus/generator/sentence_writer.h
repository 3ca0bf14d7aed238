// Writes news prose for one story: headlines, leads and body sentences built
// from the templates in sentence_template.h, filled from the story's cast
// (its topic, town and people) and the shared vocabulary, so that all
// versions of an article keep talking about the same things.
#pragma once

#include "corpus/generator/random_stream.h"
#include "corpus/generator/sentence_template.h"
#include "corpus/generator/vocabulary.h"

#include <string>
#include <vector>

namespace newsgen {

struct Person {
    std::string full_name;
    std::string surname;
    std::string role;          // appositive for the first mention: "the director of ..."
    bool introduced = false;   // full name and role printed once already
};

// Who and what a story is about; fixed for the life of the article.
struct StoryCast {
    const Topic* topic = nullptr;
    std::string place;
    std::string company;
    std::vector<Person> people;
};

StoryCast cast_story(RandomStream& random);

class SentenceWriter {
  public:
    SentenceWriter(StoryCast& cast, RandomStream& random) : cast_(cast), random_(random) {}

    std::string lead();        // the first sentence of an article
    std::string sentence();    // any body sentence
    std::string headline();    // sentence case, no final punctuation
    std::string insertion();   // a short phrase to splice before a sentence's final period

    // Single words and values the edit model substitutes into sentences.
    std::string_view adjective();
    std::string_view noun();
    std::string number();

  private:
    std::string fill(const SentenceTemplate& pieces);
    void append_slot(Slot slot, std::string& out);
    void append_noun_phrase(std::string& out);
    void append_plural_phrase(std::string& out);
    void append_person(std::string& out);

    StoryCast& cast_;
    RandomStream& random_;
};

// Capitalises the first letter, skipping an opening quotation mark.
void capitalise_first(std::string& text);

}  // namespace newsgen
