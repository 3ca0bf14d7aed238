#include "query/output.h"

#include "indexer/timestamp.h"

#include <cstdlib>

#include <unistd.h>

namespace newsindex::query {

bool use_colour(std::FILE* stream, bool forced) {
    if (forced) return true;
    // https://no-color.org: any non-empty NO_COLOR turns colour off.
    if (const char* no_colour = std::getenv("NO_COLOR"); no_colour && *no_colour) return false;
    return isatty(fileno(stream)) != 0;
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) row += ',';
        const std::string& field = fields[i];
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
            row += field;
            continue;
        }
        row += '"';
        for (char c : field) {
            if (c == '"') row += '"';
            row += c;
        }
        row += '"';
    }
    row += '\n';
    return row;
}

std::string iso_time(schema::CaptureTime t) { return indexer::format_iso8601(t); }

}  // namespace newsindex::query
