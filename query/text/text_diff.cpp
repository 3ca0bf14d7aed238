#include "query/text/text_diff.h"

#include "query/text/sentences.h"

#include <dtl/dtl.hpp>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace newsindex::query {

namespace {

using Tokens = std::vector<std::string>;

// dtl's edit script of two sequences, as the fate of each element in order.
// The elements are numbered first (equal elements, equal numbers) and dtl
// compares the numbers: the same comparisons, so the same script as for the
// strings, without copying and comparing whole strings.
std::vector<dtl::edit_t> edit_script(const Tokens& a, const Tokens& b) {
    std::unordered_map<std::string_view, std::uint32_t> numbers;
    auto numbered = [&](const Tokens& strings) {
        std::vector<std::uint32_t> out;
        out.reserve(strings.size());
        for (const std::string& s : strings) {
            out.push_back(numbers.try_emplace(s, static_cast<std::uint32_t>(numbers.size()))
                              .first->second);
        }
        return out;
    };
    dtl::Diff<std::uint32_t, std::vector<std::uint32_t>> diff(numbered(a), numbered(b));
    diff.compose();
    std::vector<dtl::edit_t> script;
    for (const auto& [number, info] : diff.getSes().getSequence()) script.push_back(info.type);
    return script;
}

// Walks the edit script of `a` into `b`: `change` gets each stretch of
// removed and added elements (either may be empty) before each common
// element and at the end, `same` each common element.
template <typename Change, typename Same>
void walk_edits(const Tokens& a, const Tokens& b, Change change, Same same) {
    Tokens removed, added;
    std::size_t i = 0, j = 0;  // the next element of a and of b
    for (dtl::edit_t op : edit_script(a, b)) {
        if (op == dtl::SES_DELETE) {
            removed.push_back(a[i++]);
        } else if (op == dtl::SES_ADD) {
            added.push_back(b[j++]);
        } else {
            change(removed, added);
            removed.clear();
            added.clear();
            same(a[i]);
            ++i, ++j;
        }
    }
    change(removed, added);
}

// Beyond this many (removed × added) sentence comparisons in one run — a
// wholesale rewrite — sentences are reported removed and added, not paired.
constexpr std::size_t kMaxPairings = 250'000;
constexpr double kEditedSimilarity = 0.5;

void append_word(std::vector<WordRun>& runs, WordOp op, const std::string& token) {
    if (!runs.empty() && runs.back().op == op) {
        runs.back().text += token;
    } else {
        runs.push_back({op, token});
    }
}

SentenceChange edited(const std::string& old_text, const std::string& new_text) {
    return {SentenceOp::Edited, old_text, new_text, diff_words(old_text, new_text)};
}

// Two whitespace-normalised titles: Same, Added or Removed when one is
// empty, else Edited.
SentenceChange same_or_edited(const std::string& old_title, const std::string& new_title) {
    if (old_title == new_title) return {SentenceOp::Same, old_title, new_title, {}};
    if (old_title.empty()) return {SentenceOp::Added, {}, new_title, {}};
    if (new_title.empty()) return {SentenceOp::Removed, old_title, {}, {}};
    return edited(old_title, new_title);
}

// 2·common/total, the similarity of two sentences of `total` tokens with
// `common` tokens in common (or at most that many, for a bound: the same
// arithmetic keeps a bound at or above the similarity it bounds).
double similarity(std::size_t common, std::size_t total) {
    return 2 * static_cast<double>(common) / static_cast<double>(total);
}

// A run's sentences as token numbers (equal tokens, equal numbers), each
// tokenised once: a run of n removed and m added sentences compares n·m pairs.
class RunSentences {
  public:
    struct Words {
        std::vector<std::uint32_t> tokens;  // in order
        std::vector<std::uint32_t> sorted;  // the same, sorted
    };

    Words words(const std::string& sentence) {
        Words w;
        for (std::string& token : sentence_tokens(sentence)) {
            auto [it, added] =
                numbers_.try_emplace(std::move(token), static_cast<std::uint32_t>(numbers_.size()));
            w.tokens.push_back(it->second);
        }
        w.sorted = w.tokens;
        std::sort(w.sorted.begin(), w.sorted.end());
        return w;
    }

