// The rules of presence (core/rules.hpp): which fields must be there, may be there or must be
// absent, alone or together, and on which conditions.
#pragma once

#include <reportkit/core/detail/pack.hpp>
#include <reportkit/core/rule_path.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

namespace reportkit {

template <class P, class Condition>
struct RequiredIf {
    P target;
    Condition condition;
    Severity severity = Severity::error;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state != FieldState::absent || !found.at_leaf
            || condition.holds(root, ctx) != true)
            return;
        bool error = severity == Severity::error;
        ctx.report(
            target.pointer(), error ? code::required_if : code::recommended, severity,
            detail::join({error ? "required" : "recommended", " when ", condition.describe(ctx)}));
    }

    // A schema only accepts or rejects: a warning has no JSON Schema form.
    template <class Sink>
    void schema(Sink& s) const {
        if (severity == Severity::error)
            s.required_if(target, condition);
        else
            s.library_only("warning: " + target.pointer() + " is recommended when "
                           + condition.describe_at(""));
    }
};

// `target` must be present whenever the condition holds.
template <class Target, class Condition>
constexpr auto required_if(Target target, Condition condition) {
    auto p = as_path(target);
    return RequiredIf<decltype(p), Condition>{p, condition};
}

// A warning, not an error, when `target` is absent while the condition holds.
template <class Target, class Condition>
constexpr auto recommended_if(Target target, Condition condition) {
    auto p = as_path(target);
    return RequiredIf<decltype(p), Condition>{p, condition, Severity::warning};
}

template <class P, class Condition>
struct ForbiddenUnless {
    P target;
    Condition condition;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        // A present but invalid value still counts as present: the key should not be there.
        auto found = target.find(root, ctx);
        bool present =
            found.at_leaf && (found.state == FieldState::ok || found.state == FieldState::invalid);
        if (present && condition.holds(root, ctx) == false)
            ctx.report(target.pointer(), code::forbidden, Severity::error,
                       detail::join({"allowed only when ", condition.describe(ctx), ", but it is ",
                                     condition.actual(root, ctx)}));
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.forbidden_unless(target, condition);
    }
};

// `target` must be absent unless the condition holds.
template <class Target, class Condition>
constexpr auto forbidden_unless(Target target, Condition condition) {
    auto p = as_path(target);
    return ForbiddenUnless<decltype(p), Condition>{p, condition};
}

template <class P>
struct Required {
    P target;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state == FieldState::absent && found.at_leaf)
            ctx.report(target.pointer(), code::required, Severity::error, "missing required field");
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.required(target);
    }
};

// Makes an optional field required in this struct (e.g. a stored report's schedule.enabled).
template <class Target>
constexpr auto required(Target target) {
    auto p = as_path(target);
    return Required<decltype(p)>{p};
}

template <class... Ps>
struct Together {
    detail::Pack<Ps...> targets;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        // Present: a value, valid or not. A missing or absent field is not there.
        std::array<bool, sizeof...(Ps)> present{};
        std::size_t i = 0;
        detail::apply_pack(
            [&](const auto&... target) {
                ((present[i++] =
                      [&] {
                          auto found = target.find(root, ctx);
                          return found.at_leaf
                                 && (found.state == FieldState::ok
                                     || found.state == FieldState::invalid);
                      }()),
                 ...);
            },
            targets);
        std::size_t count =
            static_cast<std::size_t>(std::count(present.begin(), present.end(), true));
        if (count == 0 || count == present.size())
            return;
        // Words only for a value that breaks the rule: a valid one costs no string.
        std::array<std::string, sizeof...(Ps)> pointers{};
        i = 0;
        detail::apply_pack(
            [&](const auto&... target) { ((pointers[i++] = target.pointer()), ...); }, targets);
        std::string with;
        for (std::size_t k = 0, n = 0; k < present.size(); ++k)
            if (present[k])
                with += (n++ ? ", " : "") + ctx.pointer() + pointers[k];
        for (std::size_t k = 0; k < present.size(); ++k)
            if (!present[k])
                ctx.report(pointers[k], code::together, Severity::error,
                           detail::join({"required together with ", with, ", which ",
                                         count == 1 ? "is" : "are", " present"}));
    }

    template <class Sink>
    void schema(Sink& s) const {
        detail::apply_pack([&](const auto&... target) { s.together({target.names()...}); },
                           targets);
    }
};

// The fields are all present or all absent (e.g. the parts of one optional group).
template <class... Targets>
constexpr auto present_together(Targets... targets) {
    return Together<decltype(as_path(targets))...>{detail::make_pack(as_path(targets)...)};
}

} // namespace reportkit
