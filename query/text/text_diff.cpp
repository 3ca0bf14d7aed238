#include "query/text/text_diff.h"

#include "query/text/sentences.h"

#include <dtl/dtl.hpp>
#include <xapian.h>

namespace newsindex::query {

namespace {

using Tokens = std::vector<std::string>;
using EditScript = std::vector<std::pair<std::string, dtl::elemInfo>>;

EditScript edit_script(const Tokens& a, const Tokens& b) {
    dtl::Diff<std::string, Tokens> diff(a, b);
    diff.compose();
    return diff.getSes().getSequence();
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

// Pairs one run of removed and added sentences (see the header's rule).
void add_change_run(const Tokens& removed, const Tokens& added, std::vector<SentenceChange>& out) {
    std::vector<Tokens> added_words;
    for (const std::string& s : added) added_words.push_back(sentence_tokens(s));
    bool pair = removed.size() * added.size() <= kMaxPairings;
    std::size_t next = 0;
    for (const std::string& old_text : removed) {
        std::size_t best = added.size();
        double best_similarity = 0;
        if (pair) {
            Tokens old_words = sentence_tokens(old_text);
            for (std::size_t k = next; k < added.size(); ++k) {
                double similarity = word_similarity(old_words, added_words[k]);
                if (similarity >= kEditedSimilarity && similarity > best_similarity) {
                    best = k;
                    best_similarity = similarity;
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
    double common = (static_cast<double>(total) - static_cast<double>(diff.getEditDistance())) / 2;
    return 2 * common / static_cast<double>(total);
}

std::vector<WordRun> diff_words(std::string_view old_sentence, std::string_view new_sentence) {
    std::vector<WordRun> runs;
    Tokens removed, added;
    auto flush = [&] {
        for (const std::string& w : removed) append_word(runs, WordOp::Removed, w);
        for (const std::string& w : added) append_word(runs, WordOp::Added, w);
        removed.clear();
        added.clear();
    };
    for (const auto& [word, info] :
         edit_script(sentence_tokens(old_sentence), sentence_tokens(new_sentence))) {
        if (info.type == dtl::SES_DELETE) {
            removed.push_back(word);
        } else if (info.type == dtl::SES_ADD) {
            added.push_back(word);
        } else {
            flush();
            append_word(runs, WordOp::Same, word);
        }
    }
    flush();
    return runs;
}

std::vector<SentenceChange> diff_sentences(const Tokens& old_sentences,
                                           const Tokens& new_sentences) {
    std::vector<SentenceChange> out;
    Tokens removed, added;
    for (const auto& [sentence, info] : edit_script(old_sentences, new_sentences)) {
        if (info.type == dtl::SES_DELETE) {
            removed.push_back(sentence);
        } else if (info.type == dtl::SES_ADD) {
            added.push_back(sentence);
        } else {
            add_change_run(removed, added, out);
            removed.clear();
            added.clear();
            out.push_back({SentenceOp::Same, sentence, sentence, {}});
        }
    }
    add_change_run(removed, added, out);
    return out;
}

VersionDiff diff_versions(const schema::VersionRecord& old_version,
                          const schema::VersionRecord& new_version) {
    VersionDiff diff;
    std::string old_title = schema::normalise_whitespace(old_version.title);
    std::string new_title = schema::normalise_whitespace(new_version.title);
    if (old_title == new_title) {
        diff.title = {SentenceOp::Same, old_title, new_title, {}};
    } else if (old_title.empty()) {
        diff.title = {SentenceOp::Added, {}, new_title, {}};
    } else if (new_title.empty()) {
        diff.title = {SentenceOp::Removed, old_title, {}, {}};
    } else {
        diff.title = edited(old_title, new_title);
    }
    diff.body = diff_sentences(body_sentences(old_version), body_sentences(new_version));
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
