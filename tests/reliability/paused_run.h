// A newsindex run made to wait at a named step (NEWSINDEX_TEST_PAUSE_AT and
// NEWSINDEX_TEST_PAUSED_FILE, storage/interruption.h): the run creates the
// file when it gets there and waits for a signal, so a test acts at exactly
// that step, never on a guess of how long the run takes. At a safe point
// ("read", "batch", "part", …) SIGTERM then stops the run; at a pause point
// that is not one ("adopted", "published", …) SIGTERM lets it go on, and
// SIGKILL stops it there either way.
#pragma once

#include "tests/reliability/child_process.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace newsindex::testing {

// NAME=value in the environment of the children started while it lives.
class ScopedEnvironment {
  public:
    ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnvironment() { ::unsetenv(name_); }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

  private:
    const char* name_;
};

// Starts `argv` to pause at `pause_at` ("NAME" or "NAME#N", the Nth time),
// its output in `dir`/`name`.out and .err, and waits until it is paused
// there or has ended, calling `meanwhile` (if given) over and over while it
// waits. Only this child gets the pause: the environment is set while it
// starts.
inline std::unique_ptr<ChildProcess> start_paused(const std::vector<std::string>& argv,
                                                  const std::string& pause_at,
                                                  const std::filesystem::path& dir,
                                                  const std::string& name = "paused",
                                                  const std::function<void()>& meanwhile = {}) {
    std::filesystem::path paused = dir / (name + ".paused");
    std::filesystem::remove(paused);
    std::unique_ptr<ChildProcess> run;
    {
        ScopedEnvironment at("NEWSINDEX_TEST_PAUSE_AT", pause_at);
        ScopedEnvironment file("NEWSINDEX_TEST_PAUSED_FILE", paused.string());
        run = std::make_unique<ChildProcess>(argv, dir / name);
    }
    while (run->running() && !std::filesystem::exists(paused)) {
        if (meanwhile) {
            meanwhile();
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    EXPECT_TRUE(std::filesystem::exists(paused))
        << "the run ended (exit " << run->wait() << ") before reaching " << pause_at << ": "
        << run->err();
    return run;
}

// Lets a run paused by start_paused(…, dir, name) go on without a signal
// (its paused file removed). With `again`, waits until it pauses again (at
// a later occurrence its pause_at named: "NAME#1,2") or ends, and says
// whether it paused.
inline bool resume(ChildProcess& run, const std::filesystem::path& dir,
                   const std::string& name = "paused", bool again = false) {
    std::filesystem::path paused = dir / (name + ".paused");
    std::filesystem::remove(paused);
    if (!again) return false;
    while (run.running() && !std::filesystem::exists(paused)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::filesystem::exists(paused);
}

}  // namespace newsindex::testing
