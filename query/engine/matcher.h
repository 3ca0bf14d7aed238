// The one place that turns a user's query text and filters into a
// Xapian::Query. search, timeline and changes all match through here, so
// they always agree on what matches.
#pragma once

#include "query/database.h"
#include "schema/version_record.h"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

struct Filters {
    std::vector<std::string> sources;              // any of these (OR)
    std::optional<schema::CaptureTime> since;      // captured_at >= since
    std::optional<schema::CaptureTime> until;      // captured_at <= until
    std::optional<schema::CaptureTime> as_of;      // version current at as_of
    bool first_only = false;                       // revision 1 only
    bool latest_only = false;                      // each article's latest only
    bool stem = true;                              // false: --no-stem
    std::string language;                          // "" = database's language
};

struct MatchQuery {
    // The query text as read in one stemming language, for the versions of
    // that language (or for every version: see readings).
    struct Reading {
        std::string language;   // "" with --no-stem: no language's stems
        // The text part alone, each stemmed word as its stem term ("Z" +
        // language stem): for snippets and sentences, which are indexed
        // with their stems.
        Xapian::Query text;
        Xapian::Stem stemmer;   // the stemmer it was parsed with
    };

    // Text AND filters: what to run. Each stemmed word of the text is the
    // synonym of the words the index holds with its stem (schema/terms.h),
    // in the language of each version.
    Xapian::Query query;
    // One reading per stemming language the database holds, each matching
    // only versions of its language; one alone, for every version, when
    // the database holds one language or with --no-stem; with --lang L,
    // L's reading for L's versions and an unstemmed one for the others.
    std::vector<Reading> readings;
    std::string database_language;

    // The reading that matched a version of `record_language` (its
    // record's language; stemmed as schema::StemmingLanguages says).
    const Reading& reading_of(const std::string& record_language) const;
};

// Parses `text` with Xapian::QueryParser and adds `filters`. The language:
//   words         all required (default operator AND); each finds itself
//                 and the words with its stem in each version's language
//                 (once per language the database holds, each reading
//                 filtered to that language's versions; in filters.language
//                 alone when set), unless filters.stem is false. A word
//                 typed with a capital stays exact (Xapian's STEM_SOME: a
//                 name) but in a language that capitalises its nouns
//                 (German), where it is read in lower case
//   "a phrase"    exact, unstemmed, in this order
//   AND OR NOT, +word -word, a NEAR b, (brackets), wildc*
//                 (a wildcard expands to the most frequent matching words,
//                 up to the bounds of query_limits.h)
//   title:w author:w          words in that field only
//   source:nytimes lang:de    boolean filters, case-insensitive; two values
//                             of one field mean either
//   site:bbc.co.uk url:...    the URL's host, with or without www./scheme
//   date:2016-02-01..2016-02-03, date:A.., date:..B, date:2016-02-02
//                 capture time; a plain date as an end means the whole day
// Blank `text` matches every version (for listings by filters alone);
// commands that need a query refuse blank text before calling this.
// Throws QueryError(kExitBadQuery) with one line naming the problem when the
// text does not parse, passes a bound of query_limits.h (length, terms,
// wildcards) or the language has no stemmer.
MatchQuery build_match_query(const NewsDatabase& db, const std::string& text,
                             const Filters& filters);

}  // namespace newsindex::query
