// The text of an HTML fragment (a diffengine summary, a NewsEdits sentence
// run) as a JSON Lines `text` holds it: one paragraph per <p> or other
// block element, character references decoded, whitespace collapsed, and
// paragraphs joined by a blank line ("\n\n", corpus/README.md). Parsed by
// libxml2's HTML parser, which recovers from any malformed markup.
#pragma once

#include <string>
#include <string_view>

namespace newsindex::indexer {

// The paragraphs of `html`, which must be UTF-8 (indexer/input_file.h,
// is_utf8_text). Text outside any block element is a paragraph of its own;
// <br> and <hr> end a paragraph; script, style, noscript, template and the
// document head are dropped; runs of ASCII whitespace become one space and
// paragraphs are trimmed, so empty ones vanish. Nothing is fetched (no
// network, no external entities). Safe to call from several threads at
// once; throws only what allocation throws.
std::string html_paragraphs(std::string_view html);

}  // namespace newsindex::indexer
