#include "query/format/atom_feed.h"

#include "query/format/output.h"
#include "schema/version_record.h"

#include <fmt/format.h>
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
    return schema::digest_hex(XXH3_64bits(key.data(), key.size()));
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
    schema::CaptureTime updated = !changes.empty() ? changes.front().event.captured_at
                                  : feed.until     ? *feed.until
                                                   : feed.since;
    std::string out = fmt::format(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "  <id>urn:newsindex:changes:{}</id>\n"
        "  <title>{}</title>\n"
        "  <subtitle>{}</subtitle>\n"
        "  <updated>{}</updated>\n"
        "  <author><name>newsindex</name></author>\n"
        "  <generator>newsquery</generator>\n",
        key, xml_text(fmt::format("Changes: {}", feed.query)),
        xml_text(fmt::format("Where \"{}\" appeared in or vanished from a news article, "
                             "captured since {}{}",
                             feed.query, iso_time(feed.since),
                             feed.until ? " until " + iso_time(*feed.until) : "")),
        iso_time(updated));
    for (const ChangeEvent& change : changes) out += entry(key, change);
    out += "</feed>\n";
    return out;
}

}  // namespace newsindex::query
