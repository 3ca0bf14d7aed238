#include "query/format/history_format.h"

#include "query/format/article_heading.h"
#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

void write_history(std::FILE* out, const ArticleHistory& history, OutputFormat format,
                   const Style& style) {
    const schema::VersionRecord& latest = history.latest;
    const std::string key = latest.article.digest_hex();
    switch (format) {
        case OutputFormat::Json:
            for (const RevisionSummary& r : history.revisions) {
                fmt::print(out, "{}",
                           json_line({{"article_id", latest.article.identity},
                                      {"article_key", key},
                                      {"revision", r.revision},
                                      {"captured_at", iso_time(r.captured_at)},
                                      {"last_seen", iso_time(r.last_seen)},
                                      {"title", r.title},
                                      {"length", r.length},
                                      {"added", r.change.added},
                                      {"removed", r.change.removed}}));
            }
            return;
        case OutputFormat::Csv:
            fmt::print(out, "{}",
                       csv_row({"article_id", "article_key", "revision", "captured_at", "last_seen",
                                "title", "length", "added", "removed"}));
            for (const RevisionSummary& r : history.revisions) {
                fmt::print(out, "{}",
                           csv_row({latest.article.identity, key, std::to_string(r.revision),
                                    iso_time(r.captured_at), iso_time(r.last_seen), r.title,
                                    std::to_string(r.length), std::to_string(r.change.added),
                                    std::to_string(r.change.removed)}));
            }
            return;
        case OutputFormat::Table:
        case OutputFormat::Atom:
            fmt::print(out, "{}",
                       article_heading(latest.title, latest.article.source, latest.url,
                                       latest.article.identity, style,
                                       fmt::format("  {} revision{}", history.revisions.size(),
                                                   history.revisions.size() == 1 ? "" : "s")));
            fmt::print(out,
                       "\n{}rev  captured              last seen              length    "
                       "added  removed  title{}\n",
                       style.dim(), style.reset());
            for (const RevisionSummary& r : history.revisions) {
                fmt::print(out, "{:>3}  {}  {}  {:>6}  {}{:>7}{}  {}{:>7}{}  {}\n", r.revision,
                           iso_time(r.captured_at), iso_time(r.last_seen), r.length, style.added(),
                           fmt::format("+{}", r.change.added), style.reset(), style.removed(),
                           fmt::format("-{}", r.change.removed), style.reset(),
                           terminal_text(r.title));
            }
            return;
    }
}

}  // namespace newsindex::query
