// to_json_string / to_json: T -> JSON, fields in declaration order, unset optionals left out.
//
// Text is written straight from the struct into one string (no DOM). With `indent` set, the
// layout is the common pretty-printed one: `"key": value`, one member per line, empty
// containers as `[]` and `{}`.
#pragma once

#include <reportkit/core/detail/json_text.hpp>
#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/detail/output_buffer.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/value_kind.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace reportkit {

struct WriteOptions {
    int indent = 0; // 0: compact, no whitespace at all; N: pretty, N spaces per level
};

namespace detail {

// The longest text of a value of T that is written with one request for room, or 0 when T's
// text has no bound known at compile time (strings, containers, structs).
template <class T>
constexpr std::size_t bounded_text() {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean)
        return 5;
    else if constexpr (kind == ValueKind::integer)
        return max_integer_text<T>;
    else if constexpr (kind == ValueKind::floating)
        return max_shortest_text;
    else if constexpr (kind == ValueKind::enumeration)
        return QuotedNames<T>::width;
    else if constexpr (kind == ValueKind::text && requires(const T& v, char* p) {
                           { v.write_to(p) } -> std::same_as<char*>;
                       })
        return T::max_text_size + 2;
    else
        return 0;
}

// The longest compact text of a T, or 0 when it has no bound: a struct of bounded fields has
// one, and its size hint is then a constant instead of a walk.
template <class T>
constexpr std::size_t max_compact_text() {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (bounded_text<T>() != 0) {
        return bounded_text<T>();
    } else if constexpr (kind == ValueKind::optional) {
        return max_compact_text<typename T::value_type>();
    } else if constexpr (kind == ValueKind::structure) {
        std::size_t n = 2;
        bool bounded = true;
        for_each_field_type<T>(
            [&]<class F>(std::size_t, std::string_view name, std::type_identity<F>) {
                // `,"name":` with its escapes: the key as member_key spells it.
                n += escaped_size(name) + 2 + max_compact_text<F>();
                bounded = bounded && max_compact_text<F>() != 0;
            });
        return bounded ? n : 0;
    } else {
        return 0;
    }
}

// About how long the text of v is, so the output is allocated once instead of growing through
// every power of two: exact for booleans, enums, UUIDs and dates in compact form, generous for
// numbers, a guess for escapes and embedded JSON (the string then grows as usual).
template <class T>
std::size_t size_hint(const T& v, int indent, int depth) {
    constexpr ValueKind kind = value_kind<T>;
    auto line = [&](int d) { return indent ? std::size_t(1 + indent * d) : 0; };
    if constexpr (constexpr std::size_t bound = max_compact_text<T>(); bound != 0) {
        if (!indent)
            return bound; // a constant: the walk is compiled away
    }
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean) {
        return 5;
    } else if constexpr (kind == ValueKind::integer || kind == ValueKind::floating) {
        return 24;
    } else if constexpr (kind == ValueKind::string) {
        return v.size() + 2;
    } else if constexpr (kind == ValueKind::enumeration) {
        return to_string(v).size() + 2;
    } else if constexpr (kind == ValueKind::text) {
        return 40; // UUIDs, dates and timestamps are shorter
    } else if constexpr (kind == ValueKind::optional) {
        return v ? size_hint(*v, indent, depth) : 0;
    } else if constexpr (kind == ValueKind::sequence) {
        constexpr std::size_t item = max_compact_text<typename T::value_type>();
        if (item != 0 && !indent)
            return 2 + v.size() * (1 + item);
        std::size_t n = 2 + line(depth);
        for (const auto& item : v)
            n += size_hint(item, indent, depth + 1) + 1 + line(depth + 1);
        return n;
    } else if constexpr (kind == ValueKind::variant) {
        return std::visit([&](const auto& alt) { return size_hint(alt, indent, depth); }, v);
    } else if constexpr (kind == ValueKind::json_value || kind == ValueKind::json_object) {
        return 64;
    } else {
        assert_structure_kind<T>();
        std::size_t n = 2 + line(depth);
        for_each_field(v, [&](std::size_t, std::string_view name, const auto& field) {
            using F = std::remove_cvref_t<decltype(field)>;
            std::size_t member = name.size() + 4 + line(depth + 1);
            if constexpr (is_optional_v<F>) {
                if (field)
                    n += member + size_hint(*field, indent, depth + 1);
            } else {
                n += member + size_hint(field, indent, depth + 1);
            }
        });
        return n;
    }
}

