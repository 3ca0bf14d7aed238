#include "query/format/timeline_format.h"

#include "query/format/article_heading.h"
#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

std::string_view yes_no(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string event_table_line(const TimelineEvent& event, const Style& style) {
    bool appeared = event.type == EventType::Appeared;
    std::string_view how = !appeared                  ? "vanished"
                           : event.from_first_capture ? "appeared, from the first capture"
                                                      : "appeared, added later";
    return fmt::format("  {}{} r{:<3} {}  {}{}  {}\n", appeared ? style.added() : style.removed(),
                       appeared ? '+' : '-', event.revision, iso_time(event.captured_at), how,
                       style.reset(), terminal_text(event.sentence));
}

std::string timeline_table_entry(const ArticleTimeline& article, const Style& style) {
    std::string entry =
        article_heading(article.title, article.source, article.url, article.article_id, style,
                        fmt::format("  {} revision{}, {} in the latest", article.revisions,
                                    article.revisions == 1 ? "" : "s",
                                    article.present_in_latest ? "present" : "gone"));
    for (const TimelineEvent& event : article.events) entry += event_table_line(event, style);
    return entry;
}

std::string timeline_json_line(const ArticleTimeline& article) {
    nlohmann::json events = nlohmann::json::array();
    for (const TimelineEvent& event : article.events) {
        nlohmann::json e = {{"type", event_type_name(event.type)},
                            {"revision", event.revision},
                            {"captured_at", iso_time(event.captured_at)}};
        if (event.type == EventType::Appeared) e["from_first_capture"] = event.from_first_capture;
        e["sentence"] = event.sentence;
        events.push_back(std::move(e));
    }
    return json_line({{"article_id", article.article_id},
                      {"article_key", article.digest},
                      {"source", article.source},
                      {"url", article.url},
                      {"title", article.title},
                      {"revisions", article.revisions},
                      {"present_in_latest", article.present_in_latest},
                      {"events", std::move(events)}});
}

std::string timeline_csv_header() {
    return csv_row({"article_id", "article_key", "source", "url", "title", "revisions",
                    "present_in_latest", "type", "revision", "captured_at", "from_first_capture",
                    "sentence"});
}

std::string timeline_csv_rows(const ArticleTimeline& article) {
    std::string rows;
    for (const TimelineEvent& event : article.events) {
        rows += csv_row({article.article_id, article.digest, article.source, article.url,
                         article.title, std::to_string(article.revisions),
                         std::string(yes_no(article.present_in_latest)),
                         std::string(event_type_name(event.type)), std::to_string(event.revision),
                         iso_time(event.captured_at), std::string(yes_no(event.from_first_capture)),
                         event.sentence});
    }
    return rows;
}

std::string timeline_summary_line(const TimelinePage& page, std::size_t offset) {
    std::string line = fmt::format("{} article{}", page.total, page.total == 1 ? "" : "s");
    if (!page.articles.empty() && page.articles.size() < page.total) {
        line += fmt::format("; showing {}-{}", offset + 1, offset + page.articles.size());
    }
    return line;
}

void write_timeline(std::FILE* out, const TimelinePage& page, std::size_t offset,
                    OutputFormat format, const Style& style) {
    const std::vector<ArticleTimeline>& timelines = page.articles;
    switch (format) {
        case OutputFormat::Json:
            for (const auto& article : timelines)
                fmt::print(out, "{}", timeline_json_line(article));
            return;
        case OutputFormat::Csv:
            fmt::print(out, "{}", timeline_csv_header());
            for (const auto& article : timelines) fmt::print(out, "{}", timeline_csv_rows(article));
            return;
        case OutputFormat::Table:
        case OutputFormat::Atom:
            fmt::print(out, "{}{}{}\n", style.dim(), timeline_summary_line(page, offset),
                       style.reset());
            for (const auto& article : timelines) {
                fmt::print(out, "\n{}", timeline_table_entry(article, style));
            }
            return;
    }
}

}  // namespace newsindex::query
