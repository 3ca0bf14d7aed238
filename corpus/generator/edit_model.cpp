#include "corpus/generator/edit_model.h"

#include "corpus/generator/sentence_rewording.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace newsgen {

namespace {

// Means per revision before the adjustments below; tuned so the measured
// means land on the NewsEdits figures (see tests/corpus/corpus_test.cpp).
constexpr double kAddedMean = 3.2;
constexpr double kChangedMean = 2.6;
constexpr double kRemovedMean = 1.8;
constexpr double kHeadlineRewrite = 0.25;
constexpr double kStandfirstRewrite = 0.15;
// Articles keep at least this many sentences: removals stop there.
constexpr std::size_t kMinimumSentences = 8;

struct SentencePosition {
    std::size_t paragraph;
    std::size_t sentence;
};

// `count` distinct sentence positions, never the lead (paragraph 0,
// sentence 0), in random order.
std::vector<SentencePosition> choose_sentences(const ArticleDraft& draft, std::size_t count,
                                               RandomStream& random) {
    std::vector<SentencePosition> all;
    for (std::size_t p = 0; p < draft.paragraphs.size(); ++p) {
        for (std::size_t s = 0; s < draft.paragraphs[p].size(); ++s) {
            if (p != 0 || s != 0) all.push_back({p, s});
        }
    }
    count = std::min(count, all.size());
    for (std::size_t i = 0; i < count; ++i) {  // partial Fisher-Yates
        std::swap(all[i], all[i + random.below(all.size() - i)]);
    }
    all.resize(count);
    return all;
}

void add_sentence(ArticleDraft& draft, Sentence sentence, RandomStream& random) {
    auto& paragraphs = draft.paragraphs;
    if (paragraphs.size() < 2 || random.chance(0.4)) {
        const auto at = 1 + random.below(paragraphs.size());
        paragraphs.insert(paragraphs.begin() + static_cast<std::ptrdiff_t>(at),
                          Paragraph{std::move(sentence)});
        return;
    }
    auto& paragraph = paragraphs[1 + random.below(paragraphs.size() - 1)];
    const auto at = random.below(paragraph.size() + 1);
    paragraph.insert(paragraph.begin() + static_cast<std::ptrdiff_t>(at), std::move(sentence));
}

}  // namespace

ArticleDraft write_first_draft(SentenceWriter& writer, RandomStream& random,
                               LineageCounter& lineages) {
    ArticleDraft draft;
    draft.title = writer.headline();
    draft.summary = writer.sentence();
    const auto paragraphs = random.between(12, 25);
    draft.paragraphs.reserve(static_cast<std::size_t>(paragraphs) + 8);
    draft.paragraphs.push_back(Paragraph{Sentence{lineages.next(), writer.lead()}});
    for (int p = 1; p < paragraphs; ++p) {
        Paragraph paragraph;
        const auto sentences = random.chance(0.25) ? 1 : random.chance(0.67) ? 2 : 3;
        for (int s = 0; s < sentences; ++s) {
            paragraph.push_back(Sentence{lineages.next(), writer.sentence()});
        }
        draft.paragraphs.push_back(std::move(paragraph));
    }
    return draft;
}

void revise(ArticleDraft& draft, SentenceWriter& writer, RandomStream& random,
            LineageCounter& lineages) {
    std::size_t added = static_cast<std::size_t>(random.geometric(kAddedMean));
    std::size_t changed = static_cast<std::size_t>(random.geometric(kChangedMean));
    std::size_t removed = static_cast<std::size_t>(random.geometric(kRemovedMean));
    const bool new_headline = random.chance(kHeadlineRewrite);
    const bool new_standfirst = random.chance(kStandfirstRewrite);
    if (added + changed + removed == 0 && !new_headline && !new_standfirst) changed = 1;

    const auto before = draft.sentence_count();
    removed = std::min(removed, before > kMinimumSentences ? before - kMinimumSentences : 0);
    auto chosen = choose_sentences(draft, removed + changed, random);
    removed = std::min(removed, chosen.size());

    // Reword first, while positions are still valid; then remove from the
    // back so earlier positions stay valid.
    for (std::size_t i = removed; i < chosen.size(); ++i) {
        auto& sentence = draft.paragraphs[chosen[i].paragraph][chosen[i].sentence];
        sentence.text = reword(sentence.text, writer, random);
    }
    std::vector<SentencePosition> removals(chosen.begin(),
                                           chosen.begin() + static_cast<std::ptrdiff_t>(removed));
    std::sort(removals.begin(), removals.end(), [](const auto& a, const auto& b) {
        return a.paragraph != b.paragraph ? a.paragraph > b.paragraph : a.sentence > b.sentence;
    });
    for (const auto& at : removals) {
        auto& paragraph = draft.paragraphs[at.paragraph];
        paragraph.erase(paragraph.begin() + static_cast<std::ptrdiff_t>(at.sentence));
    }
    std::erase_if(draft.paragraphs, [](const Paragraph& p) { return p.empty(); });

    for (std::size_t i = 0; i < added; ++i) {
        add_sentence(draft, Sentence{lineages.next(), writer.sentence()}, random);
    }
    if (new_headline) {
        auto headline = writer.headline();
        if (headline != draft.title) draft.title = std::move(headline);
    }
    if (new_standfirst) draft.summary = writer.sentence();
    if (removed == 0 && chosen.empty() && added == 0 && !new_headline && !new_standfirst) {
        draft.summary = writer.sentence();  // nothing else could change: never repeat a version
    }
}

}  // namespace newsgen
