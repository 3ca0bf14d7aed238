// html_paragraphs: an HTML fragment's text as paragraphs joined by "\n\n",
// the way a JSON Lines `text` field holds a body.
#include "indexer/html_paragraphs.h"

#include <gtest/gtest.h>

#include <string>

namespace newsindex::indexer {
namespace {

TEST(HtmlParagraphs, OneParagraphPerPJoinedByABlankLine) {
    EXPECT_EQ(html_paragraphs("<p>First paragraph.</p><p>Second one.</p>\n<p>Third.</p>"),
              "First paragraph.\n\nSecond one.\n\nThird.");
}

TEST(HtmlParagraphs, EntitiesAreDecoded) {
    EXPECT_EQ(html_paragraphs("<p>Tom &amp; Jerry &lt;3 &quot;cheese&quot; &#8212; &#x2019;s&nbsp;end</p>"),
              "Tom & Jerry <3 \"cheese\" \u2014 \u2019s\u00a0end");
}

TEST(HtmlParagraphs, AnUnknownEntityStaysAsWritten) {
    EXPECT_EQ(html_paragraphs("<p>R&bogus; D</p>"), "R&bogus; D");
}

TEST(HtmlParagraphs, InlineTagsNestedInAParagraphLeaveOnlyTheirText) {
    EXPECT_EQ(html_paragraphs("<p>The <b>big <i>red</i></b> <a href=\"/x\">dog</a>, <span>it <em>said</em></span>.</p>"),
              "The big red dog, it said.");
}

TEST(HtmlParagraphs, WhitespaceRunsCollapseAndParagraphsAreTrimmed) {
    EXPECT_EQ(html_paragraphs("<p>  lots \n\t of \r\n  space  </p>\n\n<p> \n </p><p>x</p>"), "lots of space\n\nx");
}

TEST(HtmlParagraphs, BrAndOtherBlockElementsEndAParagraph) {
    EXPECT_EQ(html_paragraphs("<p>Line one<br>Line two</p><div>A div</div><ul><li>item 1</li><li>item 2</li></ul>"
                              "<h2>Heading</h2>tail"),
              "Line one\n\nLine two\n\nA div\n\nitem 1\n\nitem 2\n\nHeading\n\ntail");
}

TEST(HtmlParagraphs, ScriptsStylesAndCommentsAreDropped) {
    EXPECT_EQ(html_paragraphs("<p>Before</p><script>var x = '<p>no</p>';</script><style>p { color: red }</style>"
                              "<!-- hidden --><noscript>enable js</noscript><p>After</p>"),
              "Before\n\nAfter");
}

TEST(HtmlParagraphs, TextWithoutTagsIsOneParagraph) {
    EXPECT_EQ(html_paragraphs("Just some text, no markup."), "Just some text, no markup.");
}

TEST(HtmlParagraphs, NothingVisibleGivesEmptyText) {
    EXPECT_EQ(html_paragraphs(""), "");
    EXPECT_EQ(html_paragraphs("<p></p><p>   </p>"), "");
    EXPECT_EQ(html_paragraphs("<script>alert(1)</script>"), "");
}

TEST(HtmlParagraphs, NonAsciiTextPassesThrough) {
    EXPECT_EQ(html_paragraphs("<p>Über die Straße</p><p>日本語の記事</p>"), "Über die Straße\n\n日本語の記事");
}

TEST(HtmlParagraphs, MalformedMarkupIsRecoveredNotRejected) {
    EXPECT_EQ(html_paragraphs("<p>unclosed <b>bold<p>next</div></span> end"), "unclosed bold\n\nnext end");
    EXPECT_EQ(html_paragraphs("<p class=x id='y'>text<p>after"), "text\n\nafter");
    // An attribute left open swallows the markup after it, as in a browser,
    // and no tag leaks into the text.
    EXPECT_EQ(html_paragraphs("<p a=\"unterminated>text</p><p>after</p>").find('<'), std::string::npos);
    EXPECT_EQ(html_paragraphs("</p></p>stray closes<p"), "stray closes");
}

TEST(HtmlParagraphs, DeepNestingNeitherCrashesNorLosesTheFirstText) {
    std::string html = "<p>top</p>";
    for (int i = 0; i < 100000; ++i) html += "<div><span>";
    html += "deep";
    std::string text = html_paragraphs(html);
    EXPECT_TRUE(text.starts_with("top")) << text.substr(0, 80);
}

TEST(HtmlParagraphs, AWholeDocumentGivesItsBodyNotItsHead) {
    EXPECT_EQ(html_paragraphs("<!DOCTYPE html><html><head><title>Site name</title><meta charset=\"utf-8\"></head>"
                              "<body><p>Body text.</p></body></html>"),
              "Body text.");
}

}  // namespace
}  // namespace newsindex::indexer
