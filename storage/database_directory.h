// The database on disk, and how a bulk load replaces it atomically.
//
// The database path PATH holds one of two layouts; Xapian opens either
// (readers and writers alike) given just PATH:
//
//   plain        PATH is a glass database (iamglass, *.glass), as Xapian
//                creates it. New databases start like this, and the
//                incremental writer keeps it.
//   generations  PATH holds XAPIANDB, Xapian's list of shards, naming the
//                current generation, a glass database in PATH/gen-NNNNNN,
//                and after it, once a run has added to the generation, its
//                recent shard, a glass database in PATH/recent-NNNNNN (the
//                same number). A bulk load writes a generation, packed; the
//                runs between two bulk loads add to its recent shard, which
//                Xapian searches together with it (a XAPIANDB of two lines
//                is opened as one database of two shards). Adding to a small
//                database rewrites few of its blocks, where adding in place
//                to the packed generation would rewrite most of them (see
//                index_writer.h).
//
// A bulk load builds the next generation from scratch (and its work files
// in PATH/staging), then publishes it: XAPIANDB is written to a temporary
// file, synced and renamed over the old one (rename(2) is atomic), and for
// a plain database iamglass is removed last — Xapian looks for iamglass
// before XAPIANDB, so until that moment the plain database is the one in
// use. A run killed at any moment leaves either the old database or the
// new one, never a mixture; what it leaves beside them (a half-built
// generation, staging files) is removed by the next writer.
//
// A recent shard is published the same way: created empty beside its
// generation, then named by a new XAPIANDB, so a run killed before that
// leaves a leftover.
//
// Only the holder of the write lock (see open_for_writing) may publish or
// remove leftovers. Published generation numbers only ever grow, which is
// what lets a writer that waited for the lock tell that the database it
// locked is still the current one (state() before and after).
//
// The states a directory can be in, the refused ones included, are the
// types of database_state.h; doc/storage.md describes each state and
// transition, what a crash at each step leaves and what readers see.
// Whose directory it is: newsindex writes its marker (schema::kMarkerFile,
// holding a copy of the shard list) in every database directory it creates,
// and in an existing newsindex database on its first write (a plain glass
// database of our schema, or a XAPIANDB of ours: adopted). It creates a
// database only in a missing or empty directory, and removes leftovers only
// where its marker is, by exact name (gen- or recent- and six digits,
// staging, XAPIANDB.tmp, NEWSINDEX.tmp, NEWSINDEX.checked.tmp) and never
// what XAPIANDB names. A
// directory whose generations are there but whose XAPIANDB is missing or
// unreadable is refused, never recreated: `newsindex --repair` rebuilds the
// list (repair_shard_list).
//
#pragma once

#include "schema/database_layout.h"
#include "storage/database_state.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::storage {

class DatabaseDirectory {
  public:
    explicit DatabaseDirectory(std::filesystem::path path) : path_(std::move(path)) {}

    const std::filesystem::path& path() const { return path_; }

    // What PATH holds now (database_state.h), read from iamglass, XAPIANDB,
    // the shards it names, the marker and the gen-NNNNNN directories.
    // Changes only when a writer publishes (or something else than
    // newsindex touches the directory).
    DatabaseState state() const;

    // The glass database in use: PATH itself, or its current generation.
    std::filesystem::path current() const;

    // Every glass database in use, in the order Xapian numbers them: PATH
    // itself, or the shards XAPIANDB names.
    std::vector<std::filesystem::path> shards_in_use() const;

    // Whether PATH holds the generations layout (a bulk load made it).
    bool has_generations() const;

    // The current generation's recent shard, if it has one.
    std::optional<std::filesystem::path> recent() const;

    // Where the current generation's recent shard is created (not created
    // here). Only in the generations layout.
    std::filesystem::path next_recent() const;

    // Where a run keeps its work files: PATH/staging (not created here).
    std::filesystem::path staging() const { return path_ / schema::kStagingDirectory; }

    // The directory the next generation is built in (not created here).
    std::filesystem::path next_generation() const;

    // Makes `generation` (a complete, committed glass database built in
    // next_generation()) the database at PATH, atomically and durably.
    // Throws std::filesystem::filesystem_error.
    void publish(const std::filesystem::path& generation) const;

    // Makes `shard` (a committed glass database made in next_recent()) the
    // current generation's recent shard, atomically and durably. Throws
    // std::filesystem::filesystem_error.
    void publish_recent(const std::filesystem::path& shard) const;

    // Removes everything in PATH that the current database does not use:
    // staging files, generations and recent shards that were never
    // published or were replaced, the files of a plain database replaced by
    // a generation. Only in a marked directory and by exact name; files it
    // does not know are left alone. Never throws.
    void remove_leftovers() const;

    // Refuses a PATH newsindex must not write to, before anything is
    // written: StorageError(kCantCreate) for Foreign and LostList,
    // StorageError(kIoError) for MissingShard (refuse_writing). Returns
    // whether PATH holds no database yet (Empty).
    bool check_for_writing() const;
    // The same for a state already read: throws unless writable(state).
    void refuse_writing(const DatabaseState& state) const;

    // Whether PATH holds our marker.
    bool marked() const;
    // Writes the marker, with a copy of the current shard list (see
    // above): first thing in a new database directory (creating PATH), and
    // on the first write to an existing database. Throws
    // std::filesystem::filesystem_error.
    void mark() const;
    // True when the directory holds nothing, or only the marker's temporary
    // file (a run creating the database at this moment).
    bool empty_but_for_a_marker_being_written() const;

    // Rebuilds XAPIANDB from what is on disk, for a database whose list is
    // missing, unreadable or names a shard that is gone: the copy in the
    // marker if every shard it names opens with our schema, else the newest
    // generation that does, with its recent shard if that does too. Returns
    // one sentence saying what it did (or that nothing needed doing). The
    // caller holds no lock: no writer can run on a database without a list.
    // Throws StorageError(kIoError) when nothing on disk will do.
    std::string repair_shard_list() const;

  private:
    // The shards XAPIANDB names in the generations layout (Generations, or
    // MissingShard); else none.
    std::vector<std::string> shards() const;
    // Whether PATH holds a directory named as a generation (gen-NNNNNN).
    bool has_generation_directory() const;
    void write_shard_list(const std::vector<std::string>& shards) const;

    std::filesystem::path path_;
};

}  // namespace newsindex::storage
