#include "corpus/generator/story.h"

#include <algorithm>

namespace newsgen {

namespace {

// Versions per article: most articles are captured one to four times; a
// few "live pages" are updated dozens of times. Tuned with the edit model
// so that the mean is about 3.6 versions (NewsEdits).
constexpr double kLivePageShare = 0.015;
constexpr std::int64_t kLivePageMinVersions = 20;
constexpr std::int64_t kLivePageMaxVersions = 60;
constexpr double kExtraVersionsMean = 2.05;
constexpr std::uint32_t kRegularMaxVersions = 14;
constexpr double kRevertShare = 0.03;

std::string byline(RandomStream& random) {
    const auto& words = vocabulary();
    auto name = [&] {
        return std::string(words.first_names.draw(random)) + " " +
               std::string(words.surnames.draw(random));
    };
    if (random.chance(0.12)) return name() + " and " + name();
    return name();
}

}  // namespace

Story::Story(std::uint64_t run_seed, std::uint64_t serial, CaptureTime first_capture,
             std::uint32_t version_cap)
    : serial_(serial),
      random_(mix64(run_seed ^ mix64(serial))),
      cast_(cast_story(random_)),
      outlet_(&outlets()[ZipfTable(outlets().size()).draw(random_)]),
      author_(byline(random_)),
      next_capture_(first_capture + random_.between(0, 59)) {
    live_page_ = random_.chance(kLivePageShare);
    const auto planned = live_page_
        ? random_.between(kLivePageMinVersions, kLivePageMaxVersions)
        : std::min<std::int64_t>(1 + random_.geometric(kExtraVersionsMean), kRegularMaxVersions);
    planned_versions_ = std::min(static_cast<std::uint32_t>(planned), version_cap);
    history_.reserve(planned_versions_);
}

CaptureTime Story::gap_to_next_capture() {
    constexpr std::int64_t kMinute = 60;
    if (live_page_) return random_.between(3 * kMinute, 25 * kMinute);
    const auto bucket = random_.below(100);
    if (bucket < 35) return random_.between(5 * kMinute, 30 * kMinute);
    if (bucket < 70) return random_.between(30 * kMinute, 120 * kMinute);
    if (bucket < 92) return random_.between(120 * kMinute, 360 * kMinute);
    return random_.between(360 * kMinute, 1440 * kMinute);
}

bool Story::try_revert(ArticleDraft& draft) {
    // Back to an older version's exact text: never the one just before,
    // which would be an unchanged capture rather than a new version.
    if (history_.size() < 2 || !random_.chance(kRevertShare)) return false;
    const auto target = random_.below(history_.size() - 1);
    if (history_[target].same_text_as(history_.back())) return false;
    draft = history_[target];
    return true;
}

CapturedVersion Story::capture() {
    SentenceWriter writer(cast_, random_);
    bool revert = false;
    if (history_.empty()) {
        auto draft = write_first_draft(writer, random_, lineages_);
        draft.title = styled_headline(*outlet_, std::move(draft.title));
        url_ = article_url(*outlet_, cast_.topic->section, next_capture_, draft.title, serial_);
        article_id_ = std::string(outlet_->source) + ":" + url_;
        history_.push_back(std::move(draft));
    } else {
        ArticleDraft draft = history_.back();
        revert = try_revert(draft);
        while (!revert && draft.same_text_as(history_.back())) {
            revise(draft, writer, random_, lineages_);
            draft.title = styled_headline(*outlet_, std::move(draft.title));
        }
        history_.push_back(std::move(draft));
    }
    const auto version = static_cast<std::uint32_t>(history_.size() - 1);
    const auto& draft = history_.back();
    const auto change = version == 0 ? RevisionCounts{}
                                     : compare_drafts(history_[version - 1], draft);
    CapturedVersion captured{*outlet_, url_, article_id_, author_, cast_.topic->section,
                             version, next_capture_, draft, change, revert};
    next_capture_ += gap_to_next_capture();
    return captured;
}

}  // namespace newsgen
