// to_json_string / to_json: T -> JSON, fields in declaration order, unset optionals left out.
//
// Text is written straight from the struct into one string (no DOM). With `indent` set, the
// layout is the common pretty-printed one: `"key": value`, one member per line, empty
// containers as `[]` and `{}`.
#pragma once

#include <reportkit/core/detail/number_text.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/reflect.hpp>
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

// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF) that s starts with, or 0 when it starts with none.
inline std::size_t utf8_sequence_length(std::string_view s) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(0);
    std::size_t n = 0;
    unsigned char low = 0x80, high = 0xbf; // the second byte's range
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        low = c == 0xe0 ? 0xa0 : low;
        high = c == 0xed ? 0x9f : high;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        low = c == 0xf0 ? 0x90 : low;
        high = c == 0xf4 ? 0x8f : high;
    } else {
        return 0;
    }
    if (s.size() < n || byte(1) < low || byte(1) > high)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((byte(k) & 0xc0) != 0x80)
            return 0;
    return n;
}

// Writes straight into the string: to_json_string reserves the text's likely size, the buffer
// opens all of that capacity at once and cuts the string to what was written at the end. A
// character costs a compare and a store; nothing is copied twice (a block buffer appended to the
// string was a fifth of writing a small document).
class OutputBuffer {
public:
    explicit OutputBuffer(std::string& out) : out_(out) {
        std::size_t at = out_.size();
        out_.resize(out_.capacity());
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;

    OutputBuffer& operator+=(char c) {
        room(1);
        *p_++ = c;
        return *this;
    }
    OutputBuffer& operator+=(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }
    void append(const char* p, std::size_t n) {
        room(n);
        std::memcpy(p_, p, n);
        p_ += n;
    }
    void fill(std::size_t n, char c) {
        room(n);
        std::memset(p_, c, n);
        p_ += n;
    }
    // write(p) writes at most n characters at p and returns their end.
    template <class Write>
    void write_with(std::size_t n, Write write) {
        room(n);
        p_ = write(p_);
    }
    // The string as written so far; the buffer goes on after whatever is appended to it.
    std::string& flushed() {
        finish();
        return out_;
    }
    void resume() {
        std::size_t at = out_.size();
        out_.resize(out_.capacity());
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }
    void finish() { out_.resize(static_cast<std::size_t>(p_ - out_.data())); }

    static constexpr std::size_t capacity = 512; // the most one write_with may ask for

private:
    void room(std::size_t n) {
        if (static_cast<std::size_t>(end_ - p_) < n)
            grow(n);
    }
    void grow(std::size_t n) {
        std::size_t at = static_cast<std::size_t>(p_ - out_.data());
        out_.resize(std::max(2 * out_.size(), at + n));
        p_ = out_.data() + at;
        end_ = out_.data() + out_.size();
    }

    std::string& out_;
    char* p_;
    char* end_;
};

// Whether none of the 8 bytes at p needs a look: no control character, quote, backslash or
// non-ASCII byte. Eight at a time (SWAR) rather than a table look-up per character.
inline bool clean8(const char* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & high; };
    std::uint64_t below_space = (x - 0x20 * ones) & ~x & high;
    return !((x & high) | below_space | has_zero(x ^ ('"' * ones)) | has_zero(x ^ ('\\' * ones)));
}

