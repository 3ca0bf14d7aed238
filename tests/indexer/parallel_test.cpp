#include "indexer/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace newsindex::indexer {
namespace {

// Work that takes longer the earlier the item, so that later items finish
// first on several threads.
std::string slow_square(std::size_t i, std::size_t count) {
    std::this_thread::sleep_for(std::chrono::microseconds(50 * (count - i)));
    return std::to_string(i * i);
}

TEST(OrderedParallel, ResultsAreTakenInInputOrder) {
    for (unsigned threads : {1u, 2u, 7u}) {
        const std::size_t count = 200;
        std::vector<std::size_t> numbers;
        std::vector<std::string> results;
        ordered_parallel_for(
            threads, count, 3, [&](unsigned, std::size_t i) { return slow_square(i, count); },
            [&](std::size_t i, std::string&& result) {
                numbers.push_back(i);
                results.push_back(std::move(result));
            });
        ASSERT_EQ(results.size(), count) << threads << " threads";
        for (std::size_t i = 0; i < count; ++i) {
            EXPECT_EQ(numbers[i], i) << threads << " threads";
            EXPECT_EQ(results[i], std::to_string(i * i)) << threads << " threads";
        }
    }
}

TEST(OrderedParallel, ItemsComeFromTheSourceInOrderUntilItIsEmpty) {
    std::vector<std::string> words{"one", "two", "three", "four", "five"};
    std::size_t next = 0;
    std::vector<std::size_t> lengths;
    ordered_parallel(
        3, 2,
        [&]() -> std::optional<std::string> {
            if (next == words.size()) return std::nullopt;
            return words[next++];
        },
        [](unsigned, std::string&& word) { return word.size(); },
        [&](std::size_t length) { lengths.push_back(length); });
    EXPECT_EQ(lengths, (std::vector<std::size_t>{3, 3, 5, 4, 4}));
}

TEST(OrderedParallel, OneThreadRunsEverythingOnTheCallingThread) {
    const std::thread::id caller = std::this_thread::get_id();
    std::vector<std::size_t> taken;
    ordered_parallel_for(
        1, 5, 1,
        [&](unsigned thread, std::size_t i) {
            EXPECT_EQ(thread, 0u);
            EXPECT_EQ(std::this_thread::get_id(), caller);
            return i;
        },
        [&](std::size_t, std::size_t i) { taken.push_back(i); });
    EXPECT_EQ(taken, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(OrderedParallel, NoItemsTakesNothing) {
    bool took = false;
    ordered_parallel_for(
        4, 0, 4, [](unsigned, std::size_t i) { return i; },
        [&](std::size_t, std::size_t) { took = true; });
    EXPECT_FALSE(took);
}

TEST(OrderedParallel, AThreadNumberIsNeverInUseTwiceAtOnce) {
    const unsigned threads = 4;
    std::vector<std::atomic<int>> busy(threads);
    std::atomic<bool> overlapped{false};
    parallel_for(threads, 400, [&](unsigned thread, std::size_t) {
        ASSERT_LT(thread, threads);
        if (busy[thread]++ != 0) overlapped = true;
        std::this_thread::sleep_for(std::chrono::microseconds(20));
        --busy[thread];
    });
    EXPECT_FALSE(overlapped);
}

TEST(OrderedParallel, WorkNeverRunsMoreThanTheWindowAheadOfTake) {
    const std::size_t window = 3;
    std::atomic<std::size_t> taken{0};
    std::atomic<bool> too_far{false};
    ordered_parallel_for(
        4, 100, window,
        [&](unsigned, std::size_t i) {
            if (i > taken + window) too_far = true;  // one take may be under way
            return i;
        },
        [&](std::size_t, std::size_t) {
            std::this_thread::sleep_for(std::chrono::microseconds(20));
            ++taken;
        });
    EXPECT_FALSE(too_far);
    EXPECT_EQ(taken, 100u);
}

TEST(OrderedParallel, AnExceptionOfWorkIsRethrownAndStopsTheRest) {
    for (unsigned threads : {1u, 3u}) {
        std::atomic<std::size_t> started{0};
        std::vector<std::size_t> taken;
        EXPECT_THROW(ordered_parallel_for(
                         threads, 10'000, 8,
                         [&](unsigned, std::size_t i) {
                             ++started;
                             if (i == 20) throw std::runtime_error("item 20");
                             return i;
                         },
                         [&](std::size_t i, std::size_t) { taken.push_back(i); }),
                     std::runtime_error)
            << threads << " threads";
        EXPECT_LT(started, 10'000u) << threads << " threads";
        for (std::size_t i = 0; i < taken.size(); ++i) EXPECT_EQ(taken[i], i);
        EXPECT_LE(taken.size(), 20u);
    }
}

TEST(OrderedParallel, AnExceptionOfTakeIsRethrown) {
    for (unsigned threads : {1u, 3u}) {
        std::size_t taken = 0;
        try {
            ordered_parallel_for(
                threads, 1000, 8, [](unsigned, std::size_t i) { return i; },
                [&](std::size_t i, std::size_t) {
                    if (i == 5) throw std::logic_error("took 5");
                    ++taken;
                });
            ADD_FAILURE() << "no exception";
        } catch (const std::logic_error& error) {
            EXPECT_EQ(std::string(error.what()), "took 5");
        }
        EXPECT_EQ(taken, 5u);
    }
}

TEST(OrderedParallel, AnExceptionOfTheSourceIsRethrown) {
    std::size_t next = 0;
    EXPECT_THROW(ordered_parallel(
                     2, 4,
                     [&]() -> std::optional<std::size_t> {
                         if (next == 3) throw std::out_of_range("source");
                         return next++;
                     },
                     [](unsigned, std::size_t i) { return i; }, [](std::size_t) {}),
                 std::out_of_range);
}

TEST(ParallelFor, RunsEveryNumberOnce) {
    std::vector<std::atomic<int>> runs(300);
    parallel_for(3, runs.size(), [&](unsigned, std::size_t i) { ++runs[i]; });
    for (std::size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], 1) << i;
}

TEST(ThreadCount, ZeroMeansOnePerCoreAndAtLeastOne) {
    EXPECT_EQ(thread_count(3), 3u);
    EXPECT_GE(thread_count(0), 1u);
    EXPECT_EQ(thread_count(0), std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace
}  // namespace newsindex::indexer
