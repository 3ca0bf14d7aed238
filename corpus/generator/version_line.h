// One capture as a line of JSON Lines, with the field names and formats of
// the real captures in ../shared/data (see corpus/README.md).
#pragma once

#include "corpus/generator/story.h"

#include <string>

namespace newsgen {

// The JSON object, without the trailing newline. Field order is fixed:
// source, url, article_id, version, timestamp, title, summary, text, author,
// language, section.
std::string version_line(const CapturedVersion& captured);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string iso8601(CaptureTime t);

}  // namespace newsgen
