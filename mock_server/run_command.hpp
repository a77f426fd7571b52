// `reportkit-mock --run -- COMMAND [ARGS...]`: the mock serves while one command runs, so a CI
// job in any language is one line (`reportkit-mock --run -- pytest`).
#pragma once

#include <csignal>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reportkit::mock::tool {

// Runs `command` (looked up on PATH) with this process's environment changed by `environment`
// (a value sets a variable, nullopt removes it) and waits for it. The caller has blocked
// `stop_signals` and SIGCHLD in every thread before starting any, so that they wait for sigwait
// here; SIGINT and SIGTERM that reach this process are passed on to the command, which decides when
// to end. Returns the command's exit status, 128 + N when signal N ended it, or 127 when it could
// not be started (with a message on stderr, as a shell does).
int run_command(const std::vector<std::string>& command,
                const std::vector<std::pair<std::string, std::optional<std::string>>>& environment,
                const sigset_t& stop_signals);

} // namespace reportkit::mock::tool
