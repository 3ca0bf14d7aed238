// Every capture of a run, kept until the run has decided what to write.
//
// A run reads all of its input before it writes anything: a version's
// revision, last_seen and superseded_at depend on every capture of its
// article, wherever in the input they are. The cheap part of each capture
// (article, time, sequence, content hash: what merging needs) stays in
// memory, 32 bytes a capture; the records are kept in memory up to
// kMemoryBudget bytes, and beyond that in a spool file in the database's
// staging directory, read back on any thread when documents are built. So
// memory does not grow with the text of a large run, and a small run
// writes nothing beside the database.
#pragma once

#include "schema/version_record.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace newsindex::indexer {

// What merging needs of one capture.
struct CaptureKey {
    std::uint64_t article = 0;  // schema::ArticleKey::digest()
    schema::CaptureTime time = 0;
    std::int64_t sequence = 0;
    std::uint64_t content_hash = 0;
};

// Bytes of records (encoded, about the size of their text) kept in memory.
inline constexpr std::size_t kMemoryBudget = 256u << 20;

class CaptureLog {
  public:
    // `spool` is the file records go to beyond kMemoryBudget (created then,
    // removed by the destructor); `database` names the database in error
    // messages.
    CaptureLog(std::filesystem::path spool, std::string database);
    ~CaptureLog();
    CaptureLog(const CaptureLog&) = delete;
    CaptureLog& operator=(const CaptureLog&) = delete;

    // Adds a capture (record complete, as read_captures delivers it). One
    // thread at a time. Throws IndexError(kIoError) when the spool cannot
    // be created or written (a full disk).
    void append(const schema::VersionRecord& record);

    // Makes everything appended readable by record(). Call once, after the
    // last append.
    void finish_appending();

    std::size_t size() const { return keys_.size(); }
    const std::vector<CaptureKey>& keys() const { return keys_; }

    // The record of capture `index`, as appended. Safe to call from several
    // threads at once (after finish_appending). Throws IndexError(kIoError).
    schema::VersionRecord record(std::size_t index) const;

    // Bytes the record of capture `index` takes in the spool: a measure of
    // its text, for bounding the work of one batch.
    std::uint64_t record_bytes(std::size_t index) const;

  private:
    void spill();
    void flush_buffer();

    std::filesystem::path path_;
    std::string database_;
    int fd_ = -1;
    std::string buffer_;            // records not in the file: all of them until spilled
    std::uint64_t written_ = 0;     // bytes in the file
    std::vector<CaptureKey> keys_;
    std::vector<std::uint64_t> offsets_;  // record i is [offsets_[i], offsets_[i+1])
};

}  // namespace newsindex::indexer
