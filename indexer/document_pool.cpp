#include "indexer/document_pool.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace newsindex::indexer {

namespace {
// Documents a builder may run ahead of the writer, per builder thread.
constexpr std::size_t kLookaheadPerBuilder = 64;
}  // namespace

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void build_documents(std::vector<DocumentBuilder>& builders, std::size_t first, std::size_t end,
                     const std::vector<NewVersion>& versions,
                     const std::function<schema::VersionRecord(std::size_t)>& record,
                     const std::function<void(std::size_t, BuiltVersion&&)>& add) {
    if (first >= end) return;
    if (builders.size() <= 1 || end - first == 1) {
        for (std::size_t i = first; i < end; ++i) add(i, builders.front().build(record(i), versions[i].state.id));
        return;
    }

    // A ring of slots: document i waits in slot i % window until written.
    const std::size_t window = kLookaheadPerBuilder * builders.size();
    std::vector<std::optional<BuiltVersion>> slots(window);
    std::mutex mutex;
    std::condition_variable built, written;
    std::size_t next = first;      // the next document a builder takes
    std::size_t writing = first;   // the next document add() takes
    bool stop = false;
    std::exception_ptr failure;

    auto build = [&](DocumentBuilder& builder) {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(mutex);
                written.wait(lock, [&] { return stop || next >= end || next < writing + window; });
                if (stop || next >= end) return;
                i = next++;
            }
            try {
                BuiltVersion built = builder.build(record(i), versions[i].state.id);
                std::lock_guard lock(mutex);
                slots[i % window] = std::move(built);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            built.notify_all();
            written.notify_all();
        }
    };

    std::vector<std::thread> threads;
    try {
        for (DocumentBuilder& builder : builders) threads.emplace_back(build, std::ref(builder));
        for (std::size_t i = first; i < end; ++i) {
            BuiltVersion version;
            {
                std::unique_lock lock(mutex);
                built.wait(lock, [&] { return stop || slots[i % window].has_value(); });
                if (stop) break;
                version = std::move(*slots[i % window]);
                slots[i % window].reset();
                writing = i + 1;
            }
            written.notify_all();
            add(i, std::move(version));
        }
    } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    written.notify_all();
    for (std::thread& thread : threads) thread.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace newsindex::indexer
