#include "corpus/generator/corpus_statistics.h"

#include <fmt/format.h>

#include <algorithm>

namespace newsgen {

void CorpusStatistics::count(const CapturedVersion& captured) {
    ++versions_;
    for (const auto& paragraph : captured.draft.paragraphs) {
        for (const auto& sentence : paragraph) {
            words_ += 1 + static_cast<std::uint64_t>(
                              std::count(sentence.text.begin(), sentence.text.end(), ' '));
        }
    }
    if (captured.version == 0) return;
    ++revisions_;
    added_ += static_cast<std::uint64_t>(captured.change.added);
    changed_ += static_cast<std::uint64_t>(captured.change.changed);
    removed_ += static_cast<std::uint64_t>(captured.change.removed);
    title_changes_ += captured.change.title_changed ? 1 : 0;
    reverts_ += captured.revert ? 1 : 0;
}

void CorpusStatistics::count_story(const Story& story) {
    ++articles_;
    most_versions_ = std::max(most_versions_, story.captured_versions());
}

std::string CorpusStatistics::report() const {
    auto per = [](std::uint64_t n, std::uint64_t d) {
        return d == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(d);
    };
    return fmt::format(
        "articles: {}\n"
        "versions: {}\n"
        "versions per article: mean {:.2f}, max {}\n"
        "words per version: mean {:.0f}\n"
        "between consecutive versions ({} revisions), mean sentences: added {:.2f}, "
        "changed {:.2f}, removed {:.2f}\n"
        "title changes: {} ({:.1f}% of revisions)\n"
        "reverts: {} ({:.1f}% of revisions)\n",
        articles_, versions_, per(versions_, articles_), most_versions_, per(words_, versions_),
        revisions_, per(added_, revisions_), per(changed_, revisions_), per(removed_, revisions_),
        title_changes_, 100 * per(title_changes_, revisions_), reverts_,
        100 * per(reverts_, revisions_));
}

}  // namespace newsgen
