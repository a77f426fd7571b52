// Finding the repeated items of an array, for the unique rule (core/rules.hpp).
#pragma once

#include <reportkit/core/reflect.hpp>

#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/reflect.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace reportkit {

namespace detail {
// Calls found(i, j) for each item i, in order, that equals an earlier item, j being the first
// such. Small arrays are compared pairwise, which needs no memory; larger ones of hashable
// items go through an open-addressing table of item indexes, on the stack up to a few hundred
// items, so a 1,000-item array costs linear time instead of half a million comparisons.
template <class Items, class Found>
void for_each_duplicate(const Items& items, Found found) {
    using Item = typename Items::value_type;
    const std::size_t n = items.size();
    constexpr std::size_t pairwise_limit = 16;
    if constexpr (requires(const Item& v) { std::hash<Item>{}(v); }) {
        if (n > pairwise_limit) {
            std::size_t slots = 64;
            while (slots < 2 * n)
                slots *= 2;
            std::array<std::uint32_t, 1024> local; // only its first `slots` are cleared
            std::vector<std::uint32_t> heap;
            std::uint32_t* table = local.data(); // item index + 1; 0 is an empty slot
            if (slots > local.size()) {
                heap.assign(slots, 0);
                table = heap.data();
            } else {
                std::fill_n(table, slots, 0u);
            }
            int shift = 64 - std::countr_zero(slots);
            for (std::size_t i = 0; i < n; ++i) {
                // Fibonacci hashing spreads weak hashes over the table's high bits.
                std::size_t s = static_cast<std::size_t>(
                    (std::uint64_t{std::hash<Item>{}(items[i])} * 0x9e3779b97f4a7c15ULL) >> shift);
                for (;; s = (s + 1) & (slots - 1)) {
                    if (table[s] == 0) {
                        table[s] = static_cast<std::uint32_t>(i + 1);
                        break;
                    }
                    if (items[table[s] - 1] == items[i]) {
                        found(i, std::size_t{table[s] - 1});
                        break;
                    }
                }
            }
            return;
        }
    }
    for (std::size_t i = 1; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (items[i] == items[j]) {
                found(i, j);
                break;
            }
}
} // namespace detail

} // namespace reportkit
