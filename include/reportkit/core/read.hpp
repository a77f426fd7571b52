// from_json<T>: JSON text -> T in one pass, with every problem reported at its JSON Pointer.
//
// The text goes through the tokenizer (detail/json_tokenizer.hpp) straight into the struct: no DOM
// is built, so reading and validating costs about what tokenizing alone costs. Each C++ type gets a
// static table of handlers (detail::Ops) generated from its declaration; the parser's events walk
// those tables, and the struct's rules run as each object closes.
#pragma once

#include <reportkit/core/config.hpp>
#include <reportkit/core/date.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/detail/reader.hpp>
#include <reportkit/core/diagnostic.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/read_options.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/result.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/value_kind.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

namespace reportkit {

namespace detail {

// ---- the handlers of each kind of C++ type ----

template <class T>
std::string expected_of() {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (kind == ValueKind::boolean)
        return "a boolean (true or false)";
    else if constexpr (kind == ValueKind::lenient_boolean)
        return std::string(LenientBool::expected);
    else if constexpr (kind == ValueKind::integer)
        return "an integer";
    else if constexpr (kind == ValueKind::floating)
        return "a number";
    else if constexpr (kind == ValueKind::string)
        return "a string";
    else if constexpr (kind == ValueKind::enumeration)
        return expected_one_of(enum_names_v<T>);
    else if constexpr (kind == ValueKind::text)
        return std::string(T::expected);
    else if constexpr (kind == ValueKind::optional)
        return expected_of<typename T::value_type>();
    else if constexpr (kind == ValueKind::sequence)
        return "an array";
    else if constexpr (kind == ValueKind::variant)
        return "an integer or a string";
    else if constexpr (kind == ValueKind::json_object)
        return "an object";
    else if constexpr (kind == ValueKind::json_value)
        return "any JSON value";
    else {
        assert_structure_kind<T>();
        return "an object";
    }
}

template <class T>
bool read_string(void* target, std::string_view s, Reader& r) {
    T& out = *static_cast<T*>(target);
    if constexpr (std::is_same_v<T, std::string>) {
        out.assign(s);
        return true;
    } else if constexpr (WireEnum<T>) {
        if (auto e = enum_from_string<T>(s)) {
            out = *e;
            return true;
        }
        r.enum_error(enum_names_v<T>, s);
        return false;
    } else if constexpr (TextValue<T>) {
        // Parsed again to say why only when it fails: a string for the reason on every value
        // was a sixth of a UUID's read.
        if (auto v = T::parse(s, nullptr)) {
            out = std::move(*v);
            return true;
        }
        std::string why;
        T::parse(s, &why);
        r.error(code::format, text_value_error<T>(s, why));
        return false;
    } else if constexpr (std::is_same_v<T, LenientBool>) {
        if (s == LenientBool::true_text || s == LenientBool::false_text) {
            out = s == LenientBool::true_text;
            r.warning(code::quoted_boolean, quoted_boolean_message(s));
            return true;
        }
        r.error(code::type,
                "expected " + expected_of<T>() + ", got the string " + quoted_excerpt(s));
        return false;
    } else { // a variant holding std::string
        out = std::string(s);
        return true;
    }
}

template <class T, class N>
bool read_integer(void* target, N v, Reader& r) {
    using Int = std::conditional_t<is_variant_v<T>, std::int64_t, T>;
    if (!std::in_range<Int>(v)) {
        r.error(code::range, "expected an integer from "
                                 + std::to_string(std::numeric_limits<Int>::min()) + " to "
                                 + std::to_string(std::numeric_limits<Int>::max()) + ", got "
                                 + std::to_string(v));
        return false;
    }
    *static_cast<T*>(target) = static_cast<Int>(v);
    return true;
}

template <class T>
bool read_bool(void* target, bool v, Reader&) {
    *static_cast<T*>(target) = v;
    return true;
}

template <class T, class N>
bool read_floating_integer(void* target, N v, Reader&) {
    // Conversion rounds to the nearest double, as reading the integer's text would.
    *static_cast<T*>(target) = static_cast<double>(v);
    return true;
}

template <class T>
bool read_floating(void* target, std::string_view text, Reader& r) {
    double v = 0;
    if (parse_double(text, v) != NumberError::none) {
        r.error(code::range, "expected a finite number within the range of a double, got "
                                 + quoted_excerpt(text));
        return false;
    }
    *static_cast<T*>(target) = v;
    return true;
}

template <class M>
Slot slot_of(M& member) {
    if constexpr (is_optional_v<M>) {
        member.emplace();
        return {&*member, ops_for<typename M::value_type>(), &member};
    } else {
        return {&member, ops_for<M>(), &member};
    }
}

template <Reflected T, std::size_t I>
Slot struct_field_at(void* obj) {
    return slot_of(boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<T>()))(
        *static_cast<T*>(obj)));
}

// A table of each field's slot: one indexed call per value, where a walk over the fields
// compared the index with each of them.
template <Reflected T>
Slot struct_field(void* obj, std::size_t index) {
    static constexpr auto table = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<Slot (*)(void*), sizeof...(I)>{&struct_field_at<T, I>...};
    }
    (std::make_index_sequence<field_count<T>>{});
    return table[index](obj);
}

// Bit i set when field i of T is required (not a std::optional).
template <Reflected T>
constexpr std::uint64_t required_fields = [] {
    std::uint64_t mask = 0;
    for_each_field_type<T>([&](std::size_t i, std::string_view, auto tag) {
        if (!is_optional_v<typename decltype(tag)::type>)
            mask |= std::uint64_t{1} << i;
    });
    return mask;
}();

