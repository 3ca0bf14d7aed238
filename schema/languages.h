// Which language, and so which stemmer, each version is stemmed in. The
// indexer stems and files a version by this rule (its kLanguage term, the
// stem keys its words are listed under); the query side follows the same
// rule to know how a stored version's words were listed.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>

namespace newsindex::schema {

// The primary subtag of a language tag, lower case: "de-DE", "DE", "de_AT"
// -> "de".
std::string primary_language(std::string_view language);

// True when Xapian has a stemmer for this ISO 639 code (two or three
// letters; Xapian's own names such as "english" do not count).
bool has_stemmer(const std::string& language);

// The stemmer the index stems `language`'s words with, and a query
// stemmed in `language` must use: Snowball's, its stems written as
// language_stem(language, stem) (schema/terms.h) so each language's stems
// are keys of their own. Stems nothing (is_none()) when Xapian has no
// stemmer for `language`.
Xapian::Stem language_stemmer(const std::string& language);

// Whether `language` writes its nouns with a capital letter (German): a
// query word typed with a capital is stemmed in it, where in other
// languages a capital marks a name, which stays exact.
bool capitalises_nouns(std::string_view language);

// The stemming language of each version of one database. Remembers what
// Xapian said of each code it was asked about.
class StemmingLanguages {
  public:
    // `database_language`: the database's (database_language()), which
    // stems records without a usable language of their own.
    explicit StemmingLanguages(std::string database_language);

    // The record's own language ("en", "de-DE" -> "de") if Xapian has a
    // stemmer for it, else the database's.
    const std::string& of(const std::string& record_language);

  private:
    std::string database_language_;
    std::map<std::string, bool> stemmed_;  // primary subtag -> has a stemmer
};

}  // namespace newsindex::schema
