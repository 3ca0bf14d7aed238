#include "tests/support/test_support.h"

#include <fmt/format.h>
#include <zlib.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace newsindex::testing {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            fmt::format("newsindex-test-{}-{}-{}", getpid(), counter++, rd());
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input,
                          const std::vector<std::string>& env) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
            close(fd);
        }
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    CommandResult result;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    } else {
        fcntl(in_fd, F_SETFL, O_NONBLOCK);
    }
    int open_outputs = 2;
    while (open_outputs > 0 || in_fd >= 0) {
        std::vector<pollfd> fds;
        if (out_pipe[0] >= 0) fds.push_back({out_pipe[0], POLLIN, 0});
        if (err_pipe[0] >= 0) fds.push_back({err_pipe[0], POLLIN, 0});
        if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
        if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) break;
        for (auto& p : fds) {
            if (p.revents == 0) continue;
            if (p.fd == in_fd) {
                ssize_t n = write(in_fd, input.data() + written, input.size() - written);
                if (n > 0) written += static_cast<std::size_t>(n);
                if (n < 0 && errno != EAGAIN) written = input.size();
                if (written == input.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            char buf[65536];
            ssize_t n = read(p.fd, buf, sizeof buf);
            if (n > 0) {
                (p.fd == out_pipe[0] ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
            } else {
                close(p.fd);
                if (p.fd == out_pipe[0]) out_pipe[0] = -1; else err_pipe[0] = -1;
                --open_outputs;
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

CommandResult run_newsindex(const std::vector<std::string>& args, const std::string& input) {
    std::vector<std::string> argv{NEWSINDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, input);
}

CommandResult run_newsquery(const std::vector<std::string>& args) {
    std::vector<std::string> argv{NEWSQUERY_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) throw std::runtime_error("cannot open " + path.string());
    std::string content;
    char buf[65536];
    int n;
    while ((n = gzread(file, buf, sizeof buf)) > 0) content.append(buf, static_cast<std::size_t>(n));
    gzclose(file);
    std::vector<nlohmann::json> records;
    std::istringstream lines(content);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty()) records.push_back(nlohmann::json::parse(line));
    }
    return records;
}

void write_file(const fs::path& path, const std::string& text) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    FILE* f = fopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path.string());
    fwrite(text.data(), 1, text.size(), f);
    fclose(f);
}

fs::path shared_data_dir() { return fs::path(SHARED_DATA_DIR); }

}  // namespace newsindex::testing
