#include "query/spellings.h"

#include "query/query_shape.h"
#include "query/term_text.h"
#include "schema/terms.h"

#include <algorithm>
#include <utility>

namespace newsindex::query {

namespace {

// The description of `language`'s stemmer, "" if Xapian has none.
std::string stemmer_description(const std::string& language) {
    if (language.empty()) return {};
    try {
        return Xapian::Stem(language).get_description();
    } catch (const Xapian::InvalidArgumentError&) {
        return {};
    }
}

// Whether document `docid` holds `term`.
bool holds(const Xapian::Database& db, const std::string& term, Xapian::docid docid) {
    Xapian::PostingIterator it = db.postlist_begin(term);
    it.skip_to(docid);
    return it != db.postlist_end(term) && *it == docid;
}

}  // namespace

Spellings::Spellings(const std::vector<std::string>& terms, Xapian::Stem stemmer)
    : stemmer_(std::move(stemmer)) {
    for (const std::string& term : terms) {
        auto field = field_word(term);
        if (!field) continue;  // in no sentence
        (field->stem ? stems_ : plain_).emplace_back(field->word);
    }
    // A plain word's stem is in the query twice (body and title terms).
    stems_ = sorted_unique(std::move(stems_));
}

std::optional<std::vector<std::string>> Spellings::of(const Xapian::Database& db,
                                                      Xapian::docid docid) {
    const Read& current = read(db);
    if (!stems_.empty() && !stemmed_alike(current, db, docid)) return std::nullopt;
    return current.forms;
}

const Spellings::Read& Spellings::read(const Xapian::Database& db) {
    // A database without a UUID (one in memory) has no revisions either,
    // and is read every time.
    std::string uuid = db.get_uuid();
    Xapian::rev revision = uuid.empty() ? 0 : db.get_revision();
    if (read_ && !uuid.empty() && read_->uuid == uuid && read_->revision == revision) {
        return *read_;
    }
    Read out{uuid, revision, plain_, {}, {}};
    // Sentences come from the body (unprefixed) and the title.
    for (const std::string& stem : stems_) {
        for (std::string_view field : {std::string_view(), schema::prefix::kTitle}) {
            const std::string key = schema::stem_key(field, stem);
            for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) {
                const std::string term = *it;
                if (auto word = field_word(term)) out.forms.emplace_back(word->word);
            }
        }
    }
    for (std::string& form : out.forms) form = squash(form);
    out.forms = sorted_unique(std::move(out.forms));

    // Only a stem's words depend on the language a version was stemmed in.
    const std::string prefix(schema::prefix::kLanguage);
    const std::string query_stemmer = stemmer_.get_description();
    for (auto it = db.allterms_begin(prefix);
         !stems_.empty() && it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        if (field_prefix(term) != schema::prefix::kLanguage) continue;
        bool alike = stemmer_description(term.substr(prefix.size())) == query_stemmer;
        (alike ? out.alike : out.other).push_back(term);
    }
    read_ = std::move(out);
    return *read_;
}

bool Spellings::stemmed_alike(const Read& read, const Xapian::Database& db,
                              Xapian::docid docid) const {
    // Every version carries one language term (DocumentBuilder): one whose
    // stemmer is the query's when it carries none of the others.
    return !read.alike.empty() &&
           std::none_of(read.other.begin(), read.other.end(),
                        [&](const std::string& term) { return holds(db, term, docid); });
}

}  // namespace newsindex::query
