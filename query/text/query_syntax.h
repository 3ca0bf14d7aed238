// What Xapian's QueryParser would take silently but a person did not mean:
// a query with a stray bracket, an unclosed quote or an unknown `field:` is
// parsed leniently (the bracket dropped, the quote run to the end, "titel:"
// searched as the word "titel"), and answers a question nobody asked. These
// checks read the query text as the parser will, before it parses, and
// refuse such a query with one line naming the problem and where it is.
#pragma once

#include "schema/version_record.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace newsindex::query {

// The fields of the query language, as the matcher configures them
// (matcher.cpp): `free` ones take words, phrases and brackets; the others
// (boolean filters) take one value up to the next space.
struct QueryField {
    std::string_view name;
    bool free;
};
inline constexpr std::array<QueryField, 7> kQueryFields = {{
    {"title", true},
    {"author", true},
    {"source", false},
    {"site", false},
    {"url", false},
    {"lang", false},
    {"date", false},
}};

// Whether `text` holds nothing to search for: only spaces, tabs, newlines
// and the like (ASCII white space). The one definition of a blank query for
// every command that takes a query.
bool is_blank_query(std::string_view text);

// Throws QueryError(kExitBadQuery) when the command's query is blank.
void refuse_blank_query(std::string_view text);

// Throws QueryError(kExitBadQuery), one line naming the problem and its
// character (counted from 1), when `text` has a ')' without its '(' or a
// '(' without its ')' (outside quotes), an unclosed double quote (", “ or
// ”, all alike, as Xapian takes them), or an unknown field: a name of
// letters, digits and '_' not starting with a digit, then ':' and no space,
// at the start of a word, that is not one of kQueryFields. ("Note: x" and
// "10:30" are words, as for Xapian.)
void check_query_syntax(const std::string& text);

// `text` with its words in lower case, for a language whose capitals mark
// nouns rather than names (schema::capitalises_nouns): QueryParser's
// STEM_SOME then stems "Kanzlers" as it stems "kanzlers". Left as typed:
// the operators (AND, OR, NOT, XOR, NEAR, ADJ, NEAR/n, ADJ/n) and the
// values of filter fields (source:, site:, url:, lang:, date:), read as
// check_query_syntax() reads them. For a text check_query_syntax() took.
std::string lower_case_words(std::string_view text);

// Throws QueryError(kExitBadQuery) when the window --since..--until ends
// before it starts.
void check_time_window(std::optional<schema::CaptureTime> since,
                       std::optional<schema::CaptureTime> until);

}  // namespace newsindex::query
