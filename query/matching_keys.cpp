#include "query/matching_keys.h"

#include "schema/database_format.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

class KeySpy : public Xapian::MatchSpy {
  public:
    explicit KeySpy(std::vector<MatchingKey>& out) : out_(out) {}

    void operator()(const Xapian::Document& doc, double) override {
        const std::string value = doc.get_value(schema::slot::kTimeline);
        if (value.empty()) {
            throw schema::SchemaError(fmt::format(
                "document {} has no value in slot {}; the database is damaged (rebuild it "
                "with newsindex)",
                doc.get_docid(), schema::slot::kTimeline));
        }
        out_.push_back({doc.get_docid(), schema::decode_timeline_key(value)});
    }

  private:
    std::vector<MatchingKey>& out_;
};

}  // namespace

std::vector<MatchingKey> matching_keys(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<MatchingKey> out;
    // Room for every document: address space only, until the matches fill
    // it, and never moved as it grows (a common word matches tens of
    // thousands).
    out.reserve(db.get_doccount());
    KeySpy spy(out);
    enquire.add_matchspy(&spy);
    // No rows, but every match looked at, and so shown to the spy.
    enquire.get_mset(0, 0, db.get_doccount());
    return out;
}

}  // namespace newsindex::query
