// Text snapshots: one capture of one article per file, as archivists keep
// them in directory trees (root/SOURCE/ARTICLE/.../TIME.txt). What the file
// does not say in its optional header block, its place in the tree says.
// Format documented in corpus/README.md.
#pragma once

#include "schema/version_record.h"

#include <filesystem>
#include <string_view>

namespace newsindex::indexer {

// Where a snapshot file sits.
struct SnapshotPlace {
    std::filesystem::path root;  // the directory named on the command line
    std::filesystem::path file;  // the snapshot, root/...
    schema::CaptureTime modified = 0;  // the file's modification time
};

// Builds the capture of one snapshot file from its text (valid UTF-8).
//
// Header: the file has one only if its first line is "Key: value" with a
// known key (case-insensitive: Source, URL, Article-Id, Captured, Title,
// Author, Published, Language). The header runs to the first blank line
// (dropped) or the first line that is not "Key: value" (which starts the
// body); unknown keys and empty values in it are ignored.
// Without a header, or for keys it lacks: the source is the first directory
// below the root (lower-cased); article_id is the file's directory relative
// to the root ("bbc/politics/123"); the capture time is an ISO 8601 time in
// the file name (YYYY-MM-DDTHH:MM:SS[ZONE], YYYY-MM-DDTHH-MM-SS[ZONE] or
// YYYYMMDDTHHMMSS followed by Z or +HHMM, anywhere in it; ZONE is Z,
// +HH:MM, +HH-MM or +HHMM, or "-" for west of UTC, with hours up to 14 and
// minutes 00, 15, 30 or 45, else the digits are no zone; none is UTC) or else
// `modified`; without a Title
// header the first non-blank line of the body is the title and the rest is
// the text.
// Throws BadRecord (see record_fields.h) when the source or the article
// cannot be determined, Captured is unparseable, or the document is empty.
schema::VersionRecord record_from_snapshot(std::string_view text, const SnapshotPlace& place);

}  // namespace newsindex::indexer
