// Articles out of HTML pages: the fields from the page's metadata, the
// body text without the site's furniture.
#include "indexer/article_html.h"
#include "tests/indexer/warc_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace newsindex::indexer {
namespace {

using namespace warc_test;

PageParts budget_page() {
    PageParts p;
    p.title = "Council passes budget after late-night vote";
    p.paragraphs = {"The council approved the budget at 1 a.m. after six hours of debate.",
                    "Opponents said the plan cuts <em>library</em> hours &amp; bus routes.",
                    "The mayor called it \"a fair compromise\"."};
    return p;
}

TEST(ArticleHtml, BodyIsTheArticleParagraphsWithoutFurniture) {
    Article a = extract_article(news_page(budget_page()), "utf-8", "https://www.examplenews.com/politics/budget");
    EXPECT_EQ(a.text,
              "The council approved the budget at 1 a.m. after six hours of debate.\n\n"
              "Opponents said the plan cuts library hours & bus routes.\n\n"
              "The mayor called it \"a fair compromise\".");
    EXPECT_EQ(a.language, "en");
}

TEST(ArticleHtml, WithoutAnArticleElementTheDensestBlockIsTheBody) {
    PageParts p = budget_page();
    p.use_article = false;
    Article a = extract_article(news_page(p), "", "https://www.examplenews.com/politics/budget");
    EXPECT_EQ(a.text,
              "The council approved the budget at 1 a.m. after six hours of debate.\n\n"
              "Opponents said the plan cuts library hours & bus routes.\n\n"
              "The mayor called it \"a fair compromise\".");
}

TEST(ArticleHtml, TitleLosesTheSiteSuffix) {
    PageParts p = budget_page();
    EXPECT_EQ(extract_article(news_page(p), "", "https://examplenews.com/x").title,
              "Council passes budget after late-night vote");
    // " - Site" only goes when it names the site (here: its host).
    std::string dash = "<html><head><title>Floods - what we know - The Daily Paper</title></head>"
                       "<body><p>Rain.</p></body></html>";
    EXPECT_EQ(extract_article(dash, "", "https://www.thedailypaper.co.uk/news/floods").title, "Floods - what we know");
    EXPECT_EQ(extract_article(dash, "", "https://other.org/floods").title, "Floods - what we know - The Daily Paper");
    std::string em = "<html><head><title>Floods \xE2\x80\x94 Gazette</title><meta property=\"og:site_name\" "
                     "content=\"Gazette\"></head><body><p>Rain.</p></body></html>";
    EXPECT_EQ(extract_article(em, "", "https://other.org/floods").title, "Floods");
}

TEST(ArticleHtml, OpenGraphFieldsWinOverTitleAndDescription) {
    PageParts p = budget_page();
    p.og_title = "Budget passes";
    p.description = "Plain description";
    p.og_description = "OG description";
    Article a = extract_article(news_page(p), "", "");
    EXPECT_EQ(a.title, "Budget passes");
    EXPECT_EQ(a.summary, "OG description");
    p.og_description.clear();
    EXPECT_EQ(extract_article(news_page(p), "", "").summary, "Plain description");
}

TEST(ArticleHtml, AuthorAndPublishedFromMetaElseJsonLd) {
    PageParts p = budget_page();
    p.json_ld = R"({"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},)"
                R"({"@type":"NewsArticle","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Bo Li"}],)"
                R"("datePublished":"2024-05-01T06:30:00+02:00","articleSection":"Politics"}]})";
    Article a = extract_article(news_page(p), "", "");
    EXPECT_EQ(a.author, "Ana Ruiz, Bo Li");
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(*a.published, 1714537800);  // 2024-05-01T04:30:00Z
    EXPECT_EQ(a.section, "Politics");
    p.author_meta = "Meta Author";
    p.published_meta = "2024-05-01T05:00:00Z";
    a = extract_article(news_page(p), "", "");
    EXPECT_EQ(a.author, "Meta Author");
    EXPECT_EQ(*a.published, 1714539600);
}

TEST(ArticleHtml, CharsetOfTheHeaderOrThePageIsConvertedToUtf8) {
    // 0xE9 is é in ISO-8859-1 and windows-1252; 0x92 is ’ in windows-1252,
    // which HTML reads ISO-8859-1 as.
    std::string latin = "<html><body><article><p>Caf\xE9 owner\x92s view</p></article></body></html>";
    EXPECT_EQ(extract_article(latin, "ISO-8859-1", "").text, "Caf\xC3\xA9 owner\xE2\x80\x99s view");
    std::string meta = "<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf\xE9 owner\x92s view"
                       "</p></article></body></html>";
    EXPECT_EQ(extract_article(meta, "", "").text, "Caf\xC3\xA9 owner\xE2\x80\x99s view");
    std::string equiv = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">"
                        "</head><body><article><p>Prix \xA4</p></article></body></html>";
    EXPECT_EQ(extract_article(equiv, "", "").text, "Prix \xE2\x82\xAC");
}

TEST(ArticleHtml, AnUnknownCharsetIsAnErrorNamingIt) {
    std::string page = "<html><body><article><p>Text</p></article></body></html>";
    try {
        extract_article(page, "x-no-such-charset", "");
        FAIL() << "no error";
    } catch (const PageError& error) {
        EXPECT_STREQ(error.what(), "unknown charset \"x-no-such-charset\"");
    }
    std::string meta = "<html><head><meta charset=\"x-klingon\"></head><body><article><p>Text</p></article></body></html>";
    EXPECT_THROW(extract_article(meta, "", ""), PageError);
}

TEST(ArticleHtml, APageWithoutParagraphsHasNoText) {
    std::string front = "<html><head><title>Home | Site</title></head><body><nav><ul><li><a href=\"/a\">A</a></li>"
                        "</ul></nav><div class=\"grid\"><a href=\"/b\">Teaser</a></div></body></html>";
    Article a = extract_article(front, "", "");
    EXPECT_EQ(a.text, "");
    EXPECT_EQ(a.title, "Home");
}

TEST(ArticleHtml, NothingIsFetched) {
    // An external entity or DTD would be fetched only with network access.
    std::string page = "<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/x.dtd\"><html><body><article><p>Local</p>"
                       "</article></body></html>";
    EXPECT_EQ(extract_article(page, "", "").text, "Local");
}

}  // namespace
}  // namespace newsindex::indexer
