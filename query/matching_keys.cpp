#include "query/matching_keys.h"

#include "schema/shard_numbering.h"
#include "schema/slot_stream.h"

#include <algorithm>
#include <cstddef>
#include <string>

namespace newsindex::query {

namespace {

class KeySpy : public Xapian::MatchSpy {
  public:
    explicit KeySpy(std::vector<MatchingKey>& out) : out_(out) {}

    void operator()(const Xapian::Document& doc, double) override {
        const std::string value = doc.get_value(schema::slot::kTimeline);
        if (value.empty()) throw schema::missing_value(doc.get_docid(), schema::slot::kTimeline);
        out_.push_back({doc.get_docid(), schema::decode_timeline_key(value)});
    }

  private:
    std::vector<MatchingKey>& out_;
};

// Whether `match` (numbered as in its shard) is shard `shard` of `shards`
// of `db`: whether the document of that number there has its key.
bool in_shard(const Xapian::Database& db, const MatchingKey& match, std::size_t shard,
              std::size_t shards) {
    const Xapian::docid docid = schema::whole_document({shard, match.docid}, shards);
    try {
        const std::string value = db.get_document(docid).get_value(schema::slot::kTimeline);
        if (value.empty()) return false;
        const schema::TimelineKey key = schema::decode_timeline_key(value);
        return key.article == match.key.article && key.revision == match.key.revision;
    } catch (const Xapian::DocNotFoundError&) {
        return false;
    }
}

// Xapian 1.4 numbers the documents a MatchSpy sees as in their shard, not
// as in the whole database (schema/shard_numbering.h), and matches the
// shards one after the other. So the matches are n runs, one per shard,
// each ascending; where one run ends is found by bisection, reading the key
// of a few documents. Should a run not ascend, each match is looked up
// alone.
void number_across_shards(const Xapian::Database& db, std::vector<MatchingKey>& matches) {
    const std::size_t shards = db.size();
    if (shards <= 1) return;
    std::vector<std::size_t> shard_of(matches.size(), shards - 1);
    std::size_t first = 0;
    bool ascending = true;
    for (std::size_t shard = 0; shard + 1 < shards; ++shard) {
        std::size_t low = first, high = matches.size();
        while (low < high) {
            std::size_t middle = low + (high - low) / 2;
            if (in_shard(db, matches[middle], shard, shards)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (std::size_t i = first; i < low; ++i) {
            shard_of[i] = shard;
            if (i > first && matches[i].docid <= matches[i - 1].docid) ascending = false;
        }
        first = low;
    }
    for (std::size_t i = first + 1; i < matches.size(); ++i) {
        if (matches[i].docid <= matches[i - 1].docid) ascending = false;
    }
    if (!ascending) {
        for (std::size_t i = 0; i < matches.size(); ++i) {
            for (std::size_t shard = 0; shard < shards; ++shard) {
                if (in_shard(db, matches[i], shard, shards)) {
                    shard_of[i] = shard;
                    break;
                }
            }
        }
    }
    for (std::size_t i = 0; i < matches.size(); ++i) {
        matches[i].docid = schema::whole_document({shard_of[i], matches[i].docid}, shards);
    }
}

}  // namespace

std::vector<MatchingKey> matching_keys(const Xapian::Database& db, const Xapian::Query& query,
                                       Xapian::doccount at_most, const QueryDeadline& deadline) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<MatchingKey> out;
    // Address space only, until the matches fill it, and never moved as it
    // grows (a common word matches tens of thousands).
    out.reserve(std::min(at_most, db.get_doccount()));
    KeySpy spy(out);
    enquire.add_matchspy(&spy);
    deadline.bound(enquire);
    // No rows, but every match looked at, and so shown to the spy: unless
    // Xapian's time limit cut the match short, which the deadline says.
    enquire.get_mset(0, 0, db.get_doccount());
    deadline.check();
    number_across_shards(db, out);
    return out;
}

}  // namespace newsindex::query
