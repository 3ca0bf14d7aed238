// The HTTP responses of WARC response records: status, fields, chunked
// transfer and gzip/deflate content encodings undone.
#include "indexer/http_response.h"
#include "tests/indexer/warc_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace newsindex::indexer {
namespace {

using namespace warc_test;

constexpr std::size_t kLimit = 1u << 20;

TEST(HttpResponse, StatusFieldsAndBodyOfAPlainResponse) {
    HttpResponse r = parse_http_response(
        http_response(200, {"Content-Type: text/html; charset=ISO-8859-1", "X-Folded: one", " two"}, "<p>hi</p>"), kLimit);
    EXPECT_EQ(r.status, 200);
    ASSERT_NE(r.headers.find("content-type"), nullptr);
    EXPECT_EQ(*r.headers.find("CONTENT-TYPE"), "text/html; charset=ISO-8859-1");
    EXPECT_EQ(*r.headers.find("X-Folded"), "one two");
    EXPECT_EQ(r.headers.find("Set-Cookie"), nullptr);
    EXPECT_EQ(r.body, "<p>hi</p>");
}

TEST(HttpResponse, ChunkedBodyIsJoined) {
    std::string body(345, 'x');
    body[0] = 'a';
    body[344] = 'z';
    HttpResponse r = parse_http_response(http_response(200, {"Content-Type: text/html"}, body, true), kLimit);
    EXPECT_EQ(r.body, body);
}

TEST(HttpResponse, GzipAndDeflateContentIsInflated) {
    std::string page = "<html><body><p>Inflated text</p></body></html>";
    HttpResponse gz = parse_http_response(http_response(200, {"Content-Encoding: gzip"}, gzip_member(page)), kLimit);
    EXPECT_EQ(gz.body, page);
    HttpResponse deflated =
        parse_http_response(http_response(200, {"Content-Encoding: deflate"}, zlib_deflate(page)), kLimit);
    EXPECT_EQ(deflated.body, page);
    // Both at once: chunks of gzip data.
    HttpResponse both =
        parse_http_response(http_response(200, {"Content-Encoding: gzip"}, gzip_member(page), true), kLimit);
    EXPECT_EQ(both.body, page);
}

TEST(HttpResponse, BadInputThrowsWithAReason) {
    EXPECT_THROW(parse_http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", kLimit), HttpError);
    EXPECT_THROW(parse_http_response("GET / HTTP/1.1\r\n\r\n", kLimit), HttpError);
    EXPECT_THROW(parse_http_response("HTTP/1.1 2x0 OK\r\n\r\n", kLimit), HttpError);
    EXPECT_THROW(parse_http_response("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", kLimit), HttpError);
    EXPECT_THROW(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n", kLimit),
                 HttpError);
    EXPECT_THROW(parse_http_response(http_response(200, {"Content-Encoding: gzip"}, "not gzip at all"), kLimit),
                 HttpError);
    EXPECT_THROW(parse_http_response(http_response(200, {"Content-Encoding: br"}, "x"), kLimit), HttpError);
    try {
        parse_http_response(http_response(200, {"Content-Encoding: br"}, "x"), kLimit);
    } catch (const HttpError& error) {
        EXPECT_STREQ(error.what(), "unsupported content encoding \"br\"");
    }
}

TEST(HttpResponse, ABodyLargerThanTheLimitOnceInflatedIsRefused) {
    std::string zeros(200000, '0');
    EXPECT_THROW(parse_http_response(http_response(200, {"Content-Encoding: gzip"}, gzip_member(zeros)), 100000),
                 HttpError);
    EXPECT_EQ(parse_http_response(http_response(200, {"Content-Encoding: gzip"}, gzip_member(zeros)), 200000).body,
              zeros);
}

TEST(HttpResponse, MediaTypeAndCharsetOfAContentType) {
    EXPECT_EQ(media_type(" Text/HTML ; charset=\"UTF-8\""), "text/html");
    EXPECT_EQ(charset_parameter(" Text/HTML ; charset=\"UTF-8\""), "UTF-8");
    EXPECT_EQ(charset_parameter("text/html; q=1; Charset=windows-1252"), "windows-1252");
    EXPECT_EQ(charset_parameter("text/html"), "");
    EXPECT_TRUE(is_html_media_type("application/xhtml+xml"));
    EXPECT_FALSE(is_html_media_type("image/jpeg"));
}

}  // namespace
}  // namespace newsindex::indexer
