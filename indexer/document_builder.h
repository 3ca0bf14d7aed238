// Turning one version into one Xapian document: the terms the query side
// searches (prefixes in schema/terms.h), and the stored data and values
// (schema/stored_version.h).
//
// Text is indexed with Xapian's TermGenerator, STEM_SOME strategy: every word
// unstemmed with its position (so phrases match exactly) plus "Z"+stem
// without positions. The stemmer is that of the record's language, or of the
// database's language when the record has none Xapian knows. The title is
// indexed once, under schema::prefix::kTitle: `title:` searches that prefix
// and plain words search both it and the unprefixed summary and body (see
// schema/terms.h), so nothing is indexed twice. Title, summary and body are
// separated by a position gap so a phrase never spans two fields.
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
#include "schema/version_record.h"

#include <xapian.h>

#include <map>
#include <string>

namespace newsindex::indexer {

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
    // final, created by the capture `id`.
    Xapian::Document build(const schema::VersionRecord& record, const VersionId& id);

    // The language a record is stemmed in and filed under (kLanguage term):
    // its own ("en", "de-DE" -> "de") if Xapian has a stemmer for it, else the
    // database language.
    std::string effective_language(const std::string& record_language);

  private:
    const Xapian::Stem& stemmer(const std::string& language);

    std::string database_language_;
    std::map<std::string, Xapian::Stem> stemmers_;  // language -> stemmer
    std::map<std::string, bool> known_languages_;   // does Xapian stem it?
    Xapian::TermGenerator generator_;
};

// True when Xapian has a stemmer for this ISO 639 code (two or three
// letters; Xapian's own names such as "english" do not count).
bool has_stemmer(const std::string& language);

}  // namespace newsindex::indexer
