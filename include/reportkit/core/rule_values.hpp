// The rules on values (core/rules.hpp): bounds, order between two fields, dates not in the
// future, and a total that is the sum of its parts.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/pack.hpp>
#include <reportkit/core/rule_path.hpp>

#include <cmath>
#include <string>

namespace reportkit {

template <class PA, class PB>
struct Ordered {
    PA first;
    PB second;

    template <class Root>
    void check(const Root& root, const RuleContext& ctx) const {
        auto a = first.find(root, ctx);
        auto b = second.find(root, ctx);
        if (a.state == FieldState::ok && b.state == FieldState::ok && *b.value < *a.value)
            ctx.report(
                first.pointer(), code::ordered, Severity::error,
                detail::join({"must not be after ", ctx.pointer(), second.pointer(), ": ",
                              describe_value(*a.value), " is after ", describe_value(*b.value)}));
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
                       detail::join({"must not be in the future: ", describe_value(*found.value),
                                     " is after today (", today.to_string(), ")"}));
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
                       detail::join({"expected at least ", std::to_string(bound), ", got ",
                                     std::to_string(*found.value)}));
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
                   detail::join({"expected the sum ", names, " (", terms, " = ",
                                 describe_value(sum), "), got ", describe_value(*t.value)}));
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

} // namespace reportkit
