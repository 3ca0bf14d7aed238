// Building the documents of planned versions on several threads while the
// calling thread writes them, in order, to a database. Term generation is
// most of the cost of a document and runs on every core; Xapian's writer
// takes one thread, so it runs beside the builders instead of after them.
#pragma once

#include "indexer/document_builder.h"
#include "indexer/version_plan.h"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <vector>

namespace newsindex::indexer {

// Builds the document of each version in [first, end) of `versions` from
// `record(i)` (called on the builder threads, so it must be thread-safe),
// one thread per builder, and calls `add(i, built)` on the calling
// thread in order of i (ordered_parallel, parallel.h: memory stays bounded;
// the first exception of `record`, a builder or `add` is rethrown here).
void build_documents(std::vector<DocumentBuilder>& builders, std::size_t first, std::size_t end,
                     const std::vector<NewVersion>& versions,
                     const std::function<schema::VersionRecord(std::size_t)>& record,
                     const std::function<void(std::size_t, BuiltVersion&&)>& add);

}  // namespace newsindex::indexer
