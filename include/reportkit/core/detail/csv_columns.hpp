// The columns of a reflected row struct: one per leaf of its nested structs, named by the dotted
// path of members (`usage.delta.total`), each with its place in the row and the reading and
// writing of its kind (core/value_kind.hpp). Built once per row type from its declaration.
#pragma once

#include <reportkit/core/csv_options.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/value_kind.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace reportkit::detail {

struct CsvCellError {
    std::string_view code;
    std::string message;
};

struct CsvLeaf {
    std::string name;    // "usage.delta.total"
    std::string pointer; // "/usage/delta/total"
    std::size_t offset;  // of the member (the std::optional, for an optional one) in the row
    bool optional;
    bool textual; // a string or text value, which may need quotes; numbers, booleans and enums
                  // never do
    // Reads a field that has a value (text, or a quoted empty string) into the member.
    bool (*read)(void* member, std::string_view text, const CsvReadOptions&, CsvCellError&);
    void (*clear)(void* member); // an optional one: absent; null for a required one
    // Appends the field's text, unquoted; false when the value is absent (an empty field).
    bool (*write)(const void* member, std::string& out, const CsvWriteOptions&);
};

// A struct of the row (the row itself among them) whose rules run on each row.
struct CsvRuleNode {
    std::size_t offset;
    std::string pointer;
    void (*check)(const void* obj, const RuleContext& ctx);
};

struct CsvLayout {
    std::vector<CsvLeaf> leaves;
    std::vector<CsvRuleNode> rule_nodes; // inner structs first, as JSON reading closes them
};

template <class T>
std::string csv_expected() {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean)
        return "a boolean";
    else if constexpr (kind == ValueKind::integer)
        return "an integer";
    else if constexpr (kind == ValueKind::floating)
        return "a number";
    else if constexpr (kind == ValueKind::enumeration)
        return expected_one_of(enum_names_v<T>);
    else if constexpr (kind == ValueKind::text)
        return std::string(T::expected);
    else
        return "a string";
}

template <class T>
bool read_cell(void* member, std::string_view text, const CsvReadOptions& options,
               CsvCellError& error) {
    constexpr ValueKind kind = value_kind<T>;
    T& out = *static_cast<T*>(member);
    auto fail = [&](std::string_view code, std::string message) {
        error = {code, std::move(message)};
        return false;
    };
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean) {
        if (text == options.true_text || text == options.false_text) {
            out = text == options.true_text;
            return true;
        }
        return fail(code::type, "expected a boolean (" + std::string(options.true_text) + " or "
                                    + std::string(options.false_text) + "), got "
                                    + quoted_excerpt(text));
    } else if constexpr (kind == ValueKind::integer) {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc::result_out_of_range)
            return fail(code::range, "expected an integer from "
                                         + std::to_string(std::numeric_limits<T>::min()) + " to "
                                         + std::to_string(std::numeric_limits<T>::max()) + ", got "
                                         + quoted_excerpt(text));
        if (ec != std::errc{} || end != text.data() + text.size())
            return fail(code::type, "expected an integer, got " + quoted_excerpt(text));
        return true;
    } else if constexpr (kind == ValueKind::floating) {
        switch (parse_double(text, out)) {
        case NumberError::none:
            return true;
        case NumberError::range:
            return fail(code::range, "expected a finite number within the range of a double, got "
                                         + quoted_excerpt(text));
        default:
            return fail(code::type,
                        "expected a number (a plain decimal), got " + quoted_excerpt(text));
        }
    } else if constexpr (kind == ValueKind::string) {
        out.assign(text);
        return true;
    } else if constexpr (kind == ValueKind::enumeration) {
        if (auto e = enum_from_string<T>(text)) {
            out = *e;
            return true;
        }
        return fail(code::enum_value,
                    "expected " + csv_expected<T>() + ", got " + quoted_excerpt(text));
    } else if constexpr (kind == ValueKind::text) {
        std::string why;
        if (auto v = T::parse(text, &why)) {
            out = std::move(*v);
            return true;
        }
        return fail(code::format, text_value_error<T>(text, why));
    } else {
        static_assert(is_scalar_kind<T>, "a CSV field holds one scalar value");
        return false;
    }
}

