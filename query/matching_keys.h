// The timeline keys of every document a query matches: what a timeline
// needs of each matching version, and what a search needs to list the
// matching revisions of the articles it shows.
#pragma once

#include "query/engine/query_limits.h"
#include "schema/values.h"

#include <xapian.h>

#include <vector>

namespace newsindex::query {

struct MatchingKey {
    Xapian::docid docid = 0;
    schema::TimelineKey key;
};

// Every document matching `query`, with its timeline key (slot
// schema::slot::kTimeline), in no particular order. The documents come to a
// Xapian::MatchSpy, which reads the key along the slot's value stream; no
// MSet is built. Documents are numbered as in `db`, also when it has
// several shards (a generation and its recent shard). `at_most` bounds the number of matches (the database's
// document count when nothing better is known): room for that many is
// reserved at once. Throws schema::SchemaError, naming the document, when a
// match has no key: the database is damaged; QueryError(kExitBadQuery) when
// `deadline` passes before every match is in.
std::vector<MatchingKey> matching_keys(const Xapian::Database& db, const Xapian::Query& query,
                                       Xapian::doccount at_most, const QueryDeadline& deadline);

}  // namespace newsindex::query
