// JSON spellings for the writer: strings with their escapes, integers, and the keys and enum
// names that are spelled once, at compile time.
#pragma once

#include <reportkit/core/detail/output_buffer.hpp>
#include <reportkit/core/detail/utf8.hpp>
#include <reportkit/core/enum.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>

namespace reportkit::detail {

// The bytes a JSON string cannot hold as they are: control characters, quote and backslash;
// bytes from 0x80 are looked at as UTF-8.
inline constexpr auto needs_look = [] {
    std::array<bool, 256> t{};
    for (unsigned c = 0; c < 0x20; ++c)
        t[c] = true;
    for (unsigned c = 0x80; c < 0x100; ++c)
        t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

// Writes the escape of s[i] at p (s[i] is a byte needs_look names), returns the end of what was
// written and moves i past what was consumed. At most 6 characters. Well-formed UTF-8 is copied
// as it is; a stray byte (a path or header quoted in an error message) would make the whole
// text invalid JSON, so it becomes U+FFFD.
constexpr char* write_escape(char* p, std::string_view s, std::size_t& i) {
    constexpr char hex[] = "0123456789abcdef";
    auto put = [&](std::string_view text) {
        for (char c : text)
            *p++ = c;
    };
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
        if (std::size_t n = utf8_sequence_length(s.substr(i))) {
            for (std::size_t k = 0; k < n; ++k)
                *p++ = s[i + k];
            i += n;
        } else {
            put("\\ufffd");
            ++i;
        }
        return p;
    }
    ++i;
    switch (c) {
    case '"':
        put("\\\"");
        break;
    case '\\':
        put("\\\\");
        break;
    case '\b':
        put("\\b");
        break;
    case '\f':
        put("\\f");
        break;
    case '\n':
        put("\\n");
        break;
    case '\r':
        put("\\r");
        break;
    case '\t':
        put("\\t");
        break;
    default:
        put("\\u00");
        *p++ = hex[c >> 4];
        *p++ = hex[c & 0xf];
    }
    return p;
}

// s as a JSON string, one character at a time: for text spelled at compile time.
constexpr char* write_escaped_slowly(char* p, std::string_view s) {
    *p++ = '"';
    for (std::size_t i = 0; i < s.size();) {
        if (needs_look[static_cast<unsigned char>(s[i])])
            p = write_escape(p, s, i);
        else
            *p++ = s[i++];
    }
    *p++ = '"';
    return p;
}

constexpr std::size_t escaped_size(std::string_view s) {
    std::array<char, 6> scratch{};
    std::size_t n = 2;
    for (std::size_t i = 0; i < s.size();) {
        if (needs_look[static_cast<unsigned char>(s[i])])
            n += static_cast<std::size_t>(write_escape(scratch.data(), s, i) - scratch.data());
        else
            ++n, ++i;
    }
    return n;
}

// A mark (high bit) on each of the 8 bytes of x that needs a look, and on no other: within a
// byte of 7 bits an added 0x7f never carries into the next, so each byte is judged alone.
constexpr std::uint64_t marks8(std::uint64_t x) noexcept {
    constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, high = 0x8080808080808080ULL;
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    std::uint64_t ascii = x & low7;
    std::uint64_t not_quote = (ascii ^ ('"' * ones)) + low7;
    std::uint64_t not_backslash = (ascii ^ ('\\' * ones)) + low7;
    std::uint64_t not_control = (x & (0x60 * ones)) + low7; // bit 5 or 6 set: from 0x20
    return (~(not_quote & not_backslash & not_control) | x) & high;
}

// The n < 8 bytes at c in the low bytes of a word, the others zero, without reading past c + n:
// two loads that overlap (little-endian only).
inline std::uint64_t load_short(const char* c, std::size_t n) noexcept {
    if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, c, 4);
        std::memcpy(&b, c + n - 4, 4);
        return a | std::uint64_t(b) << 8 * (n - 4);
    }
    if (n >= 2) {
        std::uint16_t a, b;
        std::memcpy(&a, c, 2);
        std::memcpy(&b, c + n - 2, 2);
        return a | std::uint64_t(b) << 8 * (n - 2);
    }
    return n ? static_cast<unsigned char>(*c) : 0;
}

// Writes the escape of the first of the n bytes at c (a marked one) at p and moves c past what it
// consumed; returns where p is then. Out of line: the loop over clean text keeps few registers.
[[gnu::noinline]] inline char* escape_first(OutputBuffer& out, char* p, const char*& c,
                                            std::size_t n) {
    p = out.at(p, n + 6 + 9); // this escape, the rest, the closing quote, the overrun
    std::size_t i = 0;
    p = write_escape(p, std::string_view(c, n), i);
    c += i;
    return p;
}

