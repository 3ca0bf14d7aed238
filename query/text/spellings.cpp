#include "query/text/spellings.h"

#include "query/text/query_shape.h"
#include "query/text/term_text.h"
#include "schema/terms.h"

#include <algorithm>
#include <utility>

namespace newsindex::query {

Spellings::Spellings(const std::vector<std::string>& terms) {
    for (const std::string& term : terms) {
        auto field = field_word(term);
        if (!field) continue;  // in no sentence
        (field->stem ? stems_ : plain_).emplace_back(field->word);
    }
    // A plain word's stem is in the query twice (body and title terms).
    stems_ = sorted_unique(std::move(stems_));
}

const std::vector<std::string>& Spellings::of(const Xapian::Database& db) {
    // A database without a UUID (one in memory) has no revisions either,
    // and is read every time. Xapian gives no revision for a database of
    // several shards (a generation and its recent shard); there, the
    // document count stands in: words are only ever added with documents.
    std::string uuid = db.get_uuid();
    Xapian::rev revision = uuid.empty()      ? 0
                           : db.size() == 1 ? db.get_revision()
                                            : db.get_doccount();
    if (read_ && !uuid.empty() && read_->uuid == uuid && read_->revision == revision) {
        return read_->forms;
    }
    Read out{uuid, revision, plain_};
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
    read_ = std::move(out);
    return read_->forms;
}

}  // namespace newsindex::query
