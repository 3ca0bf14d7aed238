// xapian_floor: the least any engine built on Xapian 1.4 can take for the
// benchmark's requests, timed in one open process on the scriptindex peer's
// index (bench/lib/latency.py drives it as "xapian-floor").
//
//   xapian_floor --db DIR
//
// Answers the same requests as engine_latency (bench/request_loop.h); ROWS
// is the search's rows, or the timeline's matches with a capture time. The
// query is parsed as Xapian's quest parses it for that index (English
// stemmer, STEM_SOME, source: as a boolean prefix), and answered by Xapian
// alone:
//
//   top20, all              the best 20 (or every) match by BM25, as FTS5's
//                           ORDER BY rank, and each row's stored data read:
//                           the text any snippet is made from. No snippet,
//                           no title, no formatting.
//   timeline, timeline-all  every match enumerated, unweighted, and one
//                           value of each read (the capture time, slot 0),
//                           walking the value stream in document order: a
//                           timeline must at least know when each matching
//                           version was captured. No article grouping, no
//                           events, no text.
//
// So its times are a floor, not a peer: what newsquery's engine (and any
// other on Xapian) would take with every cost of its own removed. Where
// the floor itself is not ten times faster than FTS5, no engine on Xapian
// 1.4 is (bench/lib/targets.py says so beside the target).
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
            } catch (const Xapian::Error& e) {
                throw std::runtime_error(e.get_description());
            }
        });
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "xapian_floor: {}\n", e.get_description());
        return 1;
    }
    return 0;
}
