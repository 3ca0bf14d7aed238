#include "query/matching_keys.h"

#include "schema/slot_stream.h"

#include <algorithm>

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

}  // namespace

std::vector<MatchingKey> matching_keys(const Xapian::Database& db, const Xapian::Query& query,
                                       Xapian::doccount at_most) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<MatchingKey> out;
    // Address space only, until the matches fill it, and never moved as it
    // grows (a common word matches tens of thousands).
    out.reserve(std::min(at_most, db.get_doccount()));
    KeySpy spy(out);
    enquire.add_matchspy(&spy);
    // No rows, but every match looked at, and so shown to the spy.
    enquire.get_mset(0, 0, db.get_doccount());
    return out;
}

}  // namespace newsindex::query
