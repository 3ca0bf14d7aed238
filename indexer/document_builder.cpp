#include "indexer/document_builder.h"

#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/url.h"

namespace newsindex::indexer {

namespace {

std::string term(std::string_view prefix, const std::string& value) {
    return schema::bounded_term(prefix, value);
}

// Words a builder remembers having offered, in all languages, before it
// forgets them all (and offers them again, for VersionAdder to find in the
// database): bounds its memory on a corpus of endless spellings.
constexpr std::size_t kMostMetWords = 2'000'000;

}  // namespace

DocumentBuilder::DocumentBuilder(std::string database_language)
    : languages_(std::move(database_language)) {
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

void DocumentBuilder::forget_words() {
    met_words_.clear();
    met_count_ = 0;
}

const Xapian::Stem& DocumentBuilder::stemmer(const std::string& language) {
    auto it = stemmers_.find(language);
    if (it == stemmers_.end()) {
        it = stemmers_.emplace(language, schema::language_stemmer(language)).first;
    }
    return it->second;
}

BuiltVersion DocumentBuilder::build(const schema::VersionRecord& record, const VersionId& id) {
    namespace prefix = schema::prefix;
    const std::string& language = languages_.of(record.language);

    BuiltVersion out;
    Xapian::Document& doc = out.document;
    generator_.set_document(doc);
    generator_.index_text(record.title, 1, std::string(prefix::kTitle));
    generator_.increase_termpos();
    generator_.index_text(record.summary);
    generator_.increase_termpos();
    generator_.index_text(record.text);
    generator_.index_text_without_positions(record.author, 1, std::string(prefix::kAuthor));
    schema::add_possessive_bases(doc);

    // Only word terms so far: the stems of those met for the first time.
    if (met_count_ >= kMostMetWords) forget_words();
    std::unordered_set<std::string>& met = met_words_[language];
    const Xapian::Stem& stem = stemmer(language);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        std::string word = *it;
        if (met.contains(word)) continue;
        if (auto key = schema::stem_key(word, stem)) out.new_words.push_back({std::move(*key), word});
        met.insert(std::move(word));
        ++met_count_;
    }

    doc.add_boolean_term(term(prefix::kSource, schema::ascii_lower(record.article.source)));
    doc.add_boolean_term(schema::article_term(record.article.digest_hex()));
    if (!record.url.empty()) {
        // Without an article_id the identity is this URL: the article term
        // answers for it (schema/terms.h).
        if (std::string url = schema::normalise_url(record.url); url != record.article.identity) {
            doc.add_boolean_term(schema::url_term(url));
        }
        if (std::string host = schema::url_host(record.url); !host.empty()) {
            doc.add_boolean_term(term(prefix::kHost, host));
        }
    }
    doc.add_boolean_term(term(prefix::kLanguage, language));

    schema::write_stored_version(doc, record);
    schema::write_version_id(doc, id);
    // The generator keeps a handle on the document it indexes into. Xapian
    // counts a document's handles without atomics, and the caller may hand
    // the document to another thread (build_documents does): a handle left
    // here would be dropped on this thread, at the next build, while that
    // thread copies or destroys its own.
    generator_.set_document(Xapian::Document());
    return out;
}

}  // namespace newsindex::indexer