// Appends s as a JSON string. Eight bytes at a time are copied first and looked at after
// (SWAR): a clean stretch costs a load, a store and a test per eight characters, and no call;
// the last few bytes (and a short string) are one such word too, not a loop per byte. The room
// asked for covers the text, its quotes and an 8-byte overrun; each escape asks for what it adds.
inline void write_escaped(OutputBuffer& out, std::string_view s) {
    constexpr bool little = std::endian::native == std::endian::little;
    const char* c = s.data();
    const char* const e = c + s.size();
    char* p = out.at(out.position(), s.size() + 10);
    *p++ = '"';
    while (c != e) {
        auto left = static_cast<std::size_t>(e - c);
        std::uint64_t marks;
        if (left >= 8) {
            std::uint64_t x;
            std::memcpy(&x, c, 8);
            std::memcpy(p, c, 8);
            marks = marks8(x);
            if (!marks) {
                c += 8;
                p += 8;
                continue;
            }
        } else if constexpr (little) {
            // The last bytes: the string's last eight shifted down when it has eight, so that
            // the end of a longer string costs no branch on its length.
            std::uint64_t x;
            if (s.size() >= 8) {
                std::memcpy(&x, e - 8, 8);
                x >>= 8 * (8 - left);
            } else {
                x = load_short(c, left);
            }
            std::memcpy(p, &x, 8);
            marks = marks8(x) & ((std::uint64_t(1) << 8 * left) - 1);
            if (!marks) {
                p += left;
                break;
            }
        } else {
            if (!needs_look[static_cast<unsigned char>(*c)]) { // one byte at a time
                *p++ = *c++;
                continue;
            }
            marks = std::uint64_t(0x80) << 56; // the first byte
        }
        // The first byte to look at.
        auto k = static_cast<std::size_t>(
            (little ? std::countr_zero(marks) : std::countl_zero(marks)) >> 3);
        c += k;
        p += k;
        p = escape_first(out, p, c, left - k);
    }
    *p++ = '"';
    out.done(p);
}

// `,"name":`: the comma goes with the key in one copy (a container's first one is overwritten
// by its opening character).
template <std::size_t N>
struct MemberKey {
    std::array<char, N> text;
};

template <class HanaString>
inline constexpr auto member_key = [] {
    constexpr std::string_view name = HanaString::c_str();
    MemberKey<escaped_size(name) + 2> key{};
    key.text[0] = ',';
    *write_escaped_slowly(key.text.data() + 1, name) = ':';
    return key;
}();

// The quoted wire names of an enum, each in a slot of one width, so that writing one is a copy
// of a constant length (the slot) and a cut to the name's.
template <class E>
struct QuotedNames {
    static constexpr auto names = enum_names<E>();
    static constexpr std::size_t width = [] {
        std::size_t w = 0;
        for (std::string_view n : names)
            w = std::max(w, n.size() + 2);
        return (w + 7) / 8 * 8;
    }();
    std::array<std::array<char, width>, names.size()> slots{};
    std::array<std::uint8_t, names.size()> sizes{};
};

template <class E>
inline constexpr auto quoted_names = [] {
    constexpr auto names = enum_names<E>();
    QuotedNames<E> q{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        // Wire names never need escaping.
        q.slots[i][0] = '"';
        for (std::size_t k = 0; k < names[i].size(); ++k)
            q.slots[i][k + 1] = names[i][k];
        q.slots[i][names[i].size() + 1] = '"';
        q.sizes[i] = static_cast<std::uint8_t>(names[i].size() + 2);
    }
    return q;
}();

// The longest decimal text of an integer type (sign included).
template <class I>
inline constexpr std::size_t max_integer_text = std::numeric_limits<I>::digits10 + 2;

// The decimal text of v at p (what std::to_chars writes), returns its end. Digits two at a time
// from a table, into a length counted first: no call and no division instruction.
template <class I>
char* write_integer(char* p, I v) {
    if constexpr (sizeof(I) > sizeof(std::uint64_t)) {
        return std::to_chars(p, p + max_integer_text<I>, v).ptr;
    } else {
        static constexpr char pairs[] = "00010203040506070809101112131415161718192021222324"
                                        "25262728293031323334353637383940414243444546474849"
                                        "50515253545556575859606162636465666768697071727374"
                                        "75767778798081828384858687888990919293949596979899";
        static constexpr std::uint64_t powers[] = {1ULL,
                                                   10ULL,
                                                   100ULL,
                                                   1000ULL,
                                                   10000ULL,
                                                   100000ULL,
                                                   1000000ULL,
                                                   10000000ULL,
                                                   100000000ULL,
                                                   1000000000ULL,
                                                   10000000000ULL,
                                                   100000000000ULL,
                                                   1000000000000ULL,
                                                   10000000000000ULL,
                                                   100000000000000ULL,
                                                   1000000000000000ULL,
                                                   10000000000000000ULL,
                                                   100000000000000000ULL,
                                                   1000000000000000000ULL,
                                                   10000000000000000000ULL};
        std::uint64_t u;
        if constexpr (std::is_signed_v<I>) {
            if (v < 0) {
                *p++ = '-';
                u = 0 - static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
            } else {
                u = static_cast<std::uint64_t>(v);
            }
        } else {
            u = static_cast<std::uint64_t>(v);
        }
        // floor(log10(u)) from the bit width, corrected by one comparison.
        unsigned t = static_cast<unsigned>(std::bit_width(u | 1) * 1233) >> 12;
        t -= (u | 1) < powers[t]; // 0 has one digit like 1
        char* end = p + t + 1;
        char* q = end;
        // Eight digits at a time while more remain, in two independent halves, and the last
        // (at most eight) in 32-bit arithmetic: short chains of multiplications.
        auto two = [&](std::uint32_t d, char* at) { std::memcpy(at, pairs + 2 * d, 2); };
        while (u >= 100000000) {
            auto low = static_cast<std::uint32_t>(u % 100000000);
            u /= 100000000;
            std::uint32_t high4 = low / 10000, low4 = low % 10000;
            q -= 8;
            two(high4 / 100, q);
            two(high4 % 100, q + 2);
            two(low4 / 100, q + 4);
            two(low4 % 100, q + 6);
        }
        auto w = static_cast<std::uint32_t>(u);
        while (w >= 100) {
            q -= 2;
            two(w % 100, q);
            w /= 100;
        }
        if (w >= 10)
            two(w, q - 2);
        else
            q[-1] = static_cast<char>('0' + w);
        return end;
    }
}

} // namespace reportkit::detail
