#include "schema/languages.h"

#include "schema/terms.h"

#include <xapian.h>

namespace newsindex::schema {

namespace {

// "de-DE", "DE", "de_AT" -> "de".
std::string primary_subtag(std::string_view language) {
    return ascii_lower(language.substr(0, language.find_first_of("-_")));
}

}  // namespace

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
    std::string language = primary_subtag(record_language);
    if (language.size() < 2 || language.size() > 3) return database_language_;
    auto known = stemmed_.find(language);
    if (known == stemmed_.end()) {
        bool stemmed = has_stemmer(language);
        known = stemmed_.emplace(std::move(language), stemmed).first;
    }
    return known->second ? known->first : database_language_;
}

}  // namespace newsindex::schema
