// validate: the rules of an in-memory value and of every struct inside it, as from_json would
// check them. Types already guarantee what reading checks about shapes; what remains is the
// declared rules, that each text value (UUID, date, timestamp) is one its type would read, and
// that each double is finite. The walk dispatches on core/value_kind.hpp like reading does, so
// it reaches every value reading reaches: an item of any array, an alternative of a variant.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/value_kind.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace reportkit {

struct ValidateOptions {
    std::optional<Date> today{}; // clock for not_in_future; empty: UTC today
};

namespace detail {

class Validator {
public:
    explicit Validator(const ValidateOptions& options) : today_(options.today) {}

    template <class T>
    void walk(const T& v) {
        constexpr ValueKind kind = value_kind<T>;
        if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean
                      || kind == ValueKind::integer || kind == ValueKind::string
                      || kind == ValueKind::enumeration || kind == ValueKind::json_value
                      || kind == ValueKind::json_object) {
            // Every value of these types is one reading could have made.
        } else if constexpr (kind == ValueKind::floating) {
            if (!std::isfinite(v))
                report(code::range, "expected a finite number within the range of a double, got "
                                        + shortest_text(v));
        } else if constexpr (kind == ValueKind::text) {
            // A value built in memory (Date(2017, 2, 30) exists there) must be text its type's
            // own parse accepts, as it would have to be if it were read.
            std::string text, why;
            v.append_to(text);
            if (!T::parse(text, &why))
                report(code::format, text_value_error<T>(text, why));
        } else if constexpr (kind == ValueKind::optional) {
            if (v)
                walk(*v);
        } else if constexpr (kind == ValueKind::sequence) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::size_t mark = pointer_.size();
                pointer_ += '/';
                pointer_ += std::to_string(i);
                walk(v[i]);
                pointer_.resize(mark);
            }
        } else if constexpr (kind == ValueKind::variant) {
            std::visit([&](const auto& alt) { walk(alt); }, v);
        } else {
            assert_structure_kind<T>();
            RuleContext ctx{&diagnostics_, nullptr, &today_, &Validator::make_pointer, this};
            check_rules(v, ctx);
            for_each_field(v, [&](std::size_t, std::string_view name, const auto& field) {
                std::size_t mark = pointer_.size();
                append_pointer_token(pointer_, name);
                walk(field);
                pointer_.resize(mark);
            });
        }
    }

    std::vector<Diagnostic> diagnostics() && { return std::move(diagnostics_); }

private:
    void report(std::string_view code, std::string message) {
        diagnostics_.push_back(
            Diagnostic{pointer_, std::string(code), Severity::error, std::move(message)});
    }

    static std::string make_pointer(const void* self) {
        return static_cast<const Validator*>(self)->pointer_;
    }

    std::optional<Date>
        today_; // ValidateOptions::today, or the UTC date once a rule has asked for it
    std::string pointer_;
    std::vector<Diagnostic> diagnostics_;
};

} // namespace detail

template <class T>
std::vector<Diagnostic> validate(const T& value, const ValidateOptions& options = {}) {
    detail::Validator v(options);
    v.walk(value);
    return std::move(v).diagnostics();
}

// The value itself when it breaks no rule (warnings attached), otherwise every diagnostic.
template <class T>
Result<T> validated(T value, const ValidateOptions& options = {}) {
    auto diagnostics = validate(value, options);
    return Result<T>(std::move(value), std::move(diagnostics));
}

} // namespace reportkit
