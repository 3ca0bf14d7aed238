// Article identity from URLs (schema/url.h).
#include "schema/url.h"

#include <gtest/gtest.h>

#include <string>

using newsindex::schema::normalise_url;
using newsindex::schema::url_host;

TEST(NormaliseUrl, HttpAndHttpsAreTheSameArticle) {
    EXPECT_EQ(normalise_url("http://example.com/news/a-story"), "https://example.com/news/a-story");
    EXPECT_EQ(normalise_url("https://example.com/news/a-story"), "https://example.com/news/a-story");
    EXPECT_EQ(normalise_url("HTTP://example.com/news/a-story"), "https://example.com/news/a-story");
}

TEST(NormaliseUrl, HostIsLowerCasedButPathIsNot) {
    EXPECT_EQ(normalise_url("https://News.Example.COM/World/Story-ABC"),
              "https://news.example.com/World/Story-ABC");
}

TEST(NormaliseUrl, WwwIsKeptSoDifferentHostsStayDifferent) {
    EXPECT_EQ(normalise_url("https://WWW.example.com/a"), "https://www.example.com/a");
    EXPECT_NE(normalise_url("https://www.example.com/a"), normalise_url("https://example.com/a"));
}

TEST(NormaliseUrl, FragmentIsRemoved) {
    EXPECT_EQ(normalise_url("https://example.com/a#comments"), "https://example.com/a");
    EXPECT_EQ(normalise_url("https://example.com/a?id=3#top"), "https://example.com/a?id=3");
    EXPECT_EQ(normalise_url("https://example.com#x"), "https://example.com");
}

TEST(NormaliseUrl, EveryUtmParameterIsRemoved) {
    EXPECT_EQ(normalise_url("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x"
                            "&utm_term=t&utm_content=c&utm_anything=1&UTM_Source=y"),
              "https://example.com/a");
}

TEST(NormaliseUrl, ClickIdentifiersAreRemoved) {
    for (const char* name : {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid"}) {
        EXPECT_EQ(normalise_url(std::string("https://example.com/a?") + name + "=AbC123&id=7"),
                  "https://example.com/a?id=7")
            << name;
    }
}

TEST(NormaliseUrl, NewsletterAndCampaignParametersAreRemoved) {
    for (const char* name : {"mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "smid", "smtyp",
                             "at_medium", "at_campaign", "ref_src"}) {
        EXPECT_EQ(normalise_url(std::string("https://example.com/a?page=2&") + name + "=v"),
                  "https://example.com/a?page=2")
            << name;
    }
}

TEST(NormaliseUrl, ParametersThatOnlyLookLikeTrackingAreKept) {
    EXPECT_EQ(normalise_url("https://example.com/a?utm=1&xfbclid=2&ref=3&source=4"),
              "https://example.com/a?utm=1&xfbclid=2&ref=3&source=4");
}

TEST(NormaliseUrl, RemainingParametersKeepTheirOrder) {
    EXPECT_EQ(normalise_url("https://example.com/a?z=1&utm_source=x&a=2&fbclid=y&m=3"),
              "https://example.com/a?z=1&a=2&m=3");
    EXPECT_NE(normalise_url("https://example.com/a?a=1&b=2"), normalise_url("https://example.com/a?b=2&a=1"));
}

TEST(NormaliseUrl, EmptyQueryIsDropped) {
    EXPECT_EQ(normalise_url("https://example.com/a?"), "https://example.com/a");
    EXPECT_EQ(normalise_url("https://example.com/a?utm_source=rss"), "https://example.com/a");
    EXPECT_EQ(normalise_url("https://example.com/a?&&id=1&"), "https://example.com/a?id=1");
}

TEST(NormaliseUrl, TrailingSlashOfThePathIsRemoved) {
    EXPECT_EQ(normalise_url("https://example.com/news/story/"), "https://example.com/news/story");
    EXPECT_EQ(normalise_url("https://example.com/news/story/?id=1"), "https://example.com/news/story?id=1");
    EXPECT_EQ(normalise_url("https://example.com/"), "https://example.com");
    EXPECT_EQ(normalise_url("https://example.com"), "https://example.com");
}

TEST(NormaliseUrl, DefaultPortsAreDroppedOtherPortsKept) {
    EXPECT_EQ(normalise_url("http://example.com:80/a"), "https://example.com/a");
    EXPECT_EQ(normalise_url("https://example.com:443/a"), "https://example.com/a");
    EXPECT_EQ(normalise_url("https://Example.com:8080/a"), "https://example.com:8080/a");
}

TEST(NormaliseUrl, PercentEncodingIsLeftAsWritten) {
    EXPECT_EQ(normalise_url("https://example.com/caf%C3%A9?q=a%20b"), "https://example.com/caf%C3%A9?q=a%20b");
    EXPECT_NE(normalise_url("https://example.com/caf%C3%A9"), normalise_url("https://example.com/caf%c3%a9"));
}

TEST(NormaliseUrl, SurroundingWhitespaceIsTrimmed) {
    EXPECT_EQ(normalise_url("  \thttp://example.com/a/ \n"), "https://example.com/a");
}

TEST(NormaliseUrl, NonHttpOrRelativeInputIsOnlyTrimmed) {
    EXPECT_EQ(normalise_url(" ftp://Example.com/file/ "), "ftp://Example.com/file/");
    EXPECT_EQ(normalise_url("mailto:Desk@Example.com"), "mailto:Desk@Example.com");
    EXPECT_EQ(normalise_url("bbc:guid-123/"), "bbc:guid-123/");
    EXPECT_EQ(normalise_url("/news/story/?utm_source=x"), "/news/story/?utm_source=x");
    EXPECT_EQ(normalise_url("https:///no-host"), "https:///no-host");
    EXPECT_EQ(normalise_url("   "), "");
}

TEST(NormaliseUrl, TenKilobyteUrlIsNormalisedWhole) {
    std::string path(10000, 'p');
    EXPECT_EQ(normalise_url("http://Example.com/" + path + "/?utm_source=x&k=v#f"),
              "https://example.com/" + path + "?k=v");
}

TEST(UrlHost, IsLowerCasedWithoutWwwOrPort) {
    EXPECT_EQ(url_host("https://WWW.BBC.co.uk:8080/news"), "bbc.co.uk");
    EXPECT_EQ(url_host("http://user@Reuters.com/a"), "reuters.com");
    EXPECT_EQ(url_host("https://example.com"), "example.com");
}

TEST(UrlHost, IsEmptyWithoutAHost) {
    EXPECT_EQ(url_host("bbc:guid-123"), "");
    EXPECT_EQ(url_host("/news/story"), "");
    EXPECT_EQ(url_host(""), "");
}
