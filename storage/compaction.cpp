#include "storage/compaction.h"

#include "schema/shard_numbering.h"
#include "storage/interruption.h"
#include "storage/write_failure.h"

#include <string>

namespace newsindex::storage {

namespace fs = std::filesystem;

namespace {

// Abandons the compaction when the run is interrupted: Xapian reports the
// start and end of each table it merges.
class InterruptibleCompactor : public Xapian::Compactor {
  public:
    void set_status(const std::string&, const std::string&) override {
        interruption_point("compaction");
    }
};

}  // namespace

fs::path compact_generation(const DatabaseDirectory& directory,
                            const std::vector<fs::path>& parts) {
    const fs::path generation = directory.next_generation();
    // The existing documents first, shard by shard (CompactedNumbering),
    // then the parts in order.
    Xapian::Database sources(directory.path().string());
    for (const fs::path& part : parts) sources.add_database(Xapian::Database(part.string()));
    {
        WriteFailureReport::Writing writing;
        InterruptibleCompactor compactor;
        sources.compact(generation.string(), Xapian::Compactor::FULL, 0, compactor);
    }
    for (const fs::path& part : parts) fs::remove_all(part);
    interruption_point("compaction");  // the last moment to abandon the load
    return generation;
}

CompactedNumbering::CompactedNumbering(const std::vector<Xapian::Database>& shards) {
    std::int64_t before = 0;
    for (const Xapian::Database& shard : shards) {
        Xapian::docid lowest = shard.get_doccount() > 0 ? *shard.postlist_begin("") : 1;
        shift_.push_back(before - (static_cast<std::int64_t>(lowest) - 1));
        before += shard.get_doccount();
    }
}

Xapian::docid CompactedNumbering::operator()(Xapian::docid whole) const {
    const schema::ShardDocument in_shard = schema::shard_document(whole, shift_.size());
    return static_cast<Xapian::docid>(in_shard.document + shift_[in_shard.shard]);
}

}  // namespace newsindex::storage
