// Pack: the fixed list of values a declaration holds (a struct's rules, its descriptions, a
// rule's paths), with the two things done to it: call a function with every element, and join
// two. Why not std::tuple: every payload header declares such lists, so every unit that includes
// one instantiated std::tuple's constructor constraints for each (a sixth of a unit's front end,
// measured with clang's -ftime-trace); an aggregate of indexed leaves needs none of them.
// Nor boost::hana::basic_tuple: hana's make and unpack were themselves among that trace's
// largest instantiations (169 and 102 of them).
#pragma once

#include <cstddef>
#include <utility>

namespace reportkit::detail {

template <std::size_t I, class T>
struct PackLeaf {
    T value;
};

template <class Indices, class... Ts>
struct PackBase;

template <std::size_t... I, class... Ts>
struct PackBase<std::index_sequence<I...>, Ts...> : PackLeaf<I, Ts>... {};

template <class... Ts>
struct Pack : PackBase<std::index_sequence_for<Ts...>, Ts...> {
    static constexpr std::size_t size = sizeof...(Ts);
};

template <class... Ts>
constexpr Pack<Ts...> make_pack(Ts... values) {
    return Pack<Ts...>{{{values}...}};
}

// f(element...), as std::apply does for a tuple.
template <class F, std::size_t... I, class... Ts>
constexpr decltype(auto) apply_pack_impl(F&& f,
                                         const PackBase<std::index_sequence<I...>, Ts...>& p) {
    return std::forward<F>(f)(static_cast<const PackLeaf<I, Ts>&>(p).value...);
}

template <class F, class... Ts>
constexpr decltype(auto) apply_pack(F&& f, const Pack<Ts...>& p) {
    return apply_pack_impl(std::forward<F>(f), p);
}

template <class... As, class... Bs>
constexpr Pack<As..., Bs...> join_packs(const Pack<As...>& a, const Pack<Bs...>& b) {
    return apply_pack(
        [&](const As&... first) {
            return apply_pack([&](const Bs&... second) { return make_pack(first..., second...); },
                              b);
        },
        a);
}

} // namespace reportkit::detail
