// Running the project's executables from tests: a command line in, its exit status and output
// out.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace reportkit::testing {

struct Run {
    int status = -1; // exit status, or -1 when the process did not exit normally
    std::string out; // standard output (and standard error when the command redirects it)
};

inline Run run(const std::string& command) {
    Run r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return r;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        r.out.append(buffer.data(), n);
    int raw = ::pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

inline std::string bin(const std::string& name) {
    return std::string(REPORTKIT_BIN_DIR) + "/" + name;
}

} // namespace reportkit::testing
