// The rules on arrays (core/rules.hpp): non-empty, empty, unique, and items drawn from a
// subset.
#pragma once

#include <reportkit/core/detail/duplicates.hpp>
#include <reportkit/core/rule_path.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

namespace reportkit {

template <class P>
struct NonEmpty {
    P target;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state == FieldState::ok && found.value->empty())
            ctx.report(target.pointer(), code::non_empty, Severity::error,
                       "expected at least one item, got an empty array");
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.keyword(target, "minItems", 1);
    }
};

template <class Target>
constexpr auto non_empty(Target target) {
    auto p = as_path(target);
    return NonEmpty<decltype(p)>{p};
}

template <class P, class Condition>
struct NonEmptyIf {
    P target;
    Condition condition;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state == FieldState::ok && found.value->empty()
            && condition.holds(root, ctx) == true)
            ctx.report(target.pointer(), code::non_empty, Severity::error,
                       detail::join({"expected at least one item when ", condition.describe(ctx),
                                     ", got an empty array"}));
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.min_items_if(target, 1, condition);
    }
};

// An array that, when present, must have an item whenever the condition holds.
template <class Target, class Condition>
constexpr auto non_empty_if(Target target, Condition condition) {
    auto p = as_path(target);
    return NonEmptyIf<decltype(p), Condition>{p, condition};
}

template <class P, class Condition>
struct EmptyUnless {
    P target;
    Condition condition;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        // A present but invalid value counts as having items: only `[]` is let through.
        auto found = target.find(root, ctx);
        bool has_items = found.at_leaf
                         && ((found.state == FieldState::ok && !found.value->empty())
                             || found.state == FieldState::invalid);
        if (has_items && condition.holds(root, ctx) == false)
            ctx.report(
                target.pointer(), code::forbidden, Severity::error,
                detail::join({"allowed only when ", condition.describe(ctx), ", but it is ",
                              condition.actual(root, ctx), " (only an empty array is accepted)"}));
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.empty_unless(target, condition);
    }
};

// An array that must be absent or empty unless the condition holds.
template <class Target, class Condition>
constexpr auto empty_unless(Target target, Condition condition) {
    auto p = as_path(target);
    return EmptyUnless<decltype(p), Condition>{p, condition};
}

template <class P>
struct Unique {
    P target;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state != FieldState::ok)
            return;
        const auto& items = *found.value;
        detail::for_each_duplicate(items, [&](std::size_t i, std::size_t j) {
            ctx.report(detail::join({target.pointer(), "/", std::to_string(i)}), code::unique,
                       Severity::error,
                       detail::join({"duplicate of item ", std::to_string(j), " (",
                                     describe_value(items[i]), "); items must be unique"}));
        });
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.keyword(target, "uniqueItems", true);
    }
};

template <class Target>
constexpr auto unique(Target target) {
    auto p = as_path(target);
    return Unique<decltype(p)>{p};
}

template <class P, std::size_t N, class Condition>
struct SubsetIf {
    P target;
    std::array<typename P::Value::value_type, N> allowed;
    Condition condition;
    Severity severity = Severity::error;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state != FieldState::ok || condition.holds(root, ctx) != true)
            return;
        const auto& items = *found.value;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (std::find(allowed.begin(), allowed.end(), items[i]) == allowed.end()) {
                std::string list;
                for (std::size_t k = 0; k < N; ++k)
                    list += (k ? (k + 1 == N ? " or " : ", ") : "") + describe_value(allowed[k]);
                ctx.report(detail::join({target.pointer(), "/", std::to_string(i)}),
                           code::allowed_subset, severity,
                           detail::join({"when ", condition.describe(ctx), ", only ", list,
                                         " are supported; got ", describe_value(items[i])}));
            }
    }

    template <class Sink>
    void schema(Sink& s) const {
        if (severity == Severity::error) {
            s.items_one_of_if(target, allowed, condition);
            return;
        }
        std::string list;
        for (std::size_t k = 0; k < N; ++k)
            list += (k ? ", " : "") + describe_value(allowed[k]);
        s.library_only("warning: the items of " + target.pointer() + " are one of " + list
                       + " when " + condition.describe_at(""));
    }
};

// Every item of the array at `target` is one of `allowed` whenever the condition holds.
template <class Target, class Condition, class V, std::size_t N>
constexpr auto subset_if(Target target, const V (&allowed)[N], Condition condition,
                         Severity severity = Severity::error) {
    auto p = as_path(target);
    SubsetIf<decltype(p), N, Condition> rule{p, {}, condition, severity};
    for (std::size_t i = 0; i < N; ++i)
        rule.allowed[i] = allowed[i];
    return rule;
}

} // namespace reportkit
