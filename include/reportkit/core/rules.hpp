// Declarative rules: the constraints between fields that a type alone cannot say, declared beside
// the struct they speak of and checked wherever a value of it is read, built or validated.
//
//     struct Period {
//         REPORTKIT_DEFINE_STRUCT(Period, (Date, start), (Date, end));
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
//
// The rules themselves are in three files by what they judge: rule_presence.hpp (required_if,
// recommended_if, forbidden_unless, required, present_together), rule_arrays.hpp (non_empty,
// non_empty_if, empty_unless, unique, subset_if) and rule_values.hpp (minimum, ordered,
// not_in_future, sum_of); how they name fields and conditions is in rule_path.hpp, what they
// report through in rule_context.hpp.
#pragma once

#include <reportkit/core/detail/pack.hpp>
#include <reportkit/core/rule_arrays.hpp>
#include <reportkit/core/rule_context.hpp>
#include <reportkit/core/rule_presence.hpp>
#include <reportkit/core/rule_values.hpp>

namespace reportkit {

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