// Writes v at p (room for bounded_text<T>() is there), returns the end of its text.
template <class T>
char* write_bounded(char* p, const T& v) {
    constexpr ValueKind kind = value_kind<T>;
    if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean) {
        // A lenient boolean is written in the strict form: what reportkit sends is canonical.
        if (bool(v)) {
            std::memcpy(p, "true", 4);
            return p + 4;
        }
        std::memcpy(p, "false", 5);
        return p + 5;
    } else if constexpr (kind == ValueKind::integer) {
        return write_integer(p, v);
    } else if constexpr (kind == ValueKind::floating) {
        // JSON has no spelling for infinities and NaN; `validate` reports such a value.
        if (!std::isfinite(v)) {
            std::memcpy(p, "null", 4);
            return p + 4;
        }
        return write_shortest(p, v);
    } else if constexpr (kind == ValueKind::enumeration) {
        constexpr const auto& names = quoted_names<T>;
        auto i = static_cast<std::size_t>(v);
        std::memcpy(p, names.slots[i].data(), QuotedNames<T>::width);
        return p + names.sizes[i];
    } else {
        static_assert(kind == ValueKind::text);
        *p++ = '"';
        p = v.write_to(p);
        *p++ = '"';
        return p;
    }
}

// Compact text is built without a flag per container: every member or element is written with
// a comma in front, and the first comma is overwritten by the opening character at the end (an
// empty container is written whole). Indented text writes the same characters plus the line
// breaks, so both layouts share one walk.
class Writer {
public:
    Writer(std::string& out, std::size_t expected, int indent)
        : out_(out, expected), indent_(indent) {}

    template <class T>
    void value(const T& v) {
        constexpr ValueKind kind = value_kind<T>;
        if constexpr (constexpr std::size_t bound = bounded_text<T>(); bound != 0) {
            out_.write_with(bound, [&](char* p) { return write_bounded(p, v); });
        } else if constexpr (kind == ValueKind::string) {
            write_escaped(out_, v);
        } else if constexpr (std::is_same_v<T, Timestamp>) {
            // Its text as it was read or made (append_to's), copied in place: handing the
            // string over to append_to and opening it again cost a resize each way.
            const std::string& text = v.text();
            out_.write_with(text.size() + 2, [&](char* p) {
                *p++ = '"';
                std::memcpy(p, text.data(), text.size());
                p += text.size();
                *p++ = '"';
                return p;
            });
        } else if constexpr (kind == ValueKind::text) {
            out_ += '"';
            v.append_to(out_.flushed()); // a text value of unbounded length
            out_.resume();
            out_ += '"';
        } else if constexpr (kind == ValueKind::optional) {
            static_assert(kind != ValueKind::optional,
                          "an optional is written through its field (member), never as a value");
        } else if constexpr (kind == ValueKind::sequence) {
            std::size_t start = open();
            for (const auto& item : v)
                element(item);
            close(start, '[', ']');
        } else if constexpr (kind == ValueKind::variant) {
            std::visit([&](const auto& alt) { value(alt); }, v);
        } else if constexpr (kind == ValueKind::json_value) {
            json(v);
        } else if constexpr (kind == ValueKind::json_object) {
            json_object(v);
        } else {
            assert_structure_kind<T>();
            std::size_t start = open();
            boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
                using Name = std::remove_cvref_t<decltype(boost::hana::first(pair))>;
                const auto& field = boost::hana::second(pair)(v);
                using F = std::remove_cvref_t<decltype(field)>;
                if constexpr (is_optional_v<F>) {
                    if (field)
                        member<Name>(*field);
                } else {
                    member<Name>(field);
                }
            });
            close(start, '{', '}');
        }
    }

    // Everything written reaches the string.
    void finish() { out_.finish(); }

