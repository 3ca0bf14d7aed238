#include "indexer/document_pool.h"

#include "indexer/parallel.h"

#include <utility>

namespace newsindex::indexer {

namespace {
// Documents a builder may run ahead of the writer, per builder thread.
constexpr std::size_t kLookaheadPerBuilder = 64;
}  // namespace

void build_documents(std::vector<DocumentBuilder>& builders, std::size_t first, std::size_t end,
                     const std::vector<NewVersion>& versions,
                     const std::function<schema::VersionRecord(std::size_t)>& record,
                     const std::function<void(std::size_t, BuiltVersion&&)>& add) {
    if (first >= end) return;
    const auto threads = static_cast<unsigned>(end - first == 1 ? 1 : builders.size());
    ordered_parallel_for(
        threads, end - first, kLookaheadPerBuilder * builders.size(),
        [&](unsigned thread, std::size_t k) {
            return builders[thread].build(record(first + k), versions[first + k].state.id);
        },
        [&](std::size_t k, BuiltVersion&& built) { add(first + k, std::move(built)); });
}

}  // namespace newsindex::indexer
