#include "query/format/search_format.h"

#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

std::string revision_list(const std::vector<std::uint32_t>& revisions, std::string_view sep) {
    return fmt::format("{}", fmt::join(revisions, sep));
}

void write(std::FILE* out, const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), out);
}

}  // namespace

// "353 articles", "at least 100000 versions", "1 version".
std::string counted(const MatchCount& count, std::string_view noun) {
    return fmt::format("{}{} {}{}", count.exact ? "" : "at least ", count.value, noun,
                       count.value == 1 && count.exact ? "" : "s");
}

// The snippet's text made safe for a terminal, then its match markers
// turned into the style's highlight.
std::string table_snippet(const std::string& snippet, const Style& style) {
    std::string out;
    std::string_view rest = snippet;
    while (!rest.empty()) {
        std::size_t start = rest.find(kMatchStart), end = rest.find(kMatchEnd);
        std::size_t marker = std::min(start, end);
        out += terminal_text(rest.substr(0, marker));
        if (marker == std::string_view::npos) break;
        out += marker == start ? style.match() : style.reset();
        rest.remove_prefix(marker + (marker == start ? kMatchStart : kMatchEnd).size());
    }
    return out;
}

std::string search_summary_line(const SearchResult& result, const SearchRequest& request) {
    const MatchCount& shown = request.all_versions ? result.versions : result.articles;
    const bool one = shown.value == 1 && shown.exact && result.versions.value == 1;
    std::string line =
        request.all_versions || result.versions.value == 0
            ? fmt::format("{} {}", counted(shown, request.all_versions ? "version" : "article"),
                          one ? "matches" : "match")
            : fmt::format("{}, {} {}", counted(result.articles, "article"),
                          counted(result.versions, "version"), one ? "matches" : "match");
    if (!result.rows.empty() && result.rows.size() < shown.value) {
        line += fmt::format("; showing {}-{}", request.offset + 1,
                            request.offset + result.rows.size());
    }
    return line;
}

std::string search_table_entry(const SearchRow& row, const Style& style) {
    std::string entry = fmt::format("{}  rev {}/{}  {}  {}{}{}\n", terminal_text(row.source),
                                    row.revision, row.revisions, iso_time(row.captured_at),
                                    style.bold(),
                                    row.title.empty() ? "(untitled)" : terminal_text(row.title),
                                    style.reset());
    if (!row.url.empty()) {
        entry += fmt::format("  {}{}{}\n", style.dim(), terminal_text(row.url), style.reset());
    }
    if (!row.snippet.empty()) entry += fmt::format("  {}\n", table_snippet(row.snippet, style));
    if (row.revisions > 1) {
        entry += fmt::format("  {}matching revisions: {}{}\n", style.dim(),
                             revision_list(row.matching_revisions, ", "), style.reset());
    }
    return entry;
}

std::string search_json_line(const SearchRow& row) {
    return json_line({
        {"article_id", row.article_id},
        {"article_key", row.article_key},
        {"source", row.source},
        {"url", row.url},
        {"title", row.title},
        {"revision", row.revision},
        {"revisions", row.revisions},
        {"captured_at", iso_time(row.captured_at)},
        {"matching_revisions", row.matching_revisions},
        {"snippet", row.snippet},
    });
}

std::string search_csv_header() {
    return csv_row({"article_id", "article_key", "source", "url", "title", "revision",
                    "revisions", "captured_at", "matching_revisions", "snippet"});
}

std::string search_csv_line(const SearchRow& row) {
    return csv_row({row.article_id, row.article_key, row.source, row.url, row.title,
                    std::to_string(row.revision), std::to_string(row.revisions),
                    iso_time(row.captured_at), revision_list(row.matching_revisions, " "),
                    row.snippet});
}

void write_search_result(std::FILE* out, const SearchResult& result,
                         const SearchRequest& request, OutputFormat format,
                         const Style& style) {
    switch (format) {
        case OutputFormat::Json:
            for (const auto& row : result.rows) write(out, search_json_line(row));
            return;
        case OutputFormat::Csv:
            write(out, search_csv_header());
            for (const auto& row : result.rows) write(out, search_csv_line(row));
            return;
        case OutputFormat::Table:
        case OutputFormat::Atom:
            write(out, fmt::format("{}{}{}\n", style.dim(), search_summary_line(result, request),
                                   style.reset()));
            for (const auto& row : result.rows) {
                write(out, "\n");
                write(out, search_table_entry(row, style));
            }
            return;
    }
}

}  // namespace newsindex::query
