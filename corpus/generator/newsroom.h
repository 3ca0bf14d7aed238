// The run as a whole: stories start at a steady rate across the outlets, and
// a scraper captures every live story on its schedule. Captures come out in
// capture-time order across stories (each story's versions in order), the
// way a scraper's log would list them, and only the stories still being
// updated are held in memory, so a run of any size streams.
#pragma once

#include "corpus/generator/story.h"

#include <cstdint>
#include <functional>

namespace newsgen {

struct CorpusOptions {
    std::uint64_t seed = 1;
    std::uint64_t versions = 1000;    // exactly this many captures are produced
    CaptureTime start = 1704067200;   // 2024-01-01T00:00:00Z
};

// Calls `emit` once per capture, `versions` times in all; `on_story_done`
// once per story after its last capture. The sequence depends only on the
// options.
void run_newsroom(const CorpusOptions& options,
                  const std::function<void(const CapturedVersion&)>& emit,
                  const std::function<void(const Story&)>& on_story_done);

}  // namespace newsgen
