// Heap allocations made by this program so far: the benchmark binary replaces the global
// operator new (counting_new.cpp) so a benchmark can say how often a read allocates.
#pragma once

#include <cstddef>

namespace reportkit::bench {

// Calls of any operator new since the program started. Not synchronised: the benchmarks run on
// one thread.
std::size_t heap_allocations() noexcept;

// Bytes of heap held now, and the most held since reset_heap_peak().
std::size_t heap_live_bytes() noexcept;
std::size_t heap_peak_bytes() noexcept;
void reset_heap_peak() noexcept;

// How many times `f` allocates.
template <class F>
std::size_t allocations_of(F&& f) {
    std::size_t before = heap_allocations();
    f();
    return heap_allocations() - before;
}

} // namespace reportkit::bench
