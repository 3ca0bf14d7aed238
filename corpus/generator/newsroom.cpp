#include "corpus/generator/newsroom.h"

#include <memory>
#include <queue>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsgen {

namespace {

// A new story every 20 to 160 seconds across all outlets (about 960 a day).
constexpr std::int64_t kMinStoryGap = 20;
constexpr std::int64_t kMaxStoryGap = 160;

struct PendingCapture {
    CaptureTime at;
    std::uint64_t serial;
    bool operator>(const PendingCapture& other) const {
        return at != other.at ? at > other.at : serial > other.serial;
    }
};

}  // namespace

void run_newsroom(const CorpusOptions& options,
                  const std::function<void(const CapturedVersion&)>& emit,
                  const std::function<void(const Story&)>& on_story_done) {
    RandomStream arrivals(mix64(options.seed));
    std::priority_queue<PendingCapture, std::vector<PendingCapture>, std::greater<>> schedule;
    std::unordered_map<std::uint64_t, std::unique_ptr<Story>> live;
    std::uint64_t planned = 0;
    std::uint64_t next_serial = 1;
    CaptureTime next_story_at = options.start;

    for (;;) {
        // Start stories while the budget allows; each one's versions count
        // against it at once, so the run ends with exactly `versions`.
        if (planned < options.versions && (schedule.empty() || next_story_at <= schedule.top().at)) {
            const auto serial = next_serial++;
            const auto cap = static_cast<std::uint32_t>(
                std::min<std::uint64_t>(options.versions - planned, UINT32_MAX));
            auto story = std::make_unique<Story>(options.seed, serial, next_story_at, cap);
            planned += story->planned_versions();
            schedule.push({story->next_capture(), serial});
            live.emplace(serial, std::move(story));
            next_story_at += arrivals.between(kMinStoryGap, kMaxStoryGap);
            continue;
        }
        if (schedule.empty()) break;
        const auto due = schedule.top();
        schedule.pop();
        auto found = live.find(due.serial);
        Story& story = *found->second;
        emit(story.capture());
        if (story.finished()) {
            on_story_done(story);
            live.erase(found);
        } else {
            schedule.push({story.next_capture(), due.serial});
        }
    }
}

}  // namespace newsgen
