#include "indexer/bulk_loader.h"

#include "indexer/parallel.h"
#include "indexer/version_adder.h"
#include "schema/stored_version.h"
#include "storage/compaction.h"
#include "storage/interruption.h"
#include "storage/write_failure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace newsindex::indexer {

namespace fs = std::filesystem;
using storage::WriteFailureReport;

namespace {

// A part and the sub-database it is written into.
struct Part {
    PartRange range;
    fs::path path;
};

std::vector<Part> divide(const VersionPlan& plan, const CaptureLog& log, unsigned threads,
                         const fs::path& staging) {
    std::vector<Part> parts;
    for (const PartRange& range :
         part_ranges(plan.added.size(), threads, [&](std::size_t i) -> std::uint64_t {
             auto capture = plan.added[i].capture;
             return capture ? log.record_bytes(*capture) : 0;
         })) {
        parts.push_back({range, staging / fmt::format("part-{:06d}", parts.size())});
    }
    return parts;
}

// Writes one part: a fresh database, committed every kPartCommitVersions
// versions and at the end. It needs no sync: only the merged generation
// must survive a crash, and it is synced when it is published.
void build_part(const Part& part, const VersionPlan& plan, const CaptureLog& log,
                DocumentBuilder& builder, const Xapian::Database& current) {
    WriteFailureReport::Writing writing;  // additions flush as the part grows
    Xapian::WritableDatabase db(part.path.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                        Xapian::DB_NO_SYNC |
                                                        Xapian::DB_BACKEND_GLASS);
    VersionAdder adder(db);
    auto commit = [&](bool last) {
        adder.write_words(last);
        db.commit();
        storage::interruption_point("part");
    };
    for (std::size_t i = part.range.first; i < part.range.end; ++i) {
        storage::interruption_point("version");
        const NewVersion& version = plan.added[i];
        schema::VersionRecord text =
            version.capture ? log.record(*version.capture)
                            : schema::read_stored_version(current.get_document(*version.copy_of));
        adder.add(builder.build(planned_record(version, std::move(text)), version.state.id));
        if ((i + 1 - part.range.first) % kPartCommitVersions == 0) commit(false);
    }
    commit(true);
}

// Builds every part, each thread taking the next part not yet taken.
void build_parts(const std::vector<Part>& parts, const VersionPlan& plan, const CaptureLog& log,
                 const IndexWriter& writer) {
    const auto threads = static_cast<unsigned>(std::min<std::size_t>(writer.threads(), parts.size()));
    std::vector<DocumentBuilder> builders;
    // The database as the plan numbers it: its shards, as database().
    std::vector<Xapian::Database> current;
    for (unsigned t = 0; t < threads; ++t) {
        builders.emplace_back(writer.language());
        current.emplace_back(writer.directory().path().string());
    }
    parallel_for(threads, parts.size(), [&](unsigned thread, std::size_t p) {
        storage::interruption_point("part");
        build_part(parts[p], plan, log, builders[thread], current[thread]);
    });
}

}  // namespace

std::vector<PartRange> part_ranges(std::size_t versions, unsigned threads,
                                   const std::function<std::uint64_t(std::size_t)>& record_bytes) {
    std::vector<PartRange> parts;
    const std::size_t share = 2 * std::max(1u, threads);
    std::size_t size = 0;  // of the part being filled
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < versions; ++i) {
        if (parts.empty() || parts.back().end - parts.back().first >= size ||
            bytes >= kPartRecordBytes) {
            size = std::clamp((versions - i) / share, kPartCommitVersions, kPartVersions);
            parts.push_back({i, i});
            bytes = 0;
        }
        ++parts.back().end;
        bytes += record_bytes(i);
    }
    return parts;
}

std::uint64_t bulk_threshold(BulkPolicy policy, std::uint64_t packed, std::uint64_t unpacked) {
    switch (policy) {
        case BulkPolicy::kNever: return std::numeric_limits<std::uint64_t>::max();
        case BulkPolicy::kAlways: return 0;
        case BulkPolicy::kAuto: break;
    }
    // The least whole number of versions in place that is at least the
    // minimum and the share of the database.
    const auto share =
        static_cast<std::uint64_t>(std::ceil(kBulkShareOfDatabase * static_cast<double>(packed)));
    const std::uint64_t in_place = std::max(kBulkMinimumVersions, share);
    return in_place > unpacked ? in_place - unpacked : 0;
}

bool use_bulk_load(BulkPolicy policy, std::uint64_t added, std::uint64_t packed,
                   std::uint64_t unpacked) {
    return added >= bulk_threshold(policy, packed, unpacked);
}

void bulk_load(IndexWriter& writer, const VersionPlan& plan, const CaptureLog& log) {
    const storage::DatabaseDirectory& directory = writer.directory();
    fs::path generation;
    try {
        fs::create_directories(directory.staging());
        std::vector<Part> parts = divide(plan, log, writer.threads(), directory.staging());
        build_parts(parts, plan, log, writer);
        std::vector<fs::path> paths;
        for (const Part& part : parts) paths.push_back(part.path);
        generation = storage::compact_generation(directory, paths);
    } catch (const Xapian::Error& error) {
        throw storage::database_failure(error, writer.database_path());
    } catch (const fs::filesystem_error& error) {
        throw storage::write_failure(writer.database_path(), error);
    }
    writer.adopt(generation, plan.revised);
}

}  // namespace newsindex::indexer
