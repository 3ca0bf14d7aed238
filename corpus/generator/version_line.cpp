#include "corpus/generator/version_line.h"

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <chrono>

namespace newsgen {

std::string iso8601(CaptureTime t) {
    return date::format("%FT%TZ", date::sys_seconds{std::chrono::seconds{t}});
}

std::string version_line(const CapturedVersion& captured) {
    nlohmann::ordered_json line;
    line["source"] = captured.outlet.source;
    line["url"] = captured.url;
    line["article_id"] = captured.article_id;
    line["version"] = captured.version;
    line["timestamp"] = iso8601(captured.captured_at);
    line["title"] = captured.draft.title;
    line["summary"] = captured.draft.summary;
    line["text"] = captured.draft.body();
    line["author"] = captured.author;
    line["language"] = "en";
    line["section"] = captured.section;
    return line.dump();
}

}  // namespace newsgen
