// Adding built versions to a database: each document at once, and the
// synonym entries of the words the builders met for the first time
// (BuiltVersion::new_words) together, in key order, before the database
// commits.
//
// An entry is written only when the database lacks it: Xapian writes a
// synonym entry back whole whenever anything is added to it, even a term
// it already holds. Finding that out reads the entry from the synonym
// table's B-tree. Read in the order documents arrive, the entries' keys are
// scattered over the table, and on a large database nearly every lookup
// reads a block from the disk (25,229 reads for the 2,408 versions of the
// real corpus's 1 % delta); read in key order, neighbouring keys share the
// blocks already read, and each key is read once however many of its
// spellings are new.
#pragma once

#include "indexer/document_builder.h"
#include "indexer/spelling_words.h"

#include <xapian.h>

#include <vector>

namespace newsindex::indexer {

class VersionAdder {
  public:
    // `db` must outlive the adder.
    explicit VersionAdder(Xapian::WritableDatabase& db) : db_(db) {}

    // Adds the document and keeps its new words, and counts its spelling
    // words (spelling_words.h), for write_words(); returns the document's
    // number.
    Xapian::docid add(BuiltVersion&& version);

    // Adds the kept entries that the database lacks, in key order, and the
    // spelling counts (unless `with_spellings` is false: they are kept for a
    // later call), and forgets them. Xapian merges a commit's new spellings
    // into entries of word fragments that many words share, rewriting them
    // whole: a bulk part, committed every few hundred versions, writes its
    // spellings once, at its end. Call it before every commit: entries left waiting are
    // in no revision.
    void write_words(bool with_spellings = true);

    // Forgets the kept entries unwritten (their documents' transaction was
    // cancelled).
    void discard() {
        waiting_.clear();
        spellings_.clear();
    }

  private:
    Xapian::WritableDatabase& db_;
    std::vector<WordForm> waiting_;
    SpellingCounts spellings_;
};

}  // namespace newsindex::indexer
