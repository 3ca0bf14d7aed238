// The run's summary: the line scripts match, and the JSON for monitoring.
#include "indexer/ingest_summary.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace newsindex::indexer {
namespace {

IngestSummary summary() {
    IngestSummary s;
    s.database = "/srv/db";
    s.files = 3;
    s.records = 4871;
    s.added = 4869;
    s.duplicates = 2;
    s.elapsed_seconds = 2.414;
    return s;
}

TEST(IngestSummary, TheLineKeepsItsFormWhenNothingWasSkipped) {
    EXPECT_EQ(summary().line(), "newsindex: 3 files, 4871 records: 4869 versions added, 0 unchanged, "
                                "2 duplicates, 0 rejected in 2.41 s");
}

TEST(IngestSummary, SkippedRecordsFollowTheRejectedOnesByReasonMostFirst) {
    IngestSummary s = summary();
    s.skipped = {{"redirect", 2}, {"not HTML", 10}, {"no article text", 2}};
    EXPECT_EQ(s.line(), "newsindex: 3 files, 4871 records: 4869 versions added, 0 unchanged, "
                        "2 duplicates, 0 rejected, 14 skipped (not HTML 10, no article text 2, "
                        "redirect 2) in 2.41 s");
    nlohmann::json json = nlohmann::json::parse(s.json());
    EXPECT_EQ(json["skipped"], (nlohmann::json{{"not HTML", 10}, {"no article text", 2}, {"redirect", 2}}));
    EXPECT_EQ(s.exit_code(), 0);  // skipping is no error
}

}  // namespace
}  // namespace newsindex::indexer
