// libFuzzer target: read -> write -> read is the identity on every accepted input, for every
// payload type (the input is read as each type in turn).
#include "checks.hpp"

#include <cstdio>
#include <cstdlib>

namespace rk = reportkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = rk::fuzz::as_text(data, size);
    std::string problem;
    rk::fuzz::for_each_payload([&]<class T>() {
        if (problem.empty())
            problem = rk::fuzz::round_trip_problem<T>(text);
    });
    if (!problem.empty()) {
        std::fprintf(stderr, "round trip broken: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
