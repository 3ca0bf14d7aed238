// A stemmer that remembers. The sentences a timeline reads repeat the same
// words thousands of times, and Snowball stemming is most of the cost of
// indexing them; a word's stem never changes, so each is computed once.
#pragma once

#include <xapian.h>

namespace newsindex::query {

// `stemmer` with a cache in front: same stems, for TermGenerator and
// anything else that takes a Xapian::Stem. Not thread-safe: one per thread.
Xapian::Stem caching_stemmer(const Xapian::Stem& stemmer);

}  // namespace newsindex::query
