// How a rule names its field (a member pointer, or a path of them across nesting) and the
// conditions on a field's value that rules depend on (core/rules.hpp).
#pragma once

#include <reportkit/core/rule_context.hpp>

#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/detail/pack.hpp>
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
#include <type_traits>
#include <vector>

namespace reportkit {

namespace detail {
template <class M>
struct member_traits;
template <class C, class M>
struct member_traits<M C::*> {
    using owner = C;
    using type = M;
};
} // namespace detail

// A chain of member pointers from the struct that declares a rule to the field it names.
template <class... Members>
struct Path {
    detail::Pack<Members...> members;

    // The last member's type (a comma fold yields its last operand).
    using Declared = typename detail::member_traits<typename decltype((
        std::type_identity<Members>{}, ...))::type>::type;
    using Value = unwrap_optional_t<Declared>;

    // The field's value, or why there is none to judge.
    struct Found {
        FieldState state = FieldState::absent;
        const Value* value = nullptr;
        bool at_leaf = true; // false: a field on the way to it is missing or invalid
    };

    template <class Root>
    Found find(const Root& root, const RuleContext& ctx) const {
        return detail::apply_pack([&](auto... m) { return step(&root, ctx, m...); }, members);
    }

    // "/schedule/type", relative to the declaring struct.
    std::string pointer() const {
        std::string p;
        detail::apply_pack([&](auto... m) { (append_pointer_token(p, field_name(m)), ...); },
                           members);
        return p;
    }

    // {"schedule", "type"}: the same steps as field names.
    std::vector<std::string_view> names() const {
        return detail::apply_pack(
            [](auto... m) { return std::vector<std::string_view>{field_name(m)...}; }, members);
    }

private:
    template <class C, class M, class... Rest>
    static Found step(const C* obj, const RuleContext& ctx, M C::*member, Rest... rest) {
        constexpr bool leaf = sizeof...(Rest) == 0;
        const M& field = obj->*member;
        if (FieldState s = ctx.state(&field); s != FieldState::ok)
            return {s, nullptr, leaf};
        const unwrap_optional_t<M>* inner;
        if constexpr (is_optional_v<M>) {
            if (!field)
                return {FieldState::absent, nullptr, leaf};
            inner = &*field;
        } else {
            inner = &field;
        }
        if constexpr (leaf)
            return {FieldState::ok, inner, true};
        else
            return step(inner, ctx, rest...);
    }
};

template <class... Members>
constexpr Path<Members...> path(Members... members) {
    return Path<Members...>{detail::make_pack(members...)};
}

template <class T>
constexpr auto as_path(T target) {
    if constexpr (std::is_member_object_pointer_v<T>)
        return path(target);
    else
        return target;
}

// Conditions: "the field at this path has this value / one of these values". A condition on a
// field that is missing or invalid is unknown, and rules that depend on it stay silent.
template <class P, std::size_t N>
struct OneOf {
    P path;
    std::array<typename P::Value, N> values;

    template <class Root>
    std::optional<bool> holds(const Root& root, const RuleContext& ctx) const {
        auto found = path.find(root, ctx);
        if (found.state == FieldState::absent && found.at_leaf)
            return false;
        if (found.state != FieldState::ok)
            return std::nullopt;
        // A loop, not std::find: for the one or two values a condition has, std::find's unrolled
        // search cost more than the comparisons.
        for (const auto& value : values)
            if (value == *found.value)
                return true;
        return false;
    }
    std::string describe(const RuleContext& ctx) const { return describe_at(ctx.pointer()); }
    // The condition in words, its field's pointer starting at `prefix`.
    std::string describe_at(std::string_view prefix) const {
        std::string s = detail::join({prefix, path.pointer(), N == 1 ? " is " : " is one of "});
        for (std::size_t i = 0; i < N; ++i) {
            if (i)
                s += i + 1 == N ? " or " : ", ";
            s += describe_value(values[i]);
        }
        return s;
    }
    template <class Root>
    std::string actual(const Root& root, const RuleContext& ctx) const {
        auto found = path.find(root, ctx);
        return found.value ? describe_value(*found.value) : std::string("absent");
    }
};

template <class Target, class V>
constexpr auto is(Target target, V value) {
    auto p = as_path(target);
    return OneOf<decltype(p), 1>{p, {value}};
}

template <class Target, class V, class... Vs>
constexpr auto is_one_of(Target target, V first, Vs... rest) {
    auto p = as_path(target);
    return OneOf<decltype(p), 1 + sizeof...(Vs)>{p, {first, rest...}};
}

} // namespace reportkit
