// engine_latency --db DIR: newsquery's engine time, the counterpart of "FTS5
// in an open connection". Opens the database once, then answers requests
// (bench/request_loop.h) with the library calls newsquery makes for the
// command lines of bench/lib/queries.py, rows built (snippets, sentences) but
// not printed. ROWS is the result rows (search) or events (timeline).
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
