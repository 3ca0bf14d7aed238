#include "storage/interruption.h"

#include <fmt/format.h>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace newsindex::storage {

namespace {

// The first signal received; 0 until then. Written by the handler only.
std::atomic<int> requested{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

extern "C" void on_stop_signal(int signal) {
    int none = 0;
    if (requested.compare_exchange_strong(none, signal)) return;
    // A second signal: end now, by the signal's default action (sigaction
    // and raise are async-signal-safe; the signal is blocked until the
    // handler returns, then delivered).
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(signal, &default_action, nullptr);
    raise(signal);
}

// The test hook of interruption_point: where to pause, and the file that
// says the run got there.
struct PausePoint {
    std::string name;
    std::vector<long> occurrences{1};  // the times `name` is reached to pause at, from 1
    std::string paused_file;
    std::atomic<long> reached{0};
};

// The pause NEWSINDEX_TEST_PAUSE_AT asks for ("NAME", "NAME#N" or
// "NAME#N,M,…"), or null (always, outside tests).
PausePoint* wanted_pause() {
    static PausePoint point;
    static const bool wanted = [] {
        const char* at = std::getenv("NEWSINDEX_TEST_PAUSE_AT");
        const char* file = std::getenv("NEWSINDEX_TEST_PAUSED_FILE");
        if (!at || !*at || !file || !*file) return false;
        std::string_view spec = at;
        if (auto hash = spec.find('#'); hash != std::string_view::npos) {
            point.occurrences.clear();
            for (const char* next = spec.data() + hash + 1; *next;) {
                char* end = nullptr;
                point.occurrences.push_back(std::max(1L, std::strtol(next, &end, 10)));
                next = *end == ',' ? end + 1 : end + std::strlen(end);
            }
            spec = spec.substr(0, hash);
        }
        point.name = spec;
        point.paused_file = file;
        return true;
    }();
    return wanted ? &point : nullptr;
}

void pause_for_test(PausePoint& point) {
    {
        std::ofstream(point.paused_file) << "paused\n";
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (requested.load() == 0 && std::filesystem::exists(point.paused_file) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace

void catch_interruptions() {
    for (int signal : {SIGTERM, SIGINT}) {
        struct sigaction previous {};
        if (sigaction(signal, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(signal, &action, nullptr);
    }
}

int interruption_signal() { return requested.load(std::memory_order_relaxed); }

Interrupted::Interrupted(int signal)
    : signal_(signal),
      message_(signal == SIGTERM  ? "interrupted by SIGTERM"
               : signal == SIGINT ? "interrupted by SIGINT"
                                  : fmt::format("interrupted by signal {}", signal)) {}

int Interrupted::exit_code() const { return exit_code::kInterruptedBase + signal_; }

StorageError interrupted_run(const Interrupted& stop, std::string_view kept) {
    return StorageError(
        fmt::format("{}: {}; run the same command again to complete it", stop.what(), kept),
        stop.exit_code());
}

void pause_point(std::string_view name) {
    if (PausePoint* point = wanted_pause(); point && name == point->name) {
        const long reached = ++point->reached;
        if (std::ranges::find(point->occurrences, reached) != point->occurrences.end()) {
            pause_for_test(*point);
        }
    }
}

void interruption_point(std::string_view name) {
    pause_point(name);
    if (int signal = interruption_signal()) throw Interrupted(signal);
}

}  // namespace newsindex::storage
