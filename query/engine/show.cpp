#include "query/engine/show.h"

#include "query/engine/article_versions.h"
#include "query/format/json_line.h"

#include <fmt/format.h>

namespace newsindex::query {

ShownVersion show_version(NewsDatabase& db, const std::string& name,
                          std::optional<std::uint32_t> revision,
                          std::optional<schema::CaptureTime> as_of) {
    return db.with_retry([&](const Xapian::Database& x) {
        std::vector<VersionRef> versions = resolve_versions(x, name, as_of);
        const VersionRef& chosen = revision ? find_revision(versions, *revision) : versions.back();
        ShownVersion shown{load_version(x, chosen.docid),
                           static_cast<std::uint32_t>(versions.size())};
        if (as_of) shown.version.last_seen = std::min(shown.version.last_seen, *as_of);
        return shown;
    });
}

void write_shown_version(std::FILE* out, const ShownVersion& shown, OutputFormat format,
                         const Style& style) {
    const schema::VersionRecord& v = shown.version;
    if (format == OutputFormat::Json) {
        nlohmann::json object = {{"article_id", v.article.identity},
                                 {"article_key", v.article.digest_hex()},
                                 {"source", v.article.source},
                                 {"url", v.url},
                                 {"revision", v.revision},
                                 {"revisions", shown.revisions},
                                 {"captured_at", iso_time(v.captured_at)},
                                 {"last_seen", iso_time(v.last_seen)},
                                 {"title", v.title},
                                 {"summary", v.summary},
                                 {"text", v.text}};
        if (!v.author.empty()) object["author"] = v.author;
        if (!v.language.empty()) object["language"] = v.language;
        if (!v.section.empty()) object["section"] = v.section;
        if (v.published) object["published"] = iso_time(*v.published);
        fmt::print(out, "{}", json_line(object));
        return;
    }
    fmt::print(out, "{}{}  {}{}\n", style.dim(), terminal_text(v.article.source),
               terminal_text(v.url.empty() ? v.article.identity : v.url), style.reset());
    fmt::print(out, "{}revision {}/{}  captured {}  last seen {}{}\n", style.dim(), v.revision,
               shown.revisions, iso_time(v.captured_at), iso_time(v.last_seen), style.reset());
    fmt::print(out, "\n{}{}{}\n", style.bold(),
               v.title.empty() ? "(untitled)" : terminal_text(v.title), style.reset());
    if (!v.summary.empty()) fmt::print(out, "\n{}\n", terminal_text(v.summary));
    if (!v.text.empty()) fmt::print(out, "\n{}\n", terminal_text(v.text));
}

}  // namespace newsindex::query
