// How Xapian numbers the documents of a database of several shards (a
// generation and its recent shard, or any N): in turn, shard by shard. Shard
// s (from 0) of n numbers its document d as (d - 1) * n + s + 1 of the
// whole, so documents 1, 2, ... n of the whole are the first document of
// each shard, n + 1 ... 2n the second, and so on. The writer revises a
// version in the shard that holds it; a reader that sees documents as
// numbered in their shard (a MatchSpy) maps them back. Written here once.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace newsindex::schema {

// A document as its shard numbers it.
struct ShardDocument {
    std::size_t shard = 0;         // 0 .. shards - 1, in the order the shards were added
    Xapian::docid document = 0;    // its number in that shard (from 1)
    bool operator==(const ShardDocument&) const = default;
};

// The shard of `shards` (at least 1) holding document `whole` (from 1) of
// the whole database, and its number there.
constexpr ShardDocument shard_document(Xapian::docid whole, std::size_t shards) {
    const auto n = static_cast<Xapian::docid>(shards);
    return {static_cast<std::size_t>((whole - 1) % n), (whole - 1) / n + 1};
}

// The number in the whole database of `in_shard`, of `shards` shards.
constexpr Xapian::docid whole_document(ShardDocument in_shard, std::size_t shards) {
    return (in_shard.document - 1) * static_cast<Xapian::docid>(shards) +
           static_cast<Xapian::docid>(in_shard.shard) + 1;
}

}  // namespace newsindex::schema
