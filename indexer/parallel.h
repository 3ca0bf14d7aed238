// Work spread over threads, its results taken in order on the calling
// thread. The indexer's parallel stages (parsing input, building documents,
// building the parts of a bulk load) all run through ordered_parallel, so
// thread counts, bounded memory, stopping and error handling are decided
// here once.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace newsindex::indexer {

// `requested` threads, or one per processor core when 0 (at least one).
unsigned thread_count(unsigned requested);

// Calls `next()` for items until it returns nothing, `work(thread, item)`
// for each item on one of `threads` threads (thread in [0, threads)), and
// `take(result)` on the calling thread for each result, in the order of the
// items. `next` is called on the worker threads, one call at a time, so it
// needs no lock of its own; `work` runs on several threads at once, but
// never twice at once with the same thread number, so per-thread state can
// be indexed by it. Work runs at most `window` items ahead of `take`, which
// bounds memory. With one thread everything runs on the calling thread.
// When `work` returns nothing, `take` is never called.
//
// The first exception of `next`, `work` or `take` stops the work (items
// begun are finished, no new one begins) and is rethrown here once every
// thread has ended.
template <class Next, class Work, class Take>
void ordered_parallel(unsigned threads, std::size_t window, Next&& next, Work&& work,
                      Take&& take) {
    using Item = typename std::invoke_result_t<Next&>::value_type;
    using Result = std::invoke_result_t<Work&, unsigned, Item&&>;
    constexpr bool kVoid = std::is_void_v<Result>;
    using Slot = std::optional<std::conditional_t<kVoid, std::monostate, Result>>;

    threads = std::max(1u, threads);
    if (threads == 1) {
        while (std::optional<Item> item = next()) {
            if constexpr (kVoid) {
                work(0u, std::move(*item));
            } else {
                take(work(0u, std::move(*item)));
            }
        }
        return;
    }

    // A ring of slots: the result of item i waits in slot i % window until
    // taken. `source` serializes next() and numbers the items it returns;
    // `mutex` guards everything else.
    window = std::max<std::size_t>(1, window);
    std::vector<Slot> slots(window);
    std::mutex source, mutex;
    std::condition_variable done, room;
    std::size_t issued = 0;          // items next() returned
    std::size_t taken = 0;           // results take() received
    bool exhausted = false;          // next() returned nothing
    bool stop = false;
    std::exception_ptr failure;
    auto fail = [&] {
        {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
        done.notify_all();
        room.notify_all();
    };

    auto worker = [&](unsigned thread) {
        for (;;) {
            try {
                std::unique_lock from(source);
                std::size_t i;
                {
                    std::unique_lock lock(mutex);
                    room.wait(lock, [&] { return stop || exhausted || issued < taken + window; });
                    if (stop || exhausted) return;
                    i = issued;
                }
                std::optional<Item> item = next();
                {
                    std::lock_guard lock(mutex);
                    if (item) {
                        ++issued;
                    } else {
                        exhausted = true;
                    }
                }
                from.unlock();
                if (!item) {
                    done.notify_all();
                    room.notify_all();
                    return;
                }
                Slot result;
                if constexpr (kVoid) {
                    work(thread, std::move(*item));
                    result.emplace();
                } else {
                    result.emplace(work(thread, std::move(*item)));
                }
                {
                    std::lock_guard lock(mutex);
                    slots[i % window] = std::move(result);
                }
                done.notify_all();
            } catch (...) {
                fail();
                return;
            }
        }
    };

    std::vector<std::thread> pool;
    try {
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
        for (std::size_t i = 0;; ++i) {
            Slot result;
            {
                std::unique_lock lock(mutex);
                done.wait(lock, [&] {
                    return stop || slots[i % window].has_value() || (exhausted && i >= issued);
                });
                if (stop || !slots[i % window]) break;
                result = std::move(slots[i % window]);
                slots[i % window].reset();
                taken = i + 1;
            }
            room.notify_all();
            if constexpr (!kVoid) take(std::move(*result));
        }
    } catch (...) {  // take() failed, or a thread could not be started
        fail();
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    room.notify_all();
    for (std::thread& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

// A source of the numbers [0, count), in order, for ordered_parallel.
inline auto numbers(std::size_t count) {
    return [next = std::size_t{0}, count]() mutable -> std::optional<std::size_t> {
        if (next == count) return std::nullopt;
        return next++;
    };
}

// ordered_parallel over the numbers [0, count): `work(thread, i)`, then
// `take(i, result)` in order of i.
template <class Work, class Take>
void ordered_parallel_for(unsigned threads, std::size_t count, std::size_t window, Work&& work,
                          Take&& take) {
    ordered_parallel(
        threads, window, numbers(count),
        [&](unsigned thread, std::size_t i) { return std::pair{i, work(thread, i)}; },
        [&](auto&& numbered) { take(numbered.first, std::move(numbered.second)); });
}

// `work(thread, i)` for every i in [0, count) on `threads` threads, each
// thread taking the next number not yet taken; exceptions as above.
template <class Work>
void parallel_for(unsigned threads, std::size_t count, Work&& work) {
    ordered_parallel(
        threads, count, numbers(count),
        [&](unsigned thread, std::size_t i) { work(thread, i); }, [](std::monostate) {});
}

}  // namespace newsindex::indexer
