// The edits themselves: every new revision captured in a time window, with
// or without a query's match in it, newest first, each with what it changed
// against the revision before — the title (old → new), the summary and the
// body sentence by sentence (text_diff.h). What `newsquery changes` lists
// when it is given no query: "what changed today, anywhere?".
//
// A new revision is a version with revision ≥ 2 captured inside the window;
// an article's first capture is a birth, not a change, and is left out, as
// the query's change stream (changes.h) leaves births out.
#pragma once

#include "query/database.h"
#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "query/text/text_diff.h"

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

// The parts of a version a change is shown and kept by (--what).
enum class VersionPart { Title, Summary, Text };

std::string_view version_part_name(VersionPart part);  // "title", "summary", "text"

struct RevisionFeedRequest {
    // since, until, sources, first/latest and as_of as for search
    // (matcher.h); the caller sets since (newsquery: 24 hours ago unless
    // --since says otherwise).
    Filters filters;
    // One article only (as resolve_article reads a name), when not empty.
    std::string article;
    // Only revisions that changed this part, when set.
    std::optional<VersionPart> what;
    std::size_t limit = 100;  // the newest N; 0 for every one
    std::chrono::duration<double> time_budget = kDefaultTimeBudget;
};

// One part's change: its changed sentences in order (Same left out) and
// how many there were of each kind.
struct PartChange {
    std::vector<SentenceChange> sentences;
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t edited = 0;
    std::size_t unchanged = 0;

    bool changed() const { return added + removed + edited > 0; }
};

// One new revision and what it changed.
struct RevisionChange {
    std::string article_id;   // the article's identity
    std::string article_key;  // its digest, 16 hex
    std::string source;
    std::string url;
    std::string version_id;   // the new revision's (schema::version_id_text)
    std::uint32_t revision = 0;
    schema::CaptureTime captured_at = 0;
    schema::CaptureTime previous_captured_at = 0;  // of revision - 1
    SentenceChange title;  // Same, or Edited (Added/Removed when one title is empty)
    PartChange summary;
    PartChange text;

    bool changed(VersionPart part) const;
    // The parts it changed, in the order title, summary, text.
    std::vector<VersionPart> parts() const;
};

struct RevisionFeed {
    std::vector<RevisionChange> changes;  // newest first; ties by article id, then revision
    // Every new revision the window and filters hold (before --what and
    // --limit): an exact count.
    std::size_t revisions = 0;
    // Whether --limit left changes out.
    bool truncated = false;
};

// What a new revision changed against the one before it (pure: the
// database-free part, for tests).
RevisionChange describe_revision(const schema::VersionRecord& previous, const schema::VersionRecord& revision);

// Throws QueryError as search does (bad filters, time budget) and
// QueryError(kExitNothingFound) for an article that does not exist.
RevisionFeed build_revision_feed(NewsDatabase& db, const RevisionFeedRequest& request);

}  // namespace newsindex::query
