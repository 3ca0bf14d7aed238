// The states a database directory can be in (doc/storage.md, section 2), as
// DatabaseDirectory::state() reads them from what is on disk, and the one
// state that only the shards' contents show (HalfCommitted). Each writer
// and reader decision is taken on these types: no state is a string (to_text
// is for messages only), and a lost shard list is never taken for "no
// database".
#pragma once

#include <xapian.h>

#include <string>
#include <variant>
#include <vector>

namespace newsindex::storage {

// No database yet: PATH missing, empty, or holding only our marker (or the
// marker being written by a run creating the database at this moment). A
// writer creates a plain database here; a reader finds nothing.
struct Empty {
    bool operator==(const Empty&) const = default;
};

// PATH itself is a glass database (iamglass): a new database, written in
// place until its first bulk load. A stale XAPIANDB beside it is ignored.
struct Plain {
    bool operator==(const Plain&) const = default;
};

// XAPIANDB names generation `generation` (gen-NNNNNN) and, after it,
// perhaps that generation's recent shard (recent-NNNNNN): `shards`, the
// names in the list's order, each a glass database in PATH. Xapian opens
// them as one database of shards.size() shards (schema/shard_numbering.h).
struct Generations {
    unsigned generation = 0;
    std::vector<std::string> shards;
    bool has_recent() const { return shards.size() > 1; }
    bool operator==(const Generations&) const = default;
};

// Refused states: nothing is written to them, and readers are told why.
//
// Generations are on disk (or our marker is), but XAPIANDB is missing or
// unreadable: `newsindex --repair` rebuilds it, nothing recreates it.
struct LostList {
    bool unreadable = false;  // the file is there but is not a list we wrote
    bool operator==(const LostList&) const = default;
};

// XAPIANDB names a shard that is not a glass database on disk.
struct MissingShard {
    Generations listed;
    std::string shard;  // the first one missing
    bool operator==(const MissingShard&) const = default;
};

// Not ours: a file, a directory holding other files, or a XAPIANDB we did
// not write in a directory we did not mark (another program's database).
struct Foreign {
    enum class Kind { kNotADirectory, kOtherFiles, kOtherShardList };
    Kind kind = Kind::kOtherFiles;
    bool operator==(const Foreign&) const = default;
};

using DatabaseState = std::variant<Empty, Plain, Generations, LostList, MissingShard, Foreign>;

// A generation and its recent shard (Generations with has_recent()) as two
// handles hold them, when they are not one state: the recent shard holds a
// batch whose revisions of the generation's versions the generation, at the
// revision held, does not. Either the batch's writer committed the recent
// shard and not yet the generation (step P3 done, P4 not: a run killed or
// failed there leaves it so), or the generation was opened before the
// batch's commits and the recent shard after. A reader opens both again;
// the next writer completes the batch (generation_revisions.h:
// half_committed, complete_generation_revisions).
struct HalfCommitted {
    Xapian::rev generation = 0;  // the generation's revision, as held
    Xapian::rev base = 0;        // the revision the recent shard was written ahead of
    bool operator==(const HalfCommitted&) const = default;
};

// For messages only: "no database", "plain", "gen-000003+recent-000003",
// "lost shard list", ...
std::string to_text(const DatabaseState& state);
std::string to_text(const HalfCommitted& state);

// Whether a writer may open `state` (Empty, Plain, Generations).
inline bool writable(const DatabaseState& state) {
    return std::holds_alternative<Empty>(state) || std::holds_alternative<Plain>(state) ||
           std::holds_alternative<Generations>(state);
}

}  // namespace newsindex::storage
