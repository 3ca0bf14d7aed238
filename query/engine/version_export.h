// newsquery export: every version that matches, with every capture of it,
// handed over one capture at a time in a stable order, for writing back as
// the input newsindex reads (query/format/corpus_record.h). Re-indexing the
// captures of an article gives it the same versions, revisions, captures
// and version ids: these depend only on the set of its captures
// (schema/README.md).
#pragma once

#include "query/database.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "schema/version_record.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace newsindex::query {

struct ExportRequest {
    // The query; blank: every version (the filters still apply).
    std::string text;
    Filters filters;
    // Bounds finding the matching versions (query_limits.h); writing them
    // out takes as long as it takes.
    std::chrono::duration<double> time_budget = kDefaultTimeBudget;
};

struct ExportCount {
    std::size_t articles = 0;
    std::size_t versions = 0;
    std::size_t captures = 0;  // records handed to the writer
};

// Calls `write(version, capture)` for each capture of each version that
// matches `request`: articles in a stable order (by article digest, as
// search --sort article), each article's matching versions by revision,
// each version's captures in capture order (version.captures). With
// filters.as_of, only the captures made by then: the versions as they
// stood at that time. Only one article's versions are held at a time.
//
// Throws QueryError(kExitBadQuery) for a query that does not parse or
// passes its limits, or when the time budget is spent before the matching
// versions are found; QueryError(kExitSoftware) when the database is
// replaced or changed past reading while the versions are being written
// (a newsindex run committed more than once meanwhile: run it again).
// Exceptions from `write` pass through.
ExportCount export_versions(
    NewsDatabase& db, const ExportRequest& request,
    const std::function<void(const schema::VersionRecord& version,
                             const schema::CaptureStamp& capture)>& write);

}  // namespace newsindex::query