  private:
    std::unordered_map<std::string, std::uint32_t> numbers_;
};

// Tokens the two sentences have in common, counted with repeats: at least
// their longest common subsequence.
std::size_t shared_tokens(const std::vector<std::uint32_t>& a,
                          const std::vector<std::uint32_t>& b) {
    std::size_t shared = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++shared, ++i, ++j;
        }
    }
    return shared;
}

// Length of the longest common subsequence, from dtl's edit distance (each
// removed and each added token counted once).
std::size_t common_subsequence(const std::vector<std::uint32_t>& a,
                               const std::vector<std::uint32_t>& b) {
    dtl::Diff<std::uint32_t, std::vector<std::uint32_t>> diff(a, b);
    diff.onOnlyEditDistance();
    diff.compose();
    return (a.size() + b.size() - static_cast<std::size_t>(diff.getEditDistance())) / 2;
}

// Pairs one run of removed and added sentences (see the header's rule). A
// candidate's similarity is computed only when two upper bounds on it —
// from the sentences' lengths, then from the tokens they share in any order —
// reach both the threshold and the best so far: a pair it skips could not
// have been chosen, so the pairs are the rule's own.
void add_change_run(const Tokens& removed, const Tokens& added, std::vector<SentenceChange>& out) {
    bool pair = removed.size() * added.size() <= kMaxPairings;
    RunSentences run;
    std::vector<RunSentences::Words> added_words;
    if (pair && !removed.empty()) {
        for (const std::string& s : added) added_words.push_back(run.words(s));
    }
    std::size_t next = 0;
    for (const std::string& old_text : removed) {
        std::size_t best = added.size();
        double best_similarity = 0;
        if (pair) {
            RunSentences::Words old_words = run.words(old_text);
            auto beaten = [&](double bound) {
                return bound < kEditedSimilarity || bound <= best_similarity;
            };
            for (std::size_t k = next; k < added.size(); ++k) {
                const RunSentences::Words& new_words = added_words[k];
                std::size_t n = old_words.tokens.size(), m = new_words.tokens.size();
                double s = 1.0;  // two empty sentences
                if (n + m > 0) {
                    if (beaten(similarity(std::min(n, m), n + m)) ||
                        beaten(similarity(shared_tokens(old_words.sorted, new_words.sorted),
                                          n + m))) {
                        continue;
                    }
                    s = similarity(common_subsequence(old_words.tokens, new_words.tokens), n + m);
                }
                if (!beaten(s)) {
                    best = k;
                    best_similarity = s;
                }
            }
        }
        if (best == added.size()) {
            out.push_back({SentenceOp::Removed, old_text, {}, {}});
            continue;
        }
        for (; next < best; ++next) out.push_back({SentenceOp::Added, {}, added[next], {}});
        out.push_back(edited(old_text, added[best]));
        next = best + 1;
    }
    for (; next < added.size(); ++next) out.push_back({SentenceOp::Added, {}, added[next], {}});
}

Tokens body_sentences(const schema::VersionRecord& version) {
    Tokens out;
    for (Sentence& s : version_sentences(version)) {
        if (s.part != SentencePart::Title) out.push_back(std::move(s.text));
    }
    return out;
}

constexpr const char* kSpaces = " \t\r\n\f\v";

// Characters of `text` that are not spaces.
std::size_t word_characters(std::string_view text) {
    std::size_t n = 0;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (!Xapian::Unicode::is_whitespace(*it)) ++n;
    }
    return n;
}

}  // namespace

