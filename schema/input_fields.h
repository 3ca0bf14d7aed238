// The field names of the JSON Lines input format (corpus/README.md): what
// newsindex reads (indexer/record_fields.h) and newsquery export writes
// (query/format/corpus_record.h), spelled once so the two cannot drift.
#pragma once

#include <string_view>

namespace newsindex::schema::input_field {

inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kUrl = "url";
inline constexpr std::string_view kArticleId = "article_id";
inline constexpr std::string_view kTimestamp = "timestamp";
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kSummary = "summary";
inline constexpr std::string_view kText = "text";
inline constexpr std::string_view kAuthor = "author";
inline constexpr std::string_view kPublished = "published";
inline constexpr std::string_view kLanguage = "language";
inline constexpr std::string_view kSection = "section";
// Orders captures of one article that share a timestamp (the sequence).
inline constexpr std::string_view kVersion = "version";

}  // namespace newsindex::schema::input_field
