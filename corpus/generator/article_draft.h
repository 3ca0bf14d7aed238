// One version of a generated article as the edit model sees it: headline,
// standfirst and body, the body kept as paragraphs of sentences so edits can
// add, change and remove sentences. Each sentence carries a lineage number
// that survives edits to its wording, which is what lets us count how many
// sentences a revision added, changed and removed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsgen {

struct Sentence {
    std::uint64_t lineage = 0;  // unique per article; kept when the wording changes
    std::string text;           // one sentence, ends in '.', no line breaks
};

using Paragraph = std::vector<Sentence>;

struct ArticleDraft {
    std::string title;
    std::string summary;
    std::vector<Paragraph> paragraphs;

    // The body as published: sentences joined by a space, paragraphs by a
    // blank line ("\n\n").
    std::string body() const;
    std::size_t sentence_count() const;
    bool same_text_as(const ArticleDraft& other) const;
};

// What changed between two versions of one article, by sentence lineage:
// a lineage only in `before` was removed, only in `after` was added, in both
// with different wording was changed.
struct RevisionCounts {
    int added = 0;
    int changed = 0;
    int removed = 0;
    bool title_changed = false;
};

RevisionCounts compare_drafts(const ArticleDraft& before, const ArticleDraft& after);

}  // namespace newsgen
