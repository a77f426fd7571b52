// Replacements of the global allocation functions that count every allocation, so the benchmarks
// can report allocations per read next to their timings. They forward to malloc and
// aligned_alloc; every form of operator new and delete is replaced so pairs always match.
#include "counting_new.hpp"

#include <algorithm>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace {
std::size_t allocation_count = 0;
std::size_t live = 0, peak = 0; // bytes of the blocks malloc handed out

void* counted(void* p) {
    if (!p)
        throw std::bad_alloc();
    ++allocation_count;
    live += malloc_usable_size(p);
    peak = std::max(peak, live);
    return p;
}

void* allocate(std::size_t size) {
    return counted(std::malloc(size ? size : 1));
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
    auto a = static_cast<std::size_t>(alignment);
    std::size_t rounded = (size + a - 1) / a * a; // aligned_alloc wants a multiple
    return counted(std::aligned_alloc(a, rounded ? rounded : a));
}

void release(void* p) noexcept {
    if (p)
        live -= malloc_usable_size(p);
    std::free(p);
}
} // namespace

std::size_t reportkit::bench::heap_allocations() noexcept {
    return allocation_count;
}
std::size_t reportkit::bench::heap_live_bytes() noexcept {
    return live;
}
std::size_t reportkit::bench::heap_peak_bytes() noexcept {
    return peak;
}
void reportkit::bench::reset_heap_peak() noexcept {
    peak = live;
}

void* operator new(std::size_t size) {
    return allocate(size);
}
void* operator new[](std::size_t size) {
    return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    return operator new(size, std::nothrow);
}
void* operator new(std::size_t size, std::align_val_t a) {
    return allocate_aligned(size, a);
}
void* operator new[](std::size_t size, std::align_val_t a) {
    return allocate_aligned(size, a);
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(size, a);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    return operator new(size, a, std::nothrow);
}

void operator delete(void* p) noexcept {
    release(p);
}
void operator delete[](void* p) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    release(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    release(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    release(p);
}