private:
    // `,"name":` and the value; a bounded value takes its room with the key's.
    template <class Name, class V>
    void member(const V& v) {
        constexpr const auto& key = member_key<Name>.text;
        constexpr std::size_t bound = bounded_text<V>();
        if (indent_) [[unlikely]] {
            out_ += ',';
            newline();
            out_.append_fixed<key.size() - 1>(key.data() + 1);
            out_ += ' ';
            value(v);
        } else if constexpr (bound != 0) {
            out_.write_with(key.size() + bound, [&](char* p) {
                std::memcpy(p, key.data(), key.size());
                return write_bounded(p + key.size(), v);
            });
        } else {
            out_.append_fixed<key.size()>(key.data());
            value(v);
        }
    }

    template <class V>
    void element(const V& v) {
        constexpr std::size_t bound = bounded_text<V>();
        if (indent_) [[unlikely]] {
            out_ += ',';
            newline();
            value(v);
        } else if constexpr (bound != 0) {
            out_.write_with(1 + bound, [&](char* p) {
                *p = ',';
                return write_bounded(p + 1, v);
            });
        } else {
            out_ += ',';
            value(v);
        }
    }

    void json(const boost::json::value& v) {
        switch (v.kind()) {
        case boost::json::kind::object:
            json_object(v.get_object());
            break;
        case boost::json::kind::array: {
            std::size_t start = open();
            for (const auto& item : v.get_array()) {
                out_ += ',';
                newline();
                json(item);
            }
            close(start, '[', ']');
            break;
        }
        case boost::json::kind::string:
            write_escaped(out_, v.get_string());
            break;
        default:
            out_ += boost::json::serialize(v); // numbers, booleans, null
        }
    }
    void json_object(const boost::json::object& o) {
        std::size_t start = open();
        for (const auto& kv : o) {
            out_ += ',';
            newline();
            write_escaped(out_, kv.key());
            out_ += indent_ ? std::string_view(": ") : std::string_view(":");
            json(kv.value());
        }
        close(start, '{', '}');
    }

    // Where the container starts: its first element's comma is written there.
    std::size_t open() {
        ++depth_;
        return out_.offset();
    }
    void close(std::size_t start, char opening, char closing) {
        --depth_;
        if (out_.offset() == start) {
            const char empty[2] = {opening, closing};
            out_.append_fixed<2>(empty);
            return;
        }
        out_[start] = opening;
        newline();
        out_ += closing;
    }
    void newline() {
        if (indent_) [[unlikely]]
            line_break();
    }
    // Out of line: compact text, the common case, keeps its walk short.
    [[gnu::noinline]] void line_break() {
        out_ += '\n';
        out_.fill(static_cast<std::size_t>(indent_ * depth_), ' ');
    }

    OutputBuffer out_;
    int indent_;
    int depth_ = 0;
};

} // namespace detail

// Appends the JSON text of v to out; the allocation-free path for callers that reuse a buffer.
template <class T>
void to_json_string(const T& v, std::string& out, const WriteOptions& options = {}) {
    detail::Writer writer(out, detail::size_hint(v, options.indent, 0), options.indent);
    writer.value(v);
    writer.finish();
}

template <class T>
std::string to_json_string(const T& v, const WriteOptions& options = {}) {
    std::string out;
    to_json_string(v, out, options);
    return out;
}

// The same document as a Boost.JSON DOM, for code that wants to edit or embed it.
template <class T>
boost::json::value to_json(const T& v) {
    return boost::json::parse(to_json_string(v));
}

} // namespace reportkit
