#include "indexer/repair.h"

#include "storage/database_directory.h"

#include <fmt/format.h>

#include <system_error>

namespace newsindex::indexer {

std::vector<std::string> repair_database(const WriterOptions& options) {
    const std::string& path = options.database;
    namespace fs = std::filesystem;
    storage::DatabaseDirectory directory(path);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        throw IndexError(fmt::format("no database at {}: nothing to repair", path),
                         exit_code::kCantCreate);
    }
    std::vector<std::string> done;
    if (!fs::exists(fs::path(path) / schema::kGlassVersionFile, ec)) {
        done.push_back(directory.repair_shard_list());
    }
    IndexWriter writer(options);
    done.push_back(writer.completed_batch()
                       ? "completed the batch a run left half committed: readers see it whole"
                       : "no half-committed batch, no damage found");
    writer.finish();
    return done;
}

}  // namespace newsindex::indexer
