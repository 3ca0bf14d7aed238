// Sentences: the unit a person reads when we say where a phrase appeared or
// what an edit changed. timeline, changes and diff all split text here, so
// the sentence a timeline quotes is the sentence a diff marks.
#pragma once

#include "schema/version_record.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::query {

// Splits `text` into sentences, in order, each trimmed and with whitespace
// runs collapsed to one space. Rules, in this order:
//  - every line is its own paragraph: a sentence never spans a newline;
//  - inside a line a sentence ends after ".", "!", "?" or "…" (plus any
//    closing quotes or brackets) when a space follows and the next word
//    (after any opening quotes or brackets) starts with an upper-case letter
//    or a digit;
//  - a "." does not end a sentence after an abbreviation: a single letter
//    ("J."), a word with an inner dot ("U.S.", "z.B."), or a known title,
//    month or short form ("Mr.", "Feb.", "Inc.", "Nr.", "bzw."), nor after
//    a German day of the month ("am 3. Februar").
// Empty input gives no sentences.
std::vector<std::string> split_sentences(std::string_view text);

// Characters (code points) that open a quotation or bracket before a word,
// and that close one or end a clause after it; the sentence splitter and the
// word diff agree on them.
bool is_opening_mark(unsigned ch);
bool is_closing_mark(unsigned ch);

// Where in a version a sentence comes from.
enum class SentencePart { Title, Summary, Body };

struct Sentence {
    SentencePart part = SentencePart::Body;
    std::string text;
};

// The sentences of a version in reading order: the title (one sentence,
// whole, however many full stops it has), then the summary's sentences,
// then the body's.
std::vector<Sentence> version_sentences(const schema::VersionRecord& version);

// The same sentences one at a time, split only as far as needed: calls
// `visit` with each until it returns false. Returns false if stopped.
bool for_each_sentence(const schema::VersionRecord& version,
                       const std::function<bool(Sentence&&)>& visit);

// The same, but each line of the summary and body is first shown, as it
// stands in the version, to `wanted`: a line it turns down is neither split
// nor visited. Splitting costs far more than a look at the raw line, and a
// search for a few words can tell from the line alone that none of its
// sentences holds them.
bool for_each_sentence(const schema::VersionRecord& version,
                       const std::function<bool(std::string_view line)>& wanted,
                       const std::function<bool(Sentence&&)>& visit);

}  // namespace newsindex::query
