// engine_latency: newsquery's engine time, the in-process counterpart of
// "FTS5 in an open connection" (bench/lib/latency.py drives it).
//
//   engine_latency --db DIR
//
// Opens the database once, then answers requests (bench/request_loop.h).
// SECONDS is the wall time of the library call newsquery makes for that
// command line (search() or build_timeline()), with its rows built
// (snippets, sentences) but not printed; ROWS is the number of result rows
// (search) or events (timeline), as latency.py counts the command's output.
// The requests are those of bench/lib/queries.py: search as --all-versions
// --sort relevance --format json with --limit 20 or all, timeline as
// --format json with the default --limit (20 articles) or --limit 0
// (timeline-all).
#include "bench/request_loop.h"
#include "query/database.h"
#include "query/engine/search.h"
#include "query/engine/timeline.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <string>

using namespace newsindex::query;
using newsindex::bench::Request;

namespace {

Filters filters_of(const Request& request) {
    Filters filters;
    if (!request.source.empty()) filters.sources = {request.source};
    return filters;
}

// Rows (or events) the request produces; the same calls as newsquery's
// search and timeline commands make for the command lines above.
std::size_t answer(NewsDatabase& db, const Request& request) {
    if (request.mode == "timeline" || request.mode == "timeline-all") {
        TimelineRequest timeline{request.text, filters_of(request), std::nullopt};
        if (request.mode == "timeline-all") timeline.limit = 0;
        std::size_t events = 0;
        for (const ArticleTimeline& article : build_timeline(db, timeline).articles) {
            events += article.events.size();
        }
        return events;
    }
    if (request.mode != "top20" && request.mode != "all") {
        throw QueryError(fmt::format("unknown mode '{}'", request.mode), kExitBadQuery);
    }
    SearchRequest search_request;
    search_request.text = request.text;
    search_request.filters = filters_of(request);
    search_request.all_versions = true;
    search_request.order = SearchOrder::Relevance;  // --sort relevance, as FTS5 ranks
    search_request.limit = request.mode == "top20" ? 20 : 0;
    return search(db, search_request).rows.size();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Times newsquery's library calls in one process (see bench/README.md)"};
    std::string path;
    app.add_option("--db", path, "The newsindex database")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        NewsDatabase db(path);
        newsindex::bench::serve_requests(
            [&](const Request& request) { return answer(db, request); });
    } catch (const QueryError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return e.exit_code();
    }
    return 0;
}
