#include "corpus/generator/article_draft.h"

#include <algorithm>
#include <utility>

namespace newsgen {

std::string ArticleDraft::body() const {
    std::string out;
    out.reserve(8192);
    for (const auto& paragraph : paragraphs) {
        if (!out.empty()) out += "\n\n";
        for (std::size_t i = 0; i < paragraph.size(); ++i) {
            if (i > 0) out += ' ';
            out += paragraph[i].text;
        }
    }
    return out;
}

std::size_t ArticleDraft::sentence_count() const {
    std::size_t n = 0;
    for (const auto& paragraph : paragraphs) n += paragraph.size();
    return n;
}

bool ArticleDraft::same_text_as(const ArticleDraft& other) const {
    if (title != other.title || summary != other.summary ||
        paragraphs.size() != other.paragraphs.size()) {
        return false;
    }
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        const auto& mine = paragraphs[p];
        const auto& theirs = other.paragraphs[p];
        if (mine.size() != theirs.size()) return false;
        for (std::size_t s = 0; s < mine.size(); ++s) {
            if (mine[s].text != theirs[s].text) return false;
        }
    }
    return true;
}

namespace {

using LineageText = std::pair<std::uint64_t, const std::string*>;

std::vector<LineageText> by_lineage(const ArticleDraft& draft) {
    std::vector<LineageText> out;
    out.reserve(draft.sentence_count());
    for (const auto& paragraph : draft.paragraphs) {
        for (const auto& sentence : paragraph) out.emplace_back(sentence.lineage, &sentence.text);
    }
    std::sort(out.begin(), out.end(),
              [](const LineageText& a, const LineageText& b) { return a.first < b.first; });
    return out;
}

}  // namespace

RevisionCounts compare_drafts(const ArticleDraft& before, const ArticleDraft& after) {
    const auto old_sentences = by_lineage(before);
    const auto new_sentences = by_lineage(after);
    RevisionCounts counts;
    counts.title_changed = before.title != after.title;
    std::size_t i = 0, j = 0;
    while (i < old_sentences.size() || j < new_sentences.size()) {
        if (j == new_sentences.size() ||
            (i < old_sentences.size() && old_sentences[i].first < new_sentences[j].first)) {
            ++counts.removed;
            ++i;
        } else if (i == old_sentences.size() || new_sentences[j].first < old_sentences[i].first) {
            ++counts.added;
            ++j;
        } else {
            if (*old_sentences[i].second != *new_sentences[j].second) ++counts.changed;
            ++i;
            ++j;
        }
    }
    return counts;
}

}  // namespace newsgen
