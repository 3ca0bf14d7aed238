// What changed between two versions of an article, as a reader wants to see
// it: sentences aligned (removed, added, edited), and inside an edited
// sentence the words that changed. diff prints this; history counts it.
//
// Rules (one each):
//  - sentences come from version_sentences (sentences.h): the title is
//    compared with the title, the summary and body sentences as one
//    sequence;
//  - sentence and word sequences are aligned with dtl (shortest edit script);
//  - a sentence's tokens are its words, with leading quotes/brackets and
//    trailing punctuation split off as tokens of their own ("mat." is "mat"
//    then "."), each carrying the space before it; compared exactly;
//  - inside each run of removed and added sentences between unchanged ones,
//    each removed sentence in order is paired with the not yet paired added
//    sentence after the last pair that shares most words with it, if their
//    similarity 2·common/(words_old + words_new) is at least 0.5 (common =
//    longest common word subsequence); a pair is one edited sentence.
#pragma once

#include "schema/version_record.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex::query {

enum class WordOp { Same, Removed, Added };

// Consecutive tokens with one fate, with the spaces between and before
// them: the Same and Removed runs concatenated give the old sentence, the
// Same and Added runs the new one. Inside a change the removed tokens come
// before the added ones.
struct WordRun {
    WordOp op = WordOp::Same;
    std::string text;
};

enum class SentenceOp { Same, Removed, Added, Edited };

struct SentenceChange {
    SentenceOp op = SentenceOp::Same;
    std::string old_text;        // Same, Removed, Edited
    std::string new_text;        // Same, Added, Edited
    std::vector<WordRun> words;  // Edited only
};

struct VersionDiff {
    SentenceChange title;              // Same or Edited (Added/Removed if one is empty)
    std::vector<SentenceChange> body;  // summary + body sentences, Same included
};

// The tokens of a whitespace-normalised sentence, each with the space that
// precedes it (" cat"), so that concatenating them gives the sentence back.
std::vector<std::string> sentence_tokens(std::string_view sentence);

// 2·common/(|old| + |new|) over tokens; 1 for two empty sentences.
double word_similarity(const std::vector<std::string>& old_tokens,
                       const std::vector<std::string>& new_tokens);

// The word runs of one sentence edited into another.
std::vector<WordRun> diff_words(std::string_view old_sentence, std::string_view new_sentence);

// Aligns two sentence sequences (see the rules above).
std::vector<SentenceChange> diff_sentences(const std::vector<std::string>& old_sentences,
                                           const std::vector<std::string>& new_sentences);

// Two titles compared whole, whitespace normalised: Same, Edited (with its
// word runs), or Added/Removed when one is empty. diff_versions' title.
SentenceChange diff_titles(std::string_view old_title, std::string_view new_title);

VersionDiff diff_versions(const schema::VersionRecord& old_version,
                          const schema::VersionRecord& new_version);

// A version as diff_versions compares it: its title, whitespace normalised,
// and its summary and body sentences. Split once where one version is
// compared twice (history compares each with the one before and after it).
struct VersionText {
    std::string title;
    std::vector<std::string> body;
};
VersionText version_text(const schema::VersionRecord& version);
VersionDiff diff_versions(const VersionText& old_version, const VersionText& new_version);

// Characters (Unicode code points, not bytes) of the tokens a diff removes
// and adds; spaces between words are not counted.
struct ChangeSize {
    std::size_t added = 0;
    std::size_t removed = 0;
};
ChangeSize change_size(const VersionDiff& diff);

// Code points in `text`.
std::size_t character_count(std::string_view text);

// Characters of title + summary + text, as stored.
std::size_t version_length(const schema::VersionRecord& version);

}  // namespace newsindex::query