// Appends s as a JSON string to out (a std::string or an OutputBuffer).
template <class Out>
void write_escaped(Out& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    static constexpr auto needs_escape = [] {
        std::array<bool, 256> t{};
        for (unsigned c = 0; c < 0x20; ++c)
            t[c] = true;
        for (unsigned c = 0x80; c < 0x100; ++c)
            t[c] = true; // checked as UTF-8 below
        t['"'] = t['\\'] = true;
        return t;
    }();
    out += '"';
    std::size_t run = 0; // copy clean stretches in one append
    for (std::size_t i = 0; i < s.size(); ++i) {
        while (s.size() - i >= 8 && clean8(s.data() + i))
            i += 8;
        if (i == s.size())
            break;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape[c])
            continue;
        if (c >= 0x80) {
            // Well-formed UTF-8 is copied as it is. A stray byte (a path or header quoted in an
            // error message) would make the whole text invalid JSON: it becomes U+FFFD.
            if (std::size_t n = utf8_sequence_length(s.substr(i))) {
                i += n - 1;
                continue;
            }
            out.append(s.data() + run, i - run);
            run = i + 1;
            out += "\\ufffd";
            continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

// About how long the text of v is, so the output is allocated once instead of growing through
// every power of two: exact for booleans, enums, UUIDs and dates in compact form, generous for
// numbers, a guess for escapes and embedded JSON (the string then grows as usual).
template <class T>
std::size_t size_hint(const T& v, int indent, int depth) {
    constexpr ValueKind kind = value_kind<T>;
    auto line = [&](int d) { return indent ? std::size_t(1 + indent * d) : 0; };
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

class Writer {
public:
    Writer(std::string& out, int indent) : out_(out), indent_(indent) {}

    template <class T>
    void value(const T& v) {
        constexpr ValueKind kind = value_kind<T>;
        if constexpr (kind == ValueKind::boolean || kind == ValueKind::lenient_boolean) {
            // A lenient boolean is written in the strict form: what reportkit sends is canonical.
            out_ += bool(v) ? std::string_view("true") : std::string_view("false");
        } else if constexpr (kind == ValueKind::integer) {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v);
            out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
        } else if constexpr (kind == ValueKind::floating) {
            // JSON has no spelling for infinities and NaN; `validate` reports such a value.
            if (!std::isfinite(v))
                out_ += std::string_view("null");
            else
                out_.write_with(max_shortest_text, [&](char* p) { return write_shortest(p, v); });
        } else if constexpr (kind == ValueKind::string) {
            write_escaped(out_, v);
        } else if constexpr (kind == ValueKind::enumeration) {
            out_ += quoted_enum_names<T>()[static_cast<std::size_t>(v)];
        } else if constexpr (kind == ValueKind::text) {
            out_ += '"';
            // Uuid and Date write into the buffer; other text values append to the string.
            if constexpr (requires(char* p) {
                              { v.write_to(p) } -> std::same_as<char*>;
                          }) {
                static_assert(T::max_text_size <= OutputBuffer::capacity);
                out_.write_with(T::max_text_size, [&](char* p) { return v.write_to(p); });
            } else {
                v.append_to(out_.flushed());
                out_.resume();
            }
            out_ += '"';
        } else if constexpr (kind == ValueKind::optional) {
            static_assert(kind != ValueKind::optional,
                          "an optional is written through its field (member), never as a value");
        } else if constexpr (kind == ValueKind::sequence) {
            open('[');
            bool first = true;
            for (const auto& item : v) {
                separator(first);
                value(item);
            }
            close(']', first);
        } else if constexpr (kind == ValueKind::variant) {
            std::visit([&](const auto& alt) { value(alt); }, v);
        } else if constexpr (kind == ValueKind::json_value) {
            json(v);
        } else if constexpr (kind == ValueKind::json_object) {
            json_object(v);
        } else {
            assert_structure_kind<T>();
            open('{');
            bool first = true;
            const auto& keys = quoted_keys<T>();
            for_each_field(v, [&](std::size_t i, std::string_view, const auto& field) {
                using F = std::remove_cvref_t<decltype(field)>;
                if constexpr (is_optional_v<F>) {
                    if (field)
                        member(first, keys[i], *field);
                } else {
                    member(first, keys[i], field);
                }
            });
            close('}', first);
        }
    }

    // Everything written reaches the string.
    void finish() { out_.finish(); }

private:
    // `,"name":` for each field of T, escaped once rather than on every write.
    template <class T>
    static const std::array<std::string, field_count<T>>& quoted_keys() {
        static const auto keys = [] {
            std::array<std::string, field_count<T>> out;
            for (std::size_t i = 0; i < out.size(); ++i) {
                out[i] = ','; // member() leaves it out before the first member
                write_escaped(out[i], field_names<T>()[i]);
                out[i] += ':';
            }
            return out;
        }();
        return keys;
    }

    // `"name"` for each value of E: wire names never need escaping.
    template <class E>
    static const auto& quoted_enum_names() {
        static const auto quoted = [] {
            constexpr auto names = enum_names<E>();
            std::array<std::string, names.size()> out;
            for (std::size_t i = 0; i < names.size(); ++i)
                out[i] = '"' + std::string(names[i]) + '"';
            return out;
        }();
        return quoted;
    }

    // `comma_key` is `,"name":`; compact text takes the comma with the key in one copy.
    template <class V>
    void member(bool& first, std::string_view comma_key, const V& v) {
        if (indent_) {
            separator(first);
            out_ += comma_key.substr(1);
            out_ += ' ';
        } else {
            out_ += first ? comma_key.substr(1) : comma_key;
            first = false;
        }
        value(v);
    }

    void json(const boost::json::value& v) {
        switch (v.kind()) {
        case boost::json::kind::object:
            json_object(v.get_object());
            break;
        case boost::json::kind::array: {
            open('[');
            bool first = true;
            for (const auto& item : v.get_array()) {
                separator(first);
                json(item);
            }
            close(']', first);
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
        open('{');
        bool first = true;
        for (const auto& kv : o) {
            separator(first);
            write_escaped(out_, kv.key());
            out_ += indent_ ? std::string_view(": ") : std::string_view(":");
            json(kv.value());
        }
        close('}', first);
    }

    void open(char c) {
        out_ += c;
        ++depth_;
    }
    void separator(bool& first) {
        if (!first)
            out_ += ',';
        first = false;
        newline();
    }
    void close(char c, bool empty) {
        --depth_;
        if (!empty)
            newline();
        out_ += c;
    }
    void newline() {
        if (indent_) {
            out_ += '\n';
            out_.fill(static_cast<std::size_t>(indent_ * depth_), ' ');
        }
    }

    OutputBuffer out_;
    int indent_;
    int depth_ = 0;
};

} // namespace detail

// Appends the JSON text of v to out; the allocation-free path for callers that reuse a buffer.
template <class T>
void to_json_string(const T& v, std::string& out, const WriteOptions& options = {}) {
    out.reserve(out.size() + detail::size_hint(v, options.indent, 0));
    detail::Writer writer(out, options.indent);
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
