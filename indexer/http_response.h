// HTTP/1.x responses as a WARC response record holds them: the status
// line, the header fields, and the body with its transfer and content
// encodings undone (chunked; gzip, deflate) through zlib. The named-field
// syntax is WARC's too (ISO 28500 borrows it from HTTP), so the WARC
// reader parses its record headers with parse_header_fields.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsindex::indexer {

// A response or header block that cannot be read; what() is the reason
// ("no status line", "bad chunk size", "bad gzip content: ...").
class HttpError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Header fields in their order; names compared without regard to case.
struct HeaderFields {
    std::vector<std::pair<std::string, std::string>> fields;
    // The first field named `name`, nullptr when there is none.
    const std::string* find(std::string_view name) const;
};

// Parses "Name: value" lines, each ended by CRLF or LF (a line begun by a
// space or tab continues the one before); values trimmed. Throws HttpError
// for a line without a colon or with an empty name.
HeaderFields parse_header_fields(std::string_view block);

struct HttpResponse {
    int status = 0;
    HeaderFields headers;
    std::string body;  // decoded: chunked transfer and content encoding undone
};

// Parses a whole HTTP/1.x response message: "HTTP/1.1 200 OK", the
// header fields up to the blank line, the body. A body longer than
// `max_body_bytes` once decoded throws (a decompression bomb is refused,
// not inflated). An unknown Content-Encoding (br, compress) throws.
HttpResponse parse_http_response(std::string_view message, std::size_t max_body_bytes);

// The status line and header fields of a response, its body left out (a
// WARC revisit record holds only these). Throws HttpError as above.
HttpResponse parse_http_head(std::string_view message);

// The media type of a Content-Type value, lower case ("text/html"), and
// its charset parameter as written, without quotes ("" when absent).
std::string media_type(std::string_view content_type);
std::string charset_parameter(std::string_view content_type);

// Whether `media` is a type of HTML page (text/html, application/xhtml+xml).
bool is_html_media_type(std::string_view media);

}  // namespace newsindex::indexer
