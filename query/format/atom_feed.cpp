#include "query/format/atom_feed.h"

#include "query/format/output.h"
#include "schema/version_record.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xapian.h>
#include <xxhash.h>

namespace newsindex::query {

namespace {

// Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets).
bool allowed_in_xml(unsigned ch) {
    return ch == 0x9 || ch == 0xA || ch == 0xD || (ch >= 0x20 && ch <= 0xD7FF) ||
           (ch >= 0xE000 && ch <= 0xFFFD) || (ch >= 0x10000 && ch <= 0x10FFFF);
}

std::string feed_key(const FeedDescription& feed) {
    std::string key = feed.query;
    for (const std::string& source : feed.sources) {
        key += '\x1F';
        key += source;
    }
    // The query's feed keeps the key it had before --article and --what.
    if (!feed.article.empty() || !feed.what.empty()) key += "\x1E" + feed.article + "\x1F" + feed.what;
    return schema::digest_hex(XXH3_64bits(key.data(), key.size()));
}

// The feed's opening: id, self link, titles, updated, author, generator.
std::string feed_head(const FeedDescription& feed, const std::string& key, const std::string& title,
                      const std::string& subtitle, schema::CaptureTime newest) {
    std::string id = "urn:newsindex:changes:" + key;
    schema::CaptureTime updated = newest != 0 ? newest : feed.until ? *feed.until : feed.since;
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "  <id>{}</id>\n"
        "  <link rel=\"self\" href=\"{}\"/>\n"
        "  <title>{}</title>\n"
        "  <subtitle>{}</subtitle>\n"
        "  <updated>{}</updated>\n"
        "  <author><name>newsindex</name></author>\n"
        "  <generator>newsquery</generator>\n",
        id, xml_text(feed.self.empty() ? id : feed.self), xml_text(title), xml_text(subtitle), iso_time(updated));
}

std::string window_text(const FeedDescription& feed) {
    return fmt::format("captured since {}{}", iso_time(feed.since),
                       feed.until ? " until " + iso_time(*feed.until) : "");
}

// A sentence change as HTML (its text escaped as for XML, which HTML reads
// alike): removed words in <del>, added ones in <ins>.
std::string change_html(const SentenceChange& change) {
    switch (change.op) {
        case SentenceOp::Same:
            return xml_text(change.old_text);
        case SentenceOp::Removed:
            return "<del>" + xml_text(change.old_text) + "</del>";
        case SentenceOp::Added:
            return "<ins>" + xml_text(change.new_text) + "</ins>";
        case SentenceOp::Edited:
            break;
    }
    std::string out;
    for (const WordRun& run : change.words) {
        if (run.op == WordOp::Same) out += xml_text(run.text);
        if (run.op == WordOp::Removed) out += "<del>" + xml_text(run.text) + "</del>";
        if (run.op == WordOp::Added) out += "<ins>" + xml_text(run.text) + "</ins>";
    }
    return out;
}

std::string part_html(std::string_view name, const PartChange& part) {
    if (!part.changed()) return {};
    std::string out = fmt::format("<p>{}: {} sentence{} added, {} removed, {} changed</p><ul>", name, part.added,
                                  part.added == 1 ? "" : "s", part.removed, part.edited);
    for (const SentenceChange& change : part.sentences) out += "<li>" + change_html(change) + "</li>";
    return out + "</ul>";
}

std::string revision_entry(const RevisionChange& change) {
    const SentenceChange& title = change.title;
    const std::string& now = title.new_text.empty() ? title.old_text : title.new_text;
    std::string shown = now.empty() ? change.url : now;
    std::string_view what = change.changed(VersionPart::Title)     ? "Headline changed"
                            : change.changed(VersionPart::Summary) ? "Summary changed"
                                                                   : "Text changed";
    std::string content;
    if (title.op == SentenceOp::Same) {
        content = "<p>Title: " + xml_text(title.old_text) + "</p>";
    } else {
        content = "<p>Title: <del>" + xml_text(title.old_text) + "</del> → <ins>" +
                  xml_text(title.new_text) + "</ins></p>";
    }
    content += part_html("Summary", change.summary) + part_html("Text", change.text);
    std::string categories;
    for (VersionPart part : change.parts()) {
        categories += fmt::format("    <category term=\"{}\"/>\n", version_part_name(part));
    }
    return fmt::format(
        "  <entry>\n"
        "    <id>urn:newsindex:revision:{}</id>\n"
        "    <title>{}</title>\n"
        "    <updated>{}</updated>\n"
        "    <link href=\"{}\"/>\n"
        "{}"
        "    <content type=\"html\">{}</content>\n"
        "  </entry>\n",
        xml_text(change.version_id),
        xml_text(fmt::format("{}: {} ({}, revision {})", what, shown, change.source, change.revision)),
        iso_time(change.captured_at), xml_text(change.url), categories, xml_text(content));
}

std::string entry(const std::string& key, const ChangeEvent& change) {
    const TimelineEvent& event = change.event;
    bool appeared = event.type == EventType::Appeared;
    std::string title = change.title.empty() ? change.url : change.title;
    return fmt::format(
        "  <entry>\n"
        "    <id>urn:newsindex:change:{}:{}:{}</id>\n"
        "    <title>{} {}</title>\n"
        "    <updated>{}</updated>\n"
        "    <link href=\"{}\"/>\n"
        "    <category term=\"{}\"/>\n"
        "    <summary>{}</summary>\n"
        "  </entry>\n",
        key, event_type_name(event.type), xml_text(event.version_id),
        appeared ? "Appeared in:" : "Vanished from:",
        xml_text(fmt::format("{} ({}, revision {})", title, change.source, event.revision)),
        iso_time(event.captured_at), xml_text(change.url), event_type_name(event.type),
        xml_text(event.sentence));
}

}  // namespace

std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // Utf8Iterator reads an invalid byte as the Latin-1 character of that
    // value, so re-encoding always gives valid UTF-8.
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (!allowed_in_xml(ch)) continue;
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                Xapian::Unicode::append_utf8(out, ch);
        }
    }
    return out;
}

std::string atom_feed(const FeedDescription& feed, const std::vector<ChangeEvent>& changes) {
    std::string key = feed_key(feed);
    std::string out = feed_head(
        feed, key, fmt::format("Changes: {}", feed.query),
        fmt::format("Where \"{}\" appeared in or vanished from a news article, {}", feed.query, window_text(feed)),
        changes.empty() ? 0 : changes.front().event.captured_at);
    for (const ChangeEvent& change : changes) out += entry(key, change);
    out += "</feed>\n";
    return out;
}

std::string revision_atom_feed(const FeedDescription& feed, const RevisionFeed& revisions) {
    std::string key = feed_key(feed);
    std::string scope = !feed.article.empty() ? "article " + feed.article
                        : !feed.sources.empty() ? fmt::format("{}", fmt::join(feed.sources, ", "))
                                                : "every source";
    std::string what = feed.what.empty() ? "" : " (" + feed.what + " changes)";
    std::string out = feed_head(feed, key, fmt::format("Changes: {}{}", scope, what),
                                fmt::format("Every new revision of a news article{}, {}", what, window_text(feed)),
                                revisions.changes.empty() ? 0 : revisions.changes.front().captured_at);
    for (const RevisionChange& change : revisions.changes) out += revision_entry(change);
    out += "</feed>\n";
    return out;
}

}  // namespace newsindex::query
