#include "run_command.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace reportkit::mock::tool {

namespace {

// The child's environment: this process's, with the variables `changes` names set or removed.
std::vector<std::string> changed_environment(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& changes) {
    std::map<std::string, std::optional<std::string>> names(changes.begin(), changes.end());
    std::vector<std::string> result;
    for (char** e = environ; *e; ++e) {
        std::string_view entry = *e;
        std::string name(entry.substr(0, entry.find('=')));
        if (!names.contains(name))
            result.emplace_back(entry);
    }
    for (const auto& [name, value] : names)
        if (value)
            result.push_back(name + '=' + *value);
    return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (std::string& s : strings)
        result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

} // namespace

int run_command(const std::vector<std::string>& command,
                const std::vector<std::pair<std::string, std::optional<std::string>>>& environment,
                const sigset_t& stop_signals) {
    std::vector<std::string> args = command;
    std::vector<std::string> env = changed_environment(environment);
    std::vector<char*> argv = pointers(args), envp = pointers(env);

    // The mock blocks its stop signals in every thread; the command starts with none blocked
    // and their default actions, as if a shell had started it.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &stop_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    sigset_t waited = stop_signals;
    sigaddset(&waited, SIGCHLD);

    pid_t child = 0;
    int spawned = posix_spawnp(&child, argv[0], nullptr, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        std::cerr << "reportkit-mock: cannot run \"" << command.front()
                  << "\": " << std::strerror(spawned) << '\n';
        return 127;
    }

    for (;;) {
        int signal = 0;
        sigwait(&waited, &signal);
        if (signal != SIGCHLD) {
            kill(child, signal);
            continue;
        }
        int status = 0;
        pid_t ended = waitpid(child, &status, WNOHANG);
        if (ended == child) {
            if (WIFEXITED(status))
                return WEXITSTATUS(status);
            if (WIFSIGNALED(status))
                return 128 + WTERMSIG(status);
        } else if (ended < 0 && errno != EINTR) {
            return 127;
        }
    }
}

} // namespace reportkit::mock::tool
