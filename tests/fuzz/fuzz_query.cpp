// The query front end: query text plus filters -> build_match_query ->
// search (matching, collapsing, snippets), against a tiny database built once
// from invented records. A bad query must end as QueryError; any other
// exception escaping is a bug (the CLI would print it raw or as "internal").
//
// Input: byte 0 selects flags, byte 1 the language and sort order, the rest is
// the query text.
#include "indexer/ingest.h"
#include "query/engine/search.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace fs = std::filesystem;
namespace indexer = newsindex::indexer;
namespace query = newsindex::query;

namespace {

// Invented articles: two languages, several revisions, authors, hosts,
// zero-width and right-to-left text.
constexpr const char* kRecords[] = {
    R"({"source":"ledger","url":"https://www.ledger.example/world/talks-1","timestamp":"2024-03-01T08:00:00Z","title":"Talks resume in Geneva","summary":"Delegates return","text":"The delegates met again on Monday. No plans for sending envoys, officials in Eastport said.","author":"Ann Lee","language":"en"})",
    R"({"source":"ledger","url":"https://www.ledger.example/world/talks-1","timestamp":"2024-03-01T12:00:00Z","title":"Talks stall in Geneva","summary":"Delegates leave","text":"The delegates left on Monday evening. Northfield was not mentioned.","author":"Ann Lee","language":"en"})",
    R"({"source":"ledger","url":"https://www.ledger.example/world/talks-1","timestamp":"2024-03-02T09:30:00Z","title":"Talks resume in Geneva","summary":"Delegates return","text":"The delegates met again on Monday. No plans for sending envoys, officials in Eastport said.","author":"Ann Lee","language":"en"})",
    R"({"source":"kurier","url":"http://kurier.example/politik/haushalt?id=7&utm_source=x","timestamp":"2024-03-01T10:00:00+01:00","title":"Haushalt beschlossen","text":"Der Stadtrat hat den Haushalt am Dienstag beschlossen. Reu\u200Bters berichtete.","author":["B. Schmidt","C. Wolf"],"language":"de"})",
    R"({"source":"wire","article_id":"wire:123","url":"https://wire.example/a/123","timestamp":"Tue, 05 Mar 2024 14:05:00 GMT","title":"\u0627\u0644\u0633\u0644\u0627\u0645 peace \u05e9\u05dc\u05d5\u05dd","text":"Rates rise; interest rates were raised twice.","published":"2024-03-05"})",
};

std::unique_ptr<query::NewsDatabase> database;
fs::path database_dir;

void remove_database() {
    database.reset();
    std::error_code ec;
    fs::remove_all(database_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    database_dir = fs::temp_directory_path() / ("newsindex-fuzz-query-" + std::to_string(getpid()));
    fs::remove_all(database_dir);
    fs::create_directories(database_dir);
    fs::path input = database_dir / "records.jsonl";
    {
        std::ofstream out(input);
        for (const char* record : kRecords) out << record << '\n';
    }
    indexer::IngestOptions options;
    options.inputs = {input.string()};
    options.writer.database = (database_dir / "db").string();
    options.writer.threads = 1;
    indexer::IngestSummary summary = indexer::ingest(options);
    if (summary.rejected != 0) std::abort();
    database = std::make_unique<query::NewsDatabase>(options.writer.database);
    std::atexit(remove_database);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    std::uint8_t flags = data[0], choice = data[1];
    query::SearchRequest request;
    request.text.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    request.filters.stem = !(flags & 1);
    request.filters.first_only = flags & 2;
    request.filters.latest_only = flags & 4;
    if (flags & 8) request.filters.since = 1709280000;   // 2024-03-01T08:00:00Z
    if (flags & 16) request.filters.until = 1709380000;
    if (flags & 32) request.filters.as_of = 1709300000;
    if (flags & 64) request.filters.sources = {"ledger", "WIRE"};
    request.all_versions = flags & 128;
    constexpr const char* kLanguages[] = {"", "en", "de", "xx"};
    request.filters.language = kLanguages[choice & 3];
    constexpr query::SearchOrder kOrders[] = {query::SearchOrder::Relevance, query::SearchOrder::Date,
                                              query::SearchOrder::Article, query::SearchOrder::Relevance};
    request.order = kOrders[(choice >> 2) & 3];
    request.limit = (choice >> 4) & 7;
    request.highlight_start = "[";
    request.highlight_end = "]";
    try {
        query::search(*database, request);
    } catch (const query::QueryError& error) {
        if (error.exit_code() != query::kExitBadQuery) std::abort();
    }
    return 0;
}
