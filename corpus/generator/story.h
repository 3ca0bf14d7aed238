// One generated article over its life: outlet, URL and byline, the versions
// published so far, and when the scraper captures it next. A story draws
// all its randomness from its own stream, seeded from the run's seed and the
// story's serial number, so its text does not depend on how the newsroom
// interleaves it with other stories.
#pragma once

#include "corpus/generator/article_draft.h"
#include "corpus/generator/edit_model.h"
#include "corpus/generator/outlet.h"
#include "corpus/generator/random_stream.h"
#include "corpus/generator/sentence_writer.h"
#include "schema/version_record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace newsgen {

using newsindex::schema::CaptureTime;

// One capture of a story, as the scraper sees it.
struct CapturedVersion {
    const Outlet& outlet;
    const std::string& url;
    const std::string& article_id;
    const std::string& author;
    std::string_view section;
    std::uint32_t version;          // 0-based capture order
    CaptureTime captured_at;
    const ArticleDraft& draft;
    RevisionCounts change;          // against the previous version; zero for version 0
    bool revert;                    // text restored from an older version
};

class Story {
  public:
    // A story first captured at `first_capture` that will be captured at
    // most `version_cap` times.
    Story(std::uint64_t run_seed, std::uint64_t serial, CaptureTime first_capture,
          std::uint32_t version_cap);

    std::uint32_t planned_versions() const { return planned_versions_; }
    std::uint32_t captured_versions() const { return static_cast<std::uint32_t>(history_.size()); }
    bool finished() const { return captured_versions() == planned_versions_; }
    CaptureTime next_capture() const { return next_capture_; }

    // Publishes and captures the next version. Requires !finished(). The
    // result refers into this story and is valid until the next call.
    CapturedVersion capture();

  private:
    CaptureTime gap_to_next_capture();
    bool try_revert(ArticleDraft& draft);

    std::uint64_t serial_;
    RandomStream random_;
    StoryCast cast_;
    LineageCounter lineages_;
    const Outlet* outlet_;
    std::string author_;
    std::string url_;
    std::string article_id_;
    bool live_page_ = false;
    std::uint32_t planned_versions_ = 1;
    CaptureTime next_capture_;
    std::vector<ArticleDraft> history_;
};

}  // namespace newsgen
