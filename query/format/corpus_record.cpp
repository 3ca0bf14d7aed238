#include "query/format/corpus_record.h"

#include "query/database.h"
#include "query/format/json_line.h"
#include "schema/input_fields.h"
#include "schema/time.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace newsindex::query {

namespace in = schema::input_field;

std::string corpus_record_line(const schema::VersionRecord& version,
                               const schema::CaptureStamp& capture) {
    if (capture.sequence < 0) {
        throw QueryError(fmt::format("newsquery: {} has a capture at {} with sequence {}, which "
                                     "the input format cannot write (its version is >= 0)",
                                     version.article.identity,
                                     schema::format_iso8601(capture.time), capture.sequence),
                         kExitSoftware);
    }
    nlohmann::ordered_json record;
    auto add_if_given = [&record](std::string_view field, const std::string& value) {
        if (!value.empty()) record[std::string(field)] = value;
    };
    record[std::string(in::kSource)] = version.article.source;
    add_if_given(in::kUrl, version.url);
    add_if_given(in::kArticleId, version.article_id);
    record[std::string(in::kVersion)] = capture.sequence;
    record[std::string(in::kTimestamp)] = schema::format_iso8601(capture.time);
    record[std::string(in::kTitle)] = version.title;
    record[std::string(in::kSummary)] = version.summary;
    record[std::string(in::kText)] = version.text;
    add_if_given(in::kAuthor, version.author);
    add_if_given(in::kLanguage, version.language);
    add_if_given(in::kSection, version.section);
    if (version.published) {
        record[std::string(in::kPublished)] = schema::format_iso8601(*version.published);
    }
    return ordered_json_line(record);
}

}  // namespace newsindex::query