template <Reflected T>
REPORTKIT_COLD void report_missing(T& obj, std::uint64_t present, Reader& r) {
    for_each_field(obj, [&](std::size_t i, std::string_view name, auto& member) {
        if (required_fields<T> & ~present & (std::uint64_t{1} << i))
            r.missing(name, &member);
    });
}

template <Reflected T>
void struct_end(void* p, std::uint64_t present, Reader& r) {
    T& obj = *static_cast<T*>(p);
    // One test for the usual case, every required field there; the walk only when one is not.
    if ((present & required_fields<T>) != required_fields<T>) [[unlikely]]
        report_missing(obj, present, r);
    r.check_rules_of(obj);
}

template <class T>
Slot vector_append(void* obj, Reader& r) {
    using Item = typename T::value_type;
    auto& v = *static_cast<T*>(obj);
    if constexpr (Reader::buffered_item<Item>) {
        return {r.buffered_append(v), ops_for<Item>(), nullptr};
    } else {
        v.emplace_back();
        return {&v.back(), ops_for<Item>(), nullptr};
    }
}

template <class T>
void vector_end(void* obj, Reader& r) {
    r.flush_items(*static_cast<T*>(obj));
}

template <class T>
constexpr Ops make_ops() {
    constexpr ValueKind kind = value_kind<T>;
    Ops o{&expected_of<T>, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0,
          nullptr,         nullptr, nullptr, nullptr, false,   false};
    if constexpr (kind == ValueKind::boolean) {
        o.on_bool = &read_bool<T>;
    } else if constexpr (kind == ValueKind::lenient_boolean) {
        o.on_bool = &read_bool<T>;
        o.on_string = &read_string<T>;
    } else if constexpr (kind == ValueKind::integer) {
        o.on_int64 = &read_integer<T, std::int64_t>;
        o.on_uint64 = &read_integer<T, std::uint64_t>;
    } else if constexpr (kind == ValueKind::floating) {
        o.on_int64 = &read_floating_integer<T, std::int64_t>;
        o.on_uint64 = &read_floating_integer<T, std::uint64_t>;
        o.on_double = &read_floating<T>;
    } else if constexpr (kind == ValueKind::string || kind == ValueKind::enumeration
                         || kind == ValueKind::text) {
        o.on_string = &read_string<T>;
    } else if constexpr (kind == ValueKind::optional) {
        static_assert(kind != ValueKind::optional,
                      "an optional is read through its field (slot_of), never as a value");
    } else if constexpr (kind == ValueKind::variant) {
        static_assert(std::is_same_v<T, std::variant<std::int64_t, std::string>>,
                      "the reader knows one variant: an integer or a string");
        o.on_string = &read_string<T>;
        o.on_int64 = &read_integer<T, std::int64_t>;
        o.on_uint64 = &read_integer<T, std::uint64_t>;
    } else if constexpr (kind == ValueKind::sequence) {
        o.append = &vector_append<T>;
        if constexpr (Reader::buffered_item<typename T::value_type>)
            o.array_end = &vector_end<T>;
    } else if constexpr (kind == ValueKind::json_value || kind == ValueKind::json_object) {
        o.any = true;
        o.any_object_only = kind == ValueKind::json_object;
    } else {
        assert_structure_kind<T>();
        static_assert(field_count<T> <= 64, "a struct can have at most 64 fields");
        o.field = &struct_field<T>;
        o.object_end = &struct_end<T>;
        o.name_count = field_count<T>;
    }
    return o;
}

// Constant-initialized: no guard to test on each value, no code to build the table.
template <class T>
inline constexpr Ops ops_table = [] {
    Ops o = make_ops<T>();
    if constexpr (Reflected<T>)
        o.names = field_names_v<T>.data();
    return o;
}();

template <class T>
const Ops* ops_for() {
    return &ops_table<T>;
}

// What the parser made of one document: the handlers' diagnostics, or, when the text is not
// one JSON document within the depth limit, the one diagnostic saying where it broke.
struct ParsedDocument {
    bool parsed = false;
    std::vector<Diagnostic> diagnostics;
};

// The one place the parser runs: `root`, of the type `ops` handles, is filled from `text`. Not a
// template, so with REPORTKIT_SEPARATE_COMPILATION it is compiled once (core/config.hpp).
REPORTKIT_BEGIN_LINKAGE_NAMESPACE
REPORTKIT_DECL ParsedDocument parse_document(std::string_view text, void* root, const Ops* ops,
                                             const ReadOptions& options);
REPORTKIT_END_LINKAGE_NAMESPACE

} // namespace detail

// Reads and validates a T from JSON text. Never throws on bad input: every problem comes back
// as a Diagnostic, all of them from one pass.
template <class T>
Result<T> from_json(std::string_view text, const ReadOptions& options = {}) {
    Result<T> out = detail::ResultAccess::make<T>();
    if (text.size() > options.max_bytes) {
        detail::ResultAccess::settle(
            out,
            {{"", std::string(code::too_large), Severity::error,
              "input is " + std::to_string(text.size()) + " bytes; the limit is "
                  + std::to_string(options.max_bytes)}},
            false);
        return out;
    }
    T& value = detail::ResultAccess::emplace_value(out);
    detail::ParsedDocument doc =
        detail::parse_document(text, &value, detail::ops_for<T>(), options);
    detail::ResultAccess::settle(out, std::move(doc.diagnostics), doc.parsed);
    return out;
}

} // namespace reportkit

#ifndef REPORTKIT_SEPARATE_COMPILATION
#include <reportkit/core/detail/parse_document.hpp>
#endif
