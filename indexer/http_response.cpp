#include "indexer/http_response.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace newsindex::indexer {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Where the header block of `message` ends (after its blank line) and how
// long the block is without that blank line; npos when there is none.
std::pair<std::size_t, std::size_t> header_end(std::string_view message) {
    std::size_t crlf = message.find("\r\n\r\n");
    std::size_t lf = message.find("\n\n");
    if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) return {crlf + 4, crlf + 2};
    if (lf != std::string_view::npos) return {lf + 2, lf + 1};
    return {std::string_view::npos, std::string_view::npos};
}

std::string dechunk(std::string_view body, std::size_t max_body_bytes) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        std::size_t eol = body.find('\n', at);
        if (eol == std::string_view::npos) throw HttpError("chunked body ends without its last chunk");
        std::string_view line = trimmed(body.substr(at, eol - at));
        line = line.substr(0, line.find(';'));  // chunk extensions
        line = trimmed(line);
        std::size_t size = 0;
        auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
        if (line.empty() || error != std::errc() || end != line.data() + line.size())
            throw HttpError(fmt::format("bad chunk size \"{}\"", std::string(line.substr(0, 20))));
        at = eol + 1;
        if (size == 0) return out;  // trailer fields, if any, are not needed
        if (size > body.size() - at) throw HttpError("chunked body ends inside a chunk");
        if (out.size() + size > max_body_bytes) throw HttpError("body too large once decoded");
        out.append(body.substr(at, size));
        at += size;
        if (body.substr(at, 2) == "\r\n") at += 2;
        else if (body.substr(at, 1) == "\n") at += 1;
    }
}

// Inflates `data` with zlib's `window_bits` (16+15 gzip, 15 zlib, -15 raw
// deflate); throws HttpError. Concatenated gzip members are all inflated.
std::string inflate_all(std::string_view data, int window_bits, std::size_t max_body_bytes) {
    z_stream stream{};
    if (inflateInit2(&stream, window_bits) != Z_OK) throw HttpError("cannot start zlib");
    std::string out;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    char chunk[1 << 15];
    int status = Z_OK;
    while (true) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - stream.avail_out);
        if (out.size() > max_body_bytes) {
            inflateEnd(&stream);
            throw HttpError("body too large once decoded");
        }
        if (status == Z_STREAM_END) {
            if (window_bits > 15 && stream.avail_in > 0 && stream.next_in[0] == 0x1f) {
                inflateReset(&stream);  // another gzip member
                continue;
            }
            break;
        }
        if (status != Z_OK) {
            std::string reason = stream.msg != nullptr ? stream.msg
                                 : status == Z_BUF_ERROR ? "data ends inside the stream"
                                                         : "corrupt data";
            inflateEnd(&stream);
            throw HttpError(reason);
        }
    }
    inflateEnd(&stream);
    return out;
}

std::string decode_content(std::string body, std::string_view encoding, std::size_t max_body_bytes) {
    std::string name = lower(trimmed(encoding));
    if (name.empty() || name == "identity") return body;
    try {
        if (name == "gzip" || name == "x-gzip") return inflate_all(body, 16 + MAX_WBITS, max_body_bytes);
        if (name == "deflate") {
            // RFC 9110's deflate is zlib-wrapped; some servers send it raw.
            try {
                return inflate_all(body, MAX_WBITS, max_body_bytes);
            } catch (const HttpError&) {
                return inflate_all(body, -MAX_WBITS, max_body_bytes);
            }
        }
    } catch (const HttpError& error) {
        throw HttpError(fmt::format("bad {} content: {}", name, error.what()));
    }
    throw HttpError(fmt::format("unsupported content encoding \"{}\"", name.substr(0, 40)));
}

}  // namespace

const std::string* HeaderFields::find(std::string_view name) const {
    for (const auto& [key, value] : fields) {
        if (equal_ignoring_case(key, name)) return &value;
    }
    return nullptr;
}

HeaderFields parse_header_fields(std::string_view block) {
    HeaderFields headers;
    std::size_t at = 0;
    while (at < block.size()) {
        std::size_t eol = block.find('\n', at);
        std::string_view line = block.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
        at = eol == std::string_view::npos ? block.size() : eol + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        if ((line.front() == ' ' || line.front() == '\t') && !headers.fields.empty()) {
            std::string& value = headers.fields.back().second;
            value += ' ';
            value += trimmed(line);
            continue;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || trimmed(line.substr(0, colon)).empty())
            throw HttpError(fmt::format("bad header line \"{}\"", std::string(line.substr(0, 40))));
        headers.fields.emplace_back(std::string(trimmed(line.substr(0, colon))),
                                    std::string(trimmed(line.substr(colon + 1))));
    }
    return headers;
}

namespace {

// The status and header fields of `message`, and where its body begins.
std::pair<HttpResponse, std::size_t> parse_head(std::string_view message) {
    HttpResponse response;
    auto [body_at, block_length] = header_end(message);
    if (body_at == std::string_view::npos) throw HttpError("no end of the HTTP header");
    std::string_view block = message.substr(0, block_length);
    std::size_t eol = block.find('\n');
    std::string_view status_line = trimmed(block.substr(0, eol));
    // "HTTP/1.1 200 OK": the version, a space, three digits.
    if (!status_line.starts_with("HTTP/") || status_line.size() < 12)
        throw HttpError(fmt::format("bad status line \"{}\"", std::string(status_line.substr(0, 40))));
    std::size_t space = status_line.find(' ');
    std::string_view code = space == std::string_view::npos ? std::string_view{} : status_line.substr(space + 1, 3);
    if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw HttpError(fmt::format("bad status line \"{}\"", std::string(status_line.substr(0, 40))));
    response.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    response.headers = parse_header_fields(eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 1));
    return {std::move(response), body_at};
}

}  // namespace

HttpResponse parse_http_head(std::string_view message) { return parse_head(message).first; }

HttpResponse parse_http_response(std::string_view message, std::size_t max_body_bytes) {
    auto [response, body_at] = parse_head(message);
    std::string_view body = message.substr(body_at);
    const std::string* transfer = response.headers.find("Transfer-Encoding");
    std::string decoded;
    if (transfer != nullptr && lower(*transfer).find("chunked") != std::string::npos) {
        decoded = dechunk(body, max_body_bytes);
    } else {
        if (body.size() > max_body_bytes) throw HttpError("body too large");
        decoded.assign(body);
    }
    const std::string* encoding = response.headers.find("Content-Encoding");
    response.body = encoding == nullptr ? std::move(decoded) : decode_content(std::move(decoded), *encoding, max_body_bytes);
    return response;
}

std::string media_type(std::string_view content_type) {
    return lower(trimmed(content_type.substr(0, content_type.find(';'))));
}

std::string charset_parameter(std::string_view content_type) {
    std::size_t semicolon = content_type.find(';');
    while (semicolon != std::string_view::npos) {
        std::string_view rest = content_type.substr(semicolon + 1);
        std::size_t next = rest.find(';');
        std::string_view parameter = trimmed(rest.substr(0, next));
        std::size_t equals = parameter.find('=');
        if (equals != std::string_view::npos && lower(trimmed(parameter.substr(0, equals))) == "charset") {
            std::string_view value = trimmed(parameter.substr(equals + 1));
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            return std::string(trimmed(value));
        }
        semicolon = next == std::string_view::npos ? next : semicolon + 1 + next;
    }
    return {};
}

bool is_html_media_type(std::string_view media) {
    return media == "text/html" || media == "application/xhtml+xml";
}

}  // namespace newsindex::indexer
