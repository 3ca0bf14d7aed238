// Turning one version into one Xapian document: the terms the query side
// searches (prefixes in schema/terms.h), and the stored data and values
// (schema/stored_version.h).
//
// Text is indexed with Xapian's TermGenerator: every word as written (lower
// case) with its position, so phrases match exactly. Stems are no terms
// (schema/terms.h): each word's stem goes to the database's synonym table,
// once, when a builder first meets the word (BuiltVersion::new_words), in
// the stemmer of the record's language, or of the database's language when
// the record has none Xapian knows. The title is
// indexed once, under schema::prefix::kTitle: `title:` searches that prefix
// and plain words search both it and the unprefixed summary and body (see
// schema/terms.h), so nothing is indexed twice. Title, summary and body are
// separated by a position gap so a phrase never spans two fields. A
// possessive ("Trump's") is also indexed as its word ("trump") at the same
// position (schema::add_possessive_bases).
//
// Zero-width characters inside words (U+200B, U+200C, U+200D, U+2060,
// U+FEFF, as in some Reuters text) need no handling here: TermGenerator
// ignores them, so "Reu\u200Bters" is indexed as "reuters". The tests pin
// that behaviour down.
//
// A DocumentBuilder holds a TermGenerator and cached stemmers: use one per
// thread (a builder may pass from thread to thread, with a join or lock in
// between, but two threads never use one at once). Builders share nothing,
// so several can run at once, and a built document shares nothing with its
// builder: it may go to another thread.
#pragma once

#include "indexer/article_history.h"
#include "schema/languages.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <compare>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace newsindex::indexer {

// A synonym-table entry: a stem's key (schema::stem_key) and one of the
// terms whose word has that stem.
struct WordForm {
    std::string key;
    std::string term;
    auto operator<=>(const WordForm&) const = default;  // by key, then term
};

struct BuiltVersion {
    Xapian::Document document;
    // The words of the document this builder had not met before, to be
    // added to the synonym table of the database the document goes to
    // (VersionAdder); the builder does not offer them again until
    // forget_words().
    std::vector<WordForm> new_words;
};

class DocumentBuilder {
  public:
    // `database_language` (ISO 639-1, with a Xapian stemmer) stems records
    // without a usable language of their own.
    explicit DocumentBuilder(std::string database_language);
    // Xapian objects are shared handles: a copy would share the
    // TermGenerator, so builders move but never copy.
    DocumentBuilder(const DocumentBuilder&) = delete;
    DocumentBuilder& operator=(const DocumentBuilder&) = delete;
    DocumentBuilder(DocumentBuilder&&) = default;
    DocumentBuilder& operator=(DocumentBuilder&&) = default;

    // The document for `record`, whose revision state fields are already
    // final, created by the capture `id`, and its words new to this builder.
    BuiltVersion build(const schema::VersionRecord& record, const VersionId& id);

    // Offers every word again: for when what build() returned was not
    // written (a transaction cancelled).
    void forget_words();

  private:
    const Xapian::Stem& stemmer(const std::string& language);

    // The language a record is stemmed in and filed under (kLanguage term).
    schema::StemmingLanguages languages_;
    std::map<std::string, Xapian::Stem> stemmers_;  // language -> stemmer
    // Per language, the terms offered in new_words since forget_words().
    std::map<std::string, std::unordered_set<std::string>> met_words_;
    std::size_t met_count_ = 0;
    Xapian::TermGenerator generator_;
};

}  // namespace newsindex::indexer
