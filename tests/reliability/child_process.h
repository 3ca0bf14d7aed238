// A command started in the background, for tests that kill or overlap runs:
// run_command (tests/support) waits for its child; these tests must not.
// Standard input is /dev/null; standard output and error go to files, so a
// child never blocks on a full pipe while the test is busy elsewhere.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace newsindex::testing {

class ChildProcess {
  public:
    // Starts argv (argv[0] is the program path). Output goes to
    // `output_prefix` + ".out" and ".err".
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& output_prefix)
        : out_path_(output_prefix.string() + ".out"), err_path_(output_prefix.string() + ".err") {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        // SIGINT and SIGTERM as a terminal gives them, even when the test
        // runs with them ignored (a background job of a script, nohup).
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGINT);
        sigaddset(&defaults, SIGTERM);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
        std::vector<char*> args;
        for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        int error = posix_spawn(&pid_, args[0], &actions, &attributes, args.data(), environ);
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
        if (error != 0) throw std::runtime_error("cannot start " + argv[0]);
    }

    ~ChildProcess() {
        if (!reaped_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // True while the process has not ended (reaps it when it has).
    bool running() {
        if (reaped_) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) record(status);
        return !reaped_;
    }

    void kill(int signal = SIGKILL) {
        if (!reaped_) ::kill(pid_, signal);
    }

    // Waits for the end; the exit code, or 128 + signal number when killed.
    int wait() {
        if (!reaped_) {
            int status = 0;
            while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            record(status);
        }
        return exit_code_;
    }

    bool killed_by(int signal) const { return reaped_ && exit_code_ == 128 + signal; }
    pid_t pid() const { return pid_; }
    // Whether it ended by exiting (its exit code its own), not by a signal.
    bool exited() const { return reaped_ && exited_; }
    std::string out() const { return slurp(out_path_); }
    std::string err() const { return slurp(err_path_); }

  private:
    void record(int status) {
        reaped_ = true;
        exited_ = WIFEXITED(status);
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    static std::string slurp(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::string out_path_, err_path_;
    pid_t pid_ = -1;
    bool reaped_ = false;
    bool exited_ = false;
    int exit_code_ = -1;
};

}  // namespace newsindex::testing
