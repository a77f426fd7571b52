// What a rule sees while it checks one struct value: the states reading recorded for its fields,
// where its diagnostics go, the clock, and how a value is quoted in a message (core/rules.hpp).
#pragma once

#include <reportkit/core/config.hpp>
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
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace reportkit {

// What reading learned about a field beyond its value: a rule must not judge a field that was
// missing or whose value was already rejected, or one mistake would be reported twice.
// `absent` is an optional field left out: not a problem in itself, but nothing to judge either.
enum class FieldState { ok, absent, missing, invalid };

class FieldStates {
public:
    void mark(const void* field, FieldState s) { marks_.emplace_back(field, s); }
    FieldState of(const void* field) const {
        for (const auto& [f, s] : marks_)
            if (f == field)
                return s;
        return FieldState::ok;
    }
    void clear() { marks_.clear(); }
    bool empty() const { return marks_.empty(); }

private:
    std::vector<std::pair<const void*, FieldState>> marks_; // a handful per document at most
};

// Where and how the rules of one struct value are checked. The struct's JSON Pointer is made
// only when a rule reports something: valid documents never pay for it.
struct RuleContext {
    RuleContext(std::vector<Diagnostic>* out_, const FieldStates* states_,
                std::optional<Date>* today_, std::string (*make_pointer_)(const void*),
                const void* pointer_source_)
        // No marks at all (nothing was wrong so far): no lookups either.
        : out(out_), states(states_ && !states_->empty() ? states_ : nullptr), today(today_),
          make_pointer(make_pointer_), pointer_source(pointer_source_) {}

    std::vector<Diagnostic>* out; // diagnostics are appended here
    const FieldStates* states;    // null: every field of an in-memory value is present
    // The injected clock; when empty, the UTC date is read into it the first time a rule asks
    // (once per document, and never for a document without a dated rule to judge).
    std::optional<Date>* today;
    std::string (*make_pointer)(const void*);
    const void* pointer_source;

    const std::string& pointer() const {
        if (!pointer_)
            pointer_ = make_pointer(pointer_source);
        return *pointer_;
    }
    Date current_date() const {
        if (!today)
            return Date::today_utc();
        if (!*today)
            *today = Date::today_utc();
        return **today;
    }
    REPORTKIT_COLD void report(std::string_view field_pointer, std::string_view code,
                               Severity severity, std::string message) const {
        out->push_back(Diagnostic{pointer() + std::string(field_pointer), std::string(code),
                                  severity, std::move(message)});
    }
    FieldState state(const void* field) const {
        return states ? states->of(field) : FieldState::ok;
    }

private:
    mutable std::optional<std::string> pointer_;
};

namespace detail {
// A message from its pieces: one join out of line for every rule, not a chain of string
// additions inlined into each rule's instance.
REPORTKIT_COLD inline std::string join(std::initializer_list<std::string_view> pieces) {
    std::size_t size = 0;
    for (std::string_view piece : pieces)
        size += piece.size();
    std::string out;
    out.reserve(size);
    for (std::string_view piece : pieces)
        out += piece;
    return out;
}
} // namespace detail

// How a value appears in a message: strings and enums quoted, as they are in the JSON.
template <class V>
std::string describe_value(const V& v) {
    if constexpr (WireEnum<V>)
        return '"' + std::string(to_string(v)) + '"';
    else if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, LenientBool>)
        return bool(v) ? "true" : "false";
    else if constexpr (std::is_floating_point_v<V>)
        return detail::shortest_text(v);
    else if constexpr (std::is_arithmetic_v<V>)
        return std::to_string(v);
    else if constexpr (std::is_convertible_v<V, std::string_view>)
        return '"' + std::string(v) + '"';
    else
        return '"' + v.to_string() + '"';
}

} // namespace reportkit
