#include "query/format/changes_format.h"

#include "query/format/article_heading.h"
#include "query/format/json_line.h"
#include "query/format/timeline_format.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

std::vector<std::string> fields(const ChangeEvent& c) {
    return {std::string(event_type_name(c.event.type)),
            iso_time(c.event.captured_at),
            std::to_string(c.event.revision),
            c.article_id,
            c.article_key,
            c.source,
            c.url,
            c.title,
            c.event.sentence,
            c.event.version_id};
}

const std::vector<std::string> kFieldNames = {
    "type",   "captured_at", "revision", "article_id", "article_key",
    "source", "url",         "title",    "sentence",   "version_id"};

}  // namespace

void write_changes(std::FILE* out, const std::vector<ChangeEvent>& changes, std::size_t total,
                   const FeedDescription& feed, OutputFormat format, const Style& style) {
    switch (format) {
        case OutputFormat::Atom:
            fmt::print(out, "{}", atom_feed(feed, changes));
            return;
        case OutputFormat::Json:
            for (const ChangeEvent& change : changes) {
                nlohmann::json object = nlohmann::json::object();
                std::vector<std::string> values = fields(change);
                for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
                    object[kFieldNames[i]] = values[i];
                }
                object["revision"] = change.event.revision;
                fmt::print(out, "{}", json_line(object));
            }
            return;
        case OutputFormat::Csv:
            fmt::print(out, "{}", csv_row(kFieldNames));
            for (const ChangeEvent& change : changes)
                fmt::print(out, "{}", csv_row(fields(change)));
            return;
        case OutputFormat::Table:
            if (total > changes.size()) {
                fmt::print(out, "{}{} of {} changes, the newest (--limit){}\n", style.dim(), changes.size(), total,
                           style.reset());
            } else {
                fmt::print(out, "{}{} change{}{}\n", style.dim(), changes.size(), changes.size() == 1 ? "" : "s",
                           style.reset());
            }
            for (std::size_t i = 0; i < changes.size(); ++i) {
                const ChangeEvent& c = changes[i];
                fmt::print(out, "\n{}{}",
                           article_heading(c.title, c.source, c.url, c.article_id, style),
                           event_table_line(c.event, style));
            }
            return;
    }
}

}  // namespace newsindex::query
