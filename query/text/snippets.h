// Snippets: the piece of a version's text, around the query's matches, that
// a search row shows under its title.
#pragma once

#include "query/engine/matcher.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <string>
#include <vector>

namespace newsindex::query {

// Makes the snippets of one search's rows. Not thread-safe (its stemmer
// remembers): one per search.
class Snippets {
  public:
    // For versions that `mset` matched with `match` (both must outlive
    // this): at most `length` bytes of text (Xapian's MSet::snippet),
    // matched words put between `highlight_start` and `highlight_end`.
    Snippets(const Xapian::MSet& mset, const MatchQuery& match, std::size_t length,
             std::string highlight_start, std::string highlight_end);

    // The snippet of `version`, plain text on one line; "" if length is 0.
    // It is taken from the summary and body (the row shows the title; a
    // version with neither gives its title) and read from the first line
    // that holds a word of the query, or the stem of one, as written
    // (lower-cased, word characters only), marked "…" when text before it
    // is left out. A word that gives a query term only through the stemmer
    // ("happy" for "happiness") is not seen there, so a later match may be
    // shown; when nothing from that line on matches, the whole text is read.
    std::string of(const schema::VersionRecord& version) const;

  private:
    // What a snippet needs of one reading of the query (MatchQuery::Reading).
    struct Reading {
        Xapian::Stem stemmer;  // caching
        // Its words and stems as written (squash()), sorted.
        std::vector<std::string> written;
    };

    std::string snippet(const std::string& text, const Reading& reading, unsigned flags) const;
    // The byte offset in `text` of the line the snippet is read from.
    static std::size_t first_line(std::string_view text, const Reading& reading);

    const Xapian::MSet& mset_;
    const MatchQuery& match_;
    std::size_t length_;
    std::string highlight_start_, highlight_end_;
    std::vector<Reading> readings_;  // as match_.readings
};

}  // namespace newsindex::query
