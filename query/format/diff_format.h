// Printing a diff between two revisions.
//
// Table (for people):
//   a heading (title, source, URL), "revision A (time) → revision B (time)",
//   then the title's change and one line per changed sentence:
//     - removed sentence
//     + added sentence
//     ~ edited sentence with [-old words-]{+new words+}
//   with "· N unchanged sentences" between changes. On a TTY removed text is
//   also red and added text green; the brackets stay (they survive copying).
// JSON (one object): article_id, article_key, source, url,
//   from and to: {revision, captured_at},
//   title: {op: "same", text} or {op: "edited", old, new, words} (or
//     "added"/"removed" with new/old when one title is empty),
//   changes: the changed sentences in order — {op: "removed", old},
//     {op: "added", new}, {op: "edited", old, new, words}; unchanged
//     sentences are left out (`unchanged` gives their count);
//   words: [{op: "same"|"removed"|"added", text}], where each text carries
//     the space before it: the same+removed texts concatenated are the old
//     sentence, the same+added texts the new one.
#pragma once

#include "query/engine/article_diff.h"
#include "query/format/output.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace newsindex::query {

std::string diff_table(const ArticleDiff& diff, const Style& style);
std::string diff_json(const ArticleDiff& diff);

// One changed sentence as the table shows it ("- …", "+ …", "~ … [-old-]{+new+}"),
// ended by "\n"; and as the JSON's change object.
std::string change_line(const SentenceChange& change, const Style& style);
nlohmann::json change_json(const SentenceChange& change);

void write_diff(std::FILE* out, const ArticleDiff& diff, OutputFormat format, const Style& style);

}  // namespace newsindex::query
