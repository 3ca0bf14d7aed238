#include "query/format/revision_feed_format.h"

#include "query/format/article_heading.h"
#include "query/format/diff_format.h"
#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

std::string changed_parts(const RevisionChange& change, std::string_view separator) {
    std::string out;
    for (VersionPart part : change.parts()) {
        if (!out.empty()) out += separator;
        out += version_part_name(part);
    }
    return out;
}

nlohmann::json part_json(const PartChange& part) {
    nlohmann::json changes = nlohmann::json::array();
    for (const SentenceChange& change : part.sentences) changes.push_back(change_json(change));
    return {{"added", part.added},
            {"removed", part.removed},
            {"edited", part.edited},
            {"unchanged", part.unchanged},
            {"changes", std::move(changes)}};
}

std::string revision_json(const RevisionChange& c) {
    nlohmann::json changed = nlohmann::json::array();
    for (VersionPart part : c.parts()) changed.push_back(version_part_name(part));
    return json_line({{"captured_at", iso_time(c.captured_at)},
                      {"revision", c.revision},
                      {"previous_captured_at", iso_time(c.previous_captured_at)},
                      {"article_id", c.article_id},
                      {"article_key", c.article_key},
                      {"source", c.source},
                      {"url", c.url},
                      {"version_id", c.version_id},
                      {"changed", std::move(changed)},
                      {"title", change_json(c.title)},
                      {"summary", part_json(c.summary)},
                      {"text", part_json(c.text)}});
}

const std::vector<std::string> kCsvFields = {
    "captured_at",    "revision",        "article_id",     "article_key",  "source",
    "url",            "version_id",      "changed",        "old_title",    "new_title",
    "summary_added",  "summary_removed", "summary_edited", "text_added",   "text_removed",
    "text_edited"};

std::vector<std::string> csv_fields(const RevisionChange& c) {
    const SentenceChange& title = c.title;
    return {iso_time(c.captured_at),
            std::to_string(c.revision),
            c.article_id,
            c.article_key,
            c.source,
            c.url,
            c.version_id,
            changed_parts(c, ";"),
            title.op == SentenceOp::Added ? "" : title.old_text,
            title.op == SentenceOp::Removed ? "" : title.op == SentenceOp::Same ? title.old_text : title.new_text,
            std::to_string(c.summary.added),
            std::to_string(c.summary.removed),
            std::to_string(c.summary.edited),
            std::to_string(c.text.added),
            std::to_string(c.text.removed),
            std::to_string(c.text.edited)};
}

// "2 sentences added, 1 removed, 3 changed"
std::string part_counts(const PartChange& part) {
    return fmt::format("{} sentence{} added, {} removed, {} changed", part.added, part.added == 1 ? "" : "s",
                       part.removed, part.edited);
}

std::string part_table(std::string_view name, const PartChange& part, const RevisionChange& change,
                       const Style& style) {
    if (!part.changed()) return {};
    std::string out = fmt::format("  {}{}: {}{}\n", style.dim(), name, part_counts(part), style.reset());
    std::size_t shown = std::min(part.sentences.size(), kTableSentences);
    for (std::size_t i = 0; i < shown; ++i) out += "    " + change_line(part.sentences[i], style);
    if (shown < part.sentences.size()) {
        out += fmt::format("    {}· {} more (newsquery diff {} {}){}\n", style.dim(), part.sentences.size() - shown,
                           change.article_key, change.revision, style.reset());
    }
    return out;
}

std::string revision_table(const RevisionChange& c, const Style& style) {
    const SentenceChange& title = c.title;
    const std::string& now = title.op == SentenceOp::Removed ? title.old_text : title.new_text;
    std::string out = article_heading(now, c.source, c.url, c.article_id, style);
    out += fmt::format("  {}  revision {} (revision {}: {})  changed: {}\n", iso_time(c.captured_at), c.revision,
                       c.revision - 1, iso_time(c.previous_captured_at), changed_parts(c, ", "));
    if (title.op != SentenceOp::Same) out += "  title: " + change_line(title, style);
    out += part_table("summary", c.summary, c, style);
    out += part_table("text", c.text, c, style);
    return out;
}

std::string count_line(const RevisionFeed& feed, const FeedDescription& description, const Style& style) {
    std::size_t n = feed.changes.size();
    std::string line = fmt::format("{} change{}", n, n == 1 ? "" : "s");
    if (!description.what.empty()) line = fmt::format("{} {} change{}", n, description.what, n == 1 ? "" : "s");
    if (feed.truncated) {
        line += fmt::format(", the newest (--limit); {} new revision{} in the window", feed.revisions,
                            feed.revisions == 1 ? "" : "s");
    } else if (!description.what.empty()) {
        line += fmt::format(" of {} new revision{} in the window", feed.revisions, feed.revisions == 1 ? "" : "s");
    }
    return fmt::format("{}{}{}\n", style.dim(), line, style.reset());
}

}  // namespace

void write_revision_feed(std::FILE* out, const RevisionFeed& feed, const FeedDescription& description,
                         OutputFormat format, const Style& style) {
    switch (format) {
        case OutputFormat::Atom:
            fmt::print(out, "{}", revision_atom_feed(description, feed));
            return;
        case OutputFormat::Json:
            for (const RevisionChange& change : feed.changes) fmt::print(out, "{}", revision_json(change));
            return;
        case OutputFormat::Csv:
            fmt::print(out, "{}", csv_row(kCsvFields));
            for (const RevisionChange& change : feed.changes) fmt::print(out, "{}", csv_row(csv_fields(change)));
            return;
        case OutputFormat::Table:
            fmt::print(out, "{}", count_line(feed, description, style));
            for (const RevisionChange& change : feed.changes) fmt::print(out, "\n{}", revision_table(change, style));
            return;
    }
}

}  // namespace newsindex::query
