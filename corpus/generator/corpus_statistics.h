// What a run actually produced, for --stats: counted from the captures as
// they were written, so tuning the edit model can be checked against the
// NewsEdits targets without a separate pass over the output.
#pragma once

#include "corpus/generator/story.h"

#include <cstdint>
#include <string>

namespace newsgen {

class CorpusStatistics {
  public:
    void count(const CapturedVersion& captured);
    void count_story(const Story& story);

    // A short multi-line report, one figure per line.
    std::string report() const;

  private:
    std::uint64_t articles_ = 0;
    std::uint64_t versions_ = 0;
    std::uint32_t most_versions_ = 0;
    std::uint64_t revisions_ = 0;   // transitions between consecutive versions
    std::uint64_t added_ = 0;
    std::uint64_t changed_ = 0;
    std::uint64_t removed_ = 0;
    std::uint64_t title_changes_ = 0;
    std::uint64_t reverts_ = 0;
    std::uint64_t words_ = 0;
};

}  // namespace newsgen
