// reportkit-mock as a child process, for what only the executable shows: its flags, its stderr
// (warnings, log lines), its state file across a SIGKILL.
#pragma once

#include "../support/payloads.hpp"
#include "../support/process.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace reportkit::testing {

class MockProcess {
public:
    // Starts build/bin/reportkit-mock with `args`; stderr goes to `stderr_file`.
    MockProcess(std::vector<std::string> args, std::string stderr_file)
        : stderr_file_(std::move(stderr_file)) {
        args.insert(args.begin(), bin("reportkit-mock"));
        std::vector<char*> argv;
        for (std::string& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        int out[2];
        if (::pipe2(out, O_CLOEXEC) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addopen(&actions, 2, stderr_file_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        stdout_fd_ = out[0];
    }
    ~MockProcess() {
        kill(SIGKILL);
        if (stdout_fd_ >= 0)
            ::close(stdout_fd_);
    }
    MockProcess(const MockProcess&) = delete;
    MockProcess& operator=(const MockProcess&) = delete;

    bool started() const { return pid_ > 0; }

    // The next stdout line without its newline; nullopt at the end of output or after `limit`.
    std::optional<std::string> line(std::chrono::milliseconds limit = std::chrono::seconds(30)) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        std::size_t nl;
        while ((nl = out_.find('\n')) == std::string::npos) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{stdout_fd_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return std::nullopt;
            char chunk[4096];
            ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
            if (n <= 0)
                return std::nullopt;
            out_.append(chunk, static_cast<std::size_t>(n));
        }
        std::string l = out_.substr(0, nl);
        out_.erase(0, nl + 1);
        return l;
    }

    // Reads the banner: the base URL line, then "token <TOKEN>". False when the process did not
    // print them (it failed to start: see stderr()).
    bool read_banner() {
        auto url = line();
        auto token = line();
        if (!url || !token || token->rfind("token ", 0) != 0)
            return false;
        base_url_ = *url;
        token_ = token->substr(6);
        std::size_t colon = base_url_.rfind(':');
        port_ = std::atoi(base_url_.c_str() + colon + 1);
        return true;
    }
    const std::string& base_url() const { return base_url_; }
    std::string url() const { return base_url_.substr(0, base_url_.size() - 6); } // no /api/2
    const std::string& token() const { return token_; }
    int port() const { return port_; }

    // Sends `signal` (when still running) and waits; the exit status, or 128 + the signal's
    // number when a signal ended it.
    int kill(int signal) {
        if (pid_ > 0 && !exited_)
            ::kill(pid_, signal);
        return wait();
    }
    int wait() {
        if (pid_ > 0 && !exited_) {
            int raw = 0;
            ::waitpid(pid_, &raw, 0);
            exited_ = true;
            status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        }
        return status_;
    }

    // Everything the process wrote on stderr so far.
    std::string stderr_text() const { return read_file(stderr_file_); }

private:
    std::string stderr_file_;
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string out_;
    bool exited_ = false;
    int status_ = -1;
    std::string base_url_, token_;
    int port_ = 0;
};

} // namespace reportkit::testing
