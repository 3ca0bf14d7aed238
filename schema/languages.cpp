#include "schema/languages.h"

#include "schema/terms.h"

#include <xapian.h>

namespace newsindex::schema {

namespace {

// Snowball's stemmer for one language, its stems written after the
// language's code (language_stem()).
class LanguageStem : public Xapian::StemImplementation {
  public:
    explicit LanguageStem(const std::string& language)
        : language_(language), snowball_(language) {}

    std::string operator()(const std::string& word) override {
        return language_stem(language_, snowball_(word));
    }
    std::string get_description() const override {
        return "newsindex:" + language_ + ":" + snowball_.get_description();
    }

  private:
    std::string language_;
    Xapian::Stem snowball_;
};

}  // namespace

std::string primary_language(std::string_view language) {
    return ascii_lower(language.substr(0, language.find_first_of("-_")));
}

Xapian::Stem language_stemmer(const std::string& language) {
    if (!has_stemmer(language)) return Xapian::Stem();
    return Xapian::Stem(new LanguageStem(language));
}

bool capitalises_nouns(std::string_view language) { return primary_language(language) == "de"; }

bool has_stemmer(const std::string& language) {
    if (language.size() < 2 || language.size() > 3) return false;
    try {
        return !Xapian::Stem(language).is_none();
    } catch (const Xapian::InvalidArgumentError&) {
        return false;
    }
}

StemmingLanguages::StemmingLanguages(std::string database_language)
    : database_language_(std::move(database_language)) {}

const std::string& StemmingLanguages::of(const std::string& record_language) {
    // Two- or three-letter codes only: Xapian also knows "english", "none".
    std::string language = primary_language(record_language);
    if (language.size() < 2 || language.size() > 3) return database_language_;
    auto known = stemmed_.find(language);
    if (known == stemmed_.end()) {
        bool stemmed = has_stemmer(language);
        known = stemmed_.emplace(std::move(language), stemmed).first;
    }
    return known->second ? known->first : database_language_;
}

}  // namespace newsindex::schema
