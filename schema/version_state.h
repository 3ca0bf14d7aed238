// What later captures can change about a version already in the database:
// the state its value slots hold (values.h: slots 0, 1, 3, 8, 9, 10),
// written by write_version_state (stored_version.h). The indexer computes it
// (indexer/article_history.h); the storage library records and applies it
// (storage/generation_revisions.h).
#pragma once

#include "schema/version_record.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace newsindex::schema {

// The document number of a version already in the database (Xapian::docid;
// spelled without Xapian to keep this file free of it).
using DocumentNumber = std::uint32_t;

// Everything about a version that later captures can change. first_seen,
// sequence and last_seen repeat the first and last of `captures`.
struct VersionState {
    CaptureTime first_seen = 0;
    std::int64_t sequence = 0;   // tie-break of captures in the same second
    CaptureTime last_seen = 0;
    std::uint32_t revision = 0;
    std::optional<CaptureTime> superseded_at;
    std::vector<CaptureStamp> captures;  // in order; never empty
    VersionId id;
    bool operator==(const VersionState&) const = default;
};

// An existing version whose state a merge changed.
struct RevisedVersion {
    DocumentNumber document = 0;
    VersionState state;
    bool operator==(const RevisedVersion&) const = default;
};

}  // namespace newsindex::schema