std::vector<std::string> sentence_tokens(std::string_view sentence) {
    Tokens tokens;
    std::string pending_space;
    auto emit = [&](std::string_view text) {
        if (text.empty()) return;
        tokens.push_back(pending_space + std::string(text));
        pending_space.clear();
    };
    std::size_t pos = 0;
    while (pos < sentence.size()) {
        std::size_t begin = sentence.find_first_not_of(kSpaces, pos);
        if (begin == std::string_view::npos) break;
        if (begin > pos || !tokens.empty()) pending_space = " ";
        std::size_t end = sentence.find_first_of(kSpaces, begin);
        if (end == std::string_view::npos) end = sentence.size();
        std::string_view word = sentence.substr(begin, end - begin);
        // Byte offsets of each code point, to cut marks off at both ends.
        std::vector<std::size_t> starts;
        for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator();
             ++it) {
            starts.push_back(static_cast<std::size_t>(it.raw() - word.data()));
        }
        auto at = [&](std::size_t i) {
            return Xapian::Utf8Iterator(word.data() + starts[i], word.size() - starts[i]);
        };
        std::size_t lead = 0, trail = starts.size();
        while (lead < starts.size() && is_opening_mark(*at(lead))) ++lead;
        while (trail > lead && is_closing_mark(*at(trail - 1))) --trail;
        auto offset = [&](std::size_t i) { return i < starts.size() ? starts[i] : word.size(); };
        emit(word.substr(0, offset(lead)));
        emit(word.substr(offset(lead), offset(trail) - offset(lead)));
        emit(word.substr(offset(trail)));
        pos = end;
    }
    return tokens;
}

double word_similarity(const Tokens& old_words, const Tokens& new_words) {
    std::size_t total = old_words.size() + new_words.size();
    if (total == 0) return 1.0;
    dtl::Diff<std::string, Tokens> diff(old_words, new_words);
    diff.onOnlyEditDistance();
    diff.compose();
    // Edit distance counts each removed and each added word once.
    return similarity((total - static_cast<std::size_t>(diff.getEditDistance())) / 2, total);
}

std::vector<WordRun> diff_words(std::string_view old_sentence, std::string_view new_sentence) {
    std::vector<WordRun> runs;
    walk_edits(
        sentence_tokens(old_sentence), sentence_tokens(new_sentence),
        [&](const Tokens& removed, const Tokens& added) {
            for (const std::string& w : removed) append_word(runs, WordOp::Removed, w);
            for (const std::string& w : added) append_word(runs, WordOp::Added, w);
        },
        [&](const std::string& word) { append_word(runs, WordOp::Same, word); });
    return runs;
}

std::vector<SentenceChange> diff_sentences(const Tokens& old_sentences,
                                           const Tokens& new_sentences) {
    std::vector<SentenceChange> out;
    walk_edits(
        old_sentences, new_sentences,
        [&](const Tokens& removed, const Tokens& added) { add_change_run(removed, added, out); },
        [&](const std::string& sentence) {
            out.push_back({SentenceOp::Same, sentence, sentence, {}});
        });
    return out;
}

VersionText version_text(const schema::VersionRecord& version) {
    return {schema::normalise_whitespace(version.title), body_sentences(version)};
}

VersionDiff diff_versions(const schema::VersionRecord& old_version,
                          const schema::VersionRecord& new_version) {
    return diff_versions(version_text(old_version), version_text(new_version));
}

SentenceChange diff_titles(std::string_view old_text, std::string_view new_text) {
    return same_or_edited(schema::normalise_whitespace(std::string(old_text)),
                          schema::normalise_whitespace(std::string(new_text)));
}

VersionDiff diff_versions(const VersionText& old_version, const VersionText& new_version) {
    VersionDiff diff;
    diff.title = same_or_edited(old_version.title, new_version.title);
    diff.body = diff_sentences(old_version.body, new_version.body);
    return diff;
}

ChangeSize change_size(const VersionDiff& diff) {
    ChangeSize size;
    auto count = [&](const SentenceChange& change) {
        switch (change.op) {
            case SentenceOp::Same:
                break;
            case SentenceOp::Removed:
                size.removed += word_characters(change.old_text);
                break;
            case SentenceOp::Added:
                size.added += word_characters(change.new_text);
                break;
            case SentenceOp::Edited:
                for (const WordRun& run : change.words) {
                    if (run.op == WordOp::Removed) size.removed += word_characters(run.text);
                    if (run.op == WordOp::Added) size.added += word_characters(run.text);
                }
                break;
        }
    };
    count(diff.title);
    for (const SentenceChange& change : diff.body) count(change);
    return size;
}

std::size_t character_count(std::string_view text) {
    std::size_t n = 0;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) ++n;
    return n;
}

std::size_t version_length(const schema::VersionRecord& version) {
    return character_count(version.title) + character_count(version.summary) +
           character_count(version.text);
}

}  // namespace newsindex::query
