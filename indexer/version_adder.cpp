#include "indexer/version_adder.h"

#include <algorithm>
#include <iterator>

namespace newsindex::indexer {

Xapian::docid VersionAdder::add(BuiltVersion&& version) {
    spellings_.count(version.document);
    Xapian::docid docid = db_.add_document(version.document);
    waiting_.insert(waiting_.end(), std::make_move_iterator(version.new_words.begin()),
                    std::make_move_iterator(version.new_words.end()));
    return docid;
}

void VersionAdder::write_words(bool with_spellings) {
    std::sort(waiting_.begin(), waiting_.end());
    // Builders on other threads meet the same words.
    waiting_.erase(std::unique(waiting_.begin(), waiting_.end()), waiting_.end());

    std::vector<std::string> held;
    for (auto first = waiting_.begin(); first != waiting_.end();) {
        const std::string& key = first->key;
        held.assign(db_.synonyms_begin(key), db_.synonyms_end(key));
        std::sort(held.begin(), held.end());
        for (; first != waiting_.end() && first->key == key; ++first) {
            if (!std::binary_search(held.begin(), held.end(), first->term)) {
                db_.add_synonym(key, first->term);
            }
        }
    }
    waiting_.clear();
    if (with_spellings) spellings_.write(db_);
}

}  // namespace newsindex::indexer
