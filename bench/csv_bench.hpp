// The CSV benchmarks (csv_bench.cpp), registered by reportkit-bench's main.
#pragma once

namespace reportkit::bench {
void register_csv_benchmarks();
} // namespace reportkit::bench
