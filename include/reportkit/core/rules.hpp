// Declarative rules: the constraints between fields that a type alone cannot say, declared beside
// the struct they speak of and checked wherever a value of it is read, built or validated.
//
//     struct Period {
//         BOOST_HANA_DEFINE_STRUCT(Period, (Date, start), (Date, end));
//         static constexpr auto rules() {
//             return rk::rules(rk::ordered(&Period::start, &Period::end));
//         }
//     };
//
// A rule names fields by member pointer, or by rk::path(&Outer::inner, &Inner::field) across
// nesting; each reports at the JSON Pointer of the field it names.
//
// rules() may also be declared `template <class = void> static constexpr auto rules()`, as the
// API's own payloads do: the body of a plain member function is compiled wherever the struct is
// included, a template's only where the rules are checked or exported (bench/compile-time.sh
// measures what that saves). Both are called as T::rules().
//
// Each rule also says what it is in JSON Schema through `schema(sink)`: the sink (core/schema.hpp)
// turns it into keywords, or records it as a rule only the library checks.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/duplicates.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/detail/pack.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/rule_context.hpp>
#include <reportkit/core/rule_path.hpp>

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

// ---- rules --------------------------------------------------------------------------------

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
        ctx.report(target.pointer(), error ? code::required_if : code::recommended, severity,
                   std::string(error ? "required" : "recommended") + " when "
                       + condition.describe(ctx));
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
                       "allowed only when " + condition.describe(ctx) + ", but it is "
                           + condition.actual(root, ctx));
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
                       "expected at least one item when " + condition.describe(ctx)
                           + ", got an empty array");
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
            ctx.report(target.pointer(), code::forbidden, Severity::error,
                       "allowed only when " + condition.describe(ctx) + ", but it is "
                           + condition.actual(root, ctx) + " (only an empty array is accepted)");
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
            ctx.report(target.pointer() + '/' + std::to_string(i), code::unique, Severity::error,
                       "duplicate of item " + std::to_string(j) + " (" + describe_value(items[i])
                           + "); items must be unique");
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

template <class PA, class PB>
struct Ordered {
    PA first;
    PB second;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto a = first.find(root, ctx);
        auto b = second.find(root, ctx);
        if (a.state == FieldState::ok && b.state == FieldState::ok && *b.value < *a.value)
            ctx.report(first.pointer(), code::ordered, Severity::error,
                       "must not be after " + ctx.pointer() + second.pointer() + ": "
                           + describe_value(*a.value) + " is after " + describe_value(*b.value));
    }

    // JSON Schema compares a value with constants, never with another field.
    template <class Sink>
    void schema(Sink& s) const {
        s.library_only(first.pointer() + " must not be after " + second.pointer());
    }
};

// first <= second, e.g. a period's start and end.
template <class A, class B>
constexpr auto ordered(A first, B second) {
    auto pa = as_path(first);
    auto pb = as_path(second);
    return Ordered<decltype(pa), decltype(pb)>{pa, pb};
}

template <class P>
struct NotInFuture {
    P target;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state != FieldState::ok)
            return;
        Date today = ctx.current_date();
        if (today < *found.value)
            ctx.report(target.pointer(), code::not_in_future, Severity::error,
                       "must not be in the future: " + describe_value(*found.value)
                           + " is after today (" + today.to_string() + ")");
    }

    // "Today" changes every day; a schema is a constant.
    template <class Sink>
    void schema(Sink& s) const {
        s.library_only(target.pointer() + " must not be in the future");
    }
};

template <class Target>
constexpr auto not_in_future(Target target) {
    auto p = as_path(target);
    return NotInFuture<decltype(p)>{p};
}

template <class P>
struct Minimum {
    P target;
    long long bound;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto found = target.find(root, ctx);
        if (found.state == FieldState::ok && *found.value < bound)
            ctx.report(target.pointer(), code::minimum, Severity::error,
                       "expected at least " + std::to_string(bound) + ", got "
                           + std::to_string(*found.value));
    }

    template <class Sink>
    void schema(Sink& s) const {
        s.keyword(target, "minimum", bound);
    }
};

template <class Target>
constexpr auto minimum(Target target, long long bound) {
    auto p = as_path(target);
    return Minimum<decltype(p)>{p, bound};
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
                ctx.report(target.pointer() + '/' + std::to_string(i), code::allowed_subset,
                           severity,
                           "when " + condition.describe(ctx) + ", only " + list
                               + " are supported; got " + describe_value(items[i]));
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
                           "required together with " + with + ", which "
                               + (count == 1 ? "is" : "are") + " present");
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

template <class PT, class... Ps>
struct SumOf {
    PT total;
    detail::Pack<Ps...> parts;
    Severity severity = Severity::warning;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto t = total.find(root, ctx);
        if (t.state != FieldState::ok)
            return;
        bool known = true;
        double sum = 0, magnitude = std::abs(double(*t.value));
        detail::apply_pack(
            [&](const auto&... part) {
                (
                    [&] {
                        auto found = part.find(root, ctx);
                        if (found.state != FieldState::ok) {
                            known = false;
                            return;
                        }
                        sum += double(*found.value);
                        magnitude += std::abs(double(*found.value));
                    }(),
                    ...);
            },
            parts);
        // A few units in the last place: 0.1 + 0.2 is 0.3 to a file that wrote 0.3.
        if (!known || std::abs(double(*t.value) - sum) <= 4 * 2.220446049250313e-16 * magnitude)
            return;
        std::string names, terms;
        detail::apply_pack(
            [&](const auto&... part) {
                ((names += (names.empty() ? "" : " + ") + part.pointer().substr(1),
                  terms +=
                  (terms.empty() ? "" : " + ") + describe_value(*part.find(root, ctx).value)),
                 ...);
            },
            parts);
        ctx.report(total.pointer(), code::sum, severity,
                   "expected the sum " + names + " (" + terms + " = " + describe_value(sum)
                       + "), got " + describe_value(*t.value));
    }

    template <class Sink>
    void schema(Sink& s) const {
        std::string names;
        detail::apply_pack(
            [&](const auto&... part) {
                ((names += (names.empty() ? "" : " + ") + part.pointer()), ...);
            },
            parts);
        s.library_only(std::string(severity == Severity::warning ? "warning: " : "")
                       + total.pointer() + " is " + names);
    }
};

// total == the sum of the parts, as a warning (a file's figures are reported, not refused).
template <class Total, class... Parts>
constexpr auto sum_of(Total total, Parts... parts) {
    return SumOf<decltype(as_path(total)), decltype(as_path(parts))...>{
        as_path(total), detail::make_pack(as_path(parts)...)};
}

// Turns an error-severity rule into a warning where the rule supports both.
template <class Rule>
constexpr Rule as_warning(Rule rule) {
    rule.severity = Severity::warning;
    return rule;
}

// The rules of one struct, in the order they are checked and reported.
template <class... Rules>
constexpr detail::Pack<Rules...> rules(Rules... r) {
    return detail::make_pack(r...);
}

template <class T>
concept HasRules = requires {
    T::rules();
};

template <class T>
void check_rules(const T& obj, const RuleContext& ctx) {
    if constexpr (HasRules<T>) {
        static constexpr auto declared = T::rules();
        detail::apply_pack([&](const auto&... rule) { (rule.check(obj, ctx), ...); }, declared);
    }
}

} // namespace reportkit