template <class T>
void write_cell(const T& v, std::string& out, const CsvWriteOptions& options) {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean) {
        out += bool(v) ? options.true_text : options.false_text;
    } else if constexpr (kind == ValueKind::integer) {
        char buf[24];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    } else if constexpr (kind == ValueKind::floating) {
        // Whole numbers (most usage figures: bytes, counts) as integers, which is the same text
        // and quicker; -0 keeps its sign.
        if (v == std::trunc(v) && std::abs(v) < 9007199254740992.0
            && !(v == 0 && std::signbit(v))) {
            char buf[24];
            out.append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(v)).ptr);
            return;
        }
        char buf[max_double_text];
        out.append(buf, write_plain(buf, v));
    } else if constexpr (kind == ValueKind::string) {
        out += v;
    } else if constexpr (kind == ValueKind::enumeration) {
        out += to_string(v);
    } else if constexpr (kind == ValueKind::text) {
        if constexpr (requires(char* p) {
                          { v.write_to(p) } -> std::same_as<char*>;
                      }) {
            char buf[T::max_text_size];
            out.append(buf, v.write_to(buf));
        } else {
            v.append_to(out);
        }
    } else {
        static_assert(is_scalar_kind<T>, "a CSV field holds one scalar value");
    }
}

template <class M>
CsvLeaf make_leaf(std::string name, std::string pointer, std::size_t offset) {
    if constexpr (is_optional_v<M>) {
        using V = typename M::value_type;
        constexpr ValueKind kind = value_kind<V>;
        return {std::move(name),
                std::move(pointer),
                offset,
                true,
                kind == ValueKind::string || kind == ValueKind::text,
                [](void* m, std::string_view text, const CsvReadOptions& o, CsvCellError& e) {
                    // An engaged optional is read into as it is: its string keeps its buffer.
                    auto& opt = *static_cast<M*>(m);
                    if (!opt)
                        opt.emplace();
                    return read_cell<V>(&*opt, text, o, e);
                },
                [](void* m) { static_cast<M*>(m)->reset(); },
                [](const void* m, std::string& out, const CsvWriteOptions& o) {
                    const auto& opt = *static_cast<const M*>(m);
                    if (!opt)
                        return false;
                    write_cell(*opt, out, o);
                    return true;
                }};
    } else {
        constexpr ValueKind kind = value_kind<M>;
        return {std::move(name),
                std::move(pointer),
                offset,
                false,
                kind == ValueKind::string || kind == ValueKind::text,
                &read_cell<M>,
                nullptr,
                [](const void* m, std::string& out, const CsvWriteOptions& o) {
                    write_cell(*static_cast<const M*>(m), out, o);
                    return true;
                }};
    }
}

template <class Row, class S>
void add_columns(CsvLayout& layout, const Row& probe, const S& obj, const std::string& name,
                 const std::string& pointer) {
    auto offset_of = [&](const void* member) {
        return static_cast<std::size_t>(static_cast<const char*>(member)
                                        - reinterpret_cast<const char*>(&probe));
    };
    for_each_field(obj, [&](std::size_t, std::string_view field, const auto& member) {
        using M = std::remove_cvref_t<decltype(member)>;
        std::string n = name.empty() ? std::string(field) : name + '.' + std::string(field);
        std::string p = pointer;
        append_pointer_token(p, field);
        if constexpr (value_kind<M> == ValueKind::structure) {
            add_columns(layout, probe, member, n, p);
        } else {
            using V = unwrap_optional_t<M>;
            static_assert(is_scalar_kind<V>,
                          "a CSV row holds scalar values and structs of them: an optional "
                          "struct, an array, a variant or a JSON value has no column");
            layout.leaves.push_back(make_leaf<M>(std::move(n), std::move(p), offset_of(&member)));
        }
    });
    if constexpr (HasRules<S>)
        layout.rule_nodes.push_back(
            {offset_of(&obj), pointer, [](const void* o, const RuleContext& ctx) {
                 check_rules(*static_cast<const S*>(o), ctx);
             }});
}

template <Reflected Row>
const CsvLayout& csv_layout() {
    static const CsvLayout layout = [] {
        static_assert(std::is_default_constructible_v<Row>);
        CsvLayout out;
        const Row probe{};
        add_columns(out, probe, probe, "", "");
        return out;
    }();
    return layout;
}

} // namespace reportkit::detail
