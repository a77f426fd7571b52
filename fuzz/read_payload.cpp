// libFuzzer target: arbitrary bytes through from_json<REPORTKIT_FUZZ_PAYLOAD>. The reader must
// never crash, leak or trip a sanitizer, and must always explain a rejection.
//
// Built once per payload type (fuzz/CMakeLists.txt defines REPORTKIT_FUZZ_PAYLOAD).
#include "checks.hpp"

#include <cstdio>
#include <cstdlib>

namespace rk = reportkit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string problem =
        rk::fuzz::read_problem<REPORTKIT_FUZZ_PAYLOAD>(rk::fuzz::as_text(data, size));
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
