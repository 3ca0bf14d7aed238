// xapian_floor --db DIR: the least any engine on Xapian 1.4 can take for the
// benchmark's requests (bench/request_loop.h): Xapian alone on the
// scriptindex peer's index, the query parsed as quest parses it there.
// top20/all: the best 20 (or every) match by BM25 and each one's stored data
// read (what a snippet is made from), ROWS the matches. timeline/-all: every
// match unweighted and its capture time read in document order (a timeline
// must at least know when each match was captured), ROWS those with a time.
#include "bench/request_loop.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

using newsindex::bench::Request;

namespace {

// The scriptindex index's capture time (bench/peers/scriptindex.def).
constexpr Xapian::valueno kCapturedAt = 0;

// Every match's document number, nothing read.
struct DocidSpy : Xapian::MatchSpy {
    std::vector<Xapian::docid> docids;
    void operator()(const Xapian::Document& doc, double) override {
        docids.push_back(doc.get_docid());
    }
};

std::size_t answer(const Xapian::Database& db, Xapian::QueryParser& parser,
                   const Request& request) {
    const bool search = request.mode == "top20" || request.mode == "all";
    if (!search && request.mode != "timeline" && request.mode != "timeline-all") {
        throw std::invalid_argument(fmt::format("unknown mode '{}'", request.mode));
    }
    std::string text = request.text;
    if (!request.source.empty()) text += " source:" + request.source;
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT));
    if (search) {
        Xapian::MSet mset = enquire.get_mset(0, request.mode == "top20" ? 20 : db.get_doccount());
        for (auto row = mset.begin(); row != mset.end(); ++row) row.get_document().get_data();
        return mset.size();
    }
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    DocidSpy spy;
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    // One database, so the spy's document numbers are the database's, and
    // they come in ascending order.
    Xapian::ValueIterator value = db.valuestream_begin(kCapturedAt);
    const Xapian::ValueIterator end = db.valuestream_end(kCapturedAt);
    std::size_t timed = 0;
    for (Xapian::docid docid : spy.docids) {
        value.skip_to(docid);
        if (value == end) break;
        if (value.get_docid() == docid && !(*value).empty()) ++timed;
    }
    return timed;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Times Xapian alone on the scriptindex index (see bench/README.md)"};
    std::string path;
    app.add_option("--db", path, "The scriptindex peer's database")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        Xapian::Database db(path);
        Xapian::QueryParser parser;
        parser.set_database(db);
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.add_boolean_prefix("source", "XS");
        newsindex::bench::serve_requests([&](const Request& request) {
            try {
                return answer(db, parser, request);
            } catch (const Xapian::Error& e) {  // request_loop.h reports std::exception
                throw std::runtime_error(e.get_description());
            }
        });
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "xapian_floor: {}\n", e.get_description());
        return 1;
    }
    return 0;
}
