// engine_latency: newsquery's engine time, the in-process counterpart of
// "FTS5 in an open connection" (bench/lib/latency.py drives it).
//
//   engine_latency --db DIR
//
// Opens the database once, then answers requests read from standard input,
// one per line:
//
//   MODE <TAB> SOURCE <TAB> QUERY      MODE: top20 | all | timeline | timeline-all;
//                                      SOURCE may be empty
//
// and writes one line per request: SECONDS <TAB> ROWS. SECONDS is the wall
// time of the library call newsquery makes for that command line (search()
// or build_timeline()), with its rows built (snippets, sentences) but not
// printed; ROWS is the number of result rows (search) or events (timeline),
// as latency.py counts the command's output. The requests are those of
// bench/lib/queries.py: search as --all-versions --format json with
// --limit 20 or all, timeline as --format json with the default --limit
// (20 articles) or --limit 0 (timeline-all). A request that fails writes
// "error <TAB> MESSAGE" and the driver goes on.
#include "query/database.h"
#include "query/search.h"
#include "query/timeline.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

using namespace newsindex::query;

namespace {

struct Request {
    std::string mode, source, text;
};

bool parse(const std::string& line, Request& request) {
    auto first = line.find('\t');
    auto second = first == std::string::npos ? first : line.find('\t', first + 1);
    if (second == std::string::npos) return false;
    request = {line.substr(0, first), line.substr(first + 1, second - first - 1),
               line.substr(second + 1)};
    return true;
}

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
    search_request.order = SearchOrder::Article;  // newsquery's default with --all-versions
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
        std::string line;
        while (std::getline(std::cin, line)) {
            Request request;
            if (!parse(line, request)) {
                fmt::print("error\tbad request line (want MODE<TAB>SOURCE<TAB>QUERY)\n");
            } else {
                try {
                    auto started = std::chrono::steady_clock::now();
                    std::size_t rows = answer(db, request);
                    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
                    fmt::print("{:.9f}\t{}\n", took.count(), rows);
                } catch (const QueryError& e) {
                    fmt::print("error\t{}\n", e.what());
                }
            }
            std::fflush(stdout);
        }
    } catch (const QueryError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return e.exit_code();
    }
    return 0;
}
