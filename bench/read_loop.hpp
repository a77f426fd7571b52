// The timed loop every read benchmark shares, so reportkit and its baselines are measured the
// same way: bytes/s of the payload and the heap allocations of one read.
#pragma once

#include "counting_new.hpp"

#include <cstdint>
#include <functional>
#include <string>

#include <benchmark/benchmark.h>

namespace reportkit::bench {

inline void set_bytes(benchmark::State& state, std::size_t bytes_per_iteration) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes_per_iteration));
}

// Runs `read` in the timed loop. `read` returns false when the payload was not accepted: a
// baseline that rejects the payload would be measuring something else, so that ends the
// benchmark with an error.
inline void read_loop(benchmark::State& state, const std::string& text,
                      const std::function<bool()>& read) {
    if (!read()) {
        state.SkipWithError("the payload was not accepted");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(read());
    set_bytes(state, text.size());
    state.counters["allocs"] = static_cast<double>(allocations_of(read));
}

// The schema-validator baselines, each in its own translation unit (their headers are heavy).
void read_rapidjson_schema(benchmark::State& state, const std::string& text);
void read_valijson(benchmark::State& state, const std::string& text);

} // namespace reportkit::bench
