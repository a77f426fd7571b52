// The byte-level scans of the JSON tokenizer (json_tokenizer.hpp): runs of white space and of
// plain string bytes sixteen bytes at a time where SSE2 is there (every x86-64), else eight;
// eight digits at a time; hex escapes. Positions in, positions out, no state.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reportkit::detail {

// "'x'" for a printable character, "byte 0x8f" otherwise, "the end of the input" past the end.
inline std::string describe_json_byte(const char* p, const char* end) {
    if (p == end)
        return "the end of the input";
    auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c < 0x7f)
        return std::string{'\'', static_cast<char>(c), '\''};
    constexpr char hex[] = "0123456789abcdef";
    return std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
}

inline bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

inline std::uint64_t load8(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}

// Whether the eight bytes of x (little-endian) are all '0'-'9': each byte's high nibble is
// 3, and adding 6 to its low nibble does not carry into it.
inline bool eight_digits(std::uint64_t x) noexcept {
    return ((x & 0xf0f0f0f0f0f0f0f0u) | (((x + 0x0606060606060606u) & 0xf0f0f0f0f0f0f0f0u) >> 4))
           == 0x3333333333333333u;
}
// The value of eight digits (little-endian, first digit in the lowest byte): pairs, then
// fours, then the eight, combined by multiplies.
inline std::uint64_t eight_digits_value(std::uint64_t x) noexcept {
    x -= 0x3030303030303030u;
    x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffu;   // 2-digit values in bytes 0, 2, 4, 6
    x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffu; // 4-digit values in bytes 0-1, 4-5
    return (x * 10000 + (x >> 32)) & 0xffffffffu;
}

// The white space from p on, once skip_space saw that there is some.
inline const char* skip_more_space(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i space = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
                                                  _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r')),
                                                  _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
        unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(space)) & 0xffffu;
        if (other)
            return p + std::countr_zero(other);
        p += 16;
    }
#endif
    while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        ++p;
    return p;
}

// Most tokens follow the previous one directly, or after one space (after a colon);
// pretty-printed text puts a newline and a run of spaces before the others, which are
// measured sixteen bytes at a time where SSE2 is there.
[[gnu::always_inline]] inline const char* skip_space(const char* p, const char* end) noexcept {
    if (p == end || static_cast<unsigned char>(*p) > ' ') [[likely]]
        return p;
    if (*p == ' ' && end - p > 1 && static_cast<unsigned char>(p[1]) > ' ')
        return p + 1;
    return skip_more_space(p, end);
}

// The first byte at or after p that ends a plain run of a string: '"', '\\', a control
// character or a byte of a multi-byte UTF-8 sequence; sixteen bytes at a time where SSE2 is
// there (every x86-64), else eight.
inline const char* skip_plain(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(' ');
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // As signed bytes, both the control characters and the bytes >= 0x80 are below ' '.
        __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                         _mm_cmplt_epi8(x, space));
        if (int mask = _mm_movemask_epi8(special))
            return p + std::countr_zero(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    if constexpr (std::endian::native == std::endian::little) {
        while (end - p >= 8) {
            std::uint64_t x = load8(p);
            // A borrow can flag a byte above a flagged one, never below: the lowest is exact.
            std::uint64_t special = zero_byte(x ^ (ones * '"')) | zero_byte(x ^ (ones * '\\'))
                                    | ((x - ones * 0x20) & ~x & highs) | (x & highs);
            if (special)
                return p + std::countr_zero(special) / 8;
            p += 8;
        }
    }
    for (; p != end; ++p) {
        auto c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
            break;
    }
    return p;
}

// Four hex digits at p as a code unit; -1 if they are not.
inline long hex4(const char* p, const char* end) noexcept {
    if (end - p < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

} // namespace reportkit::detail
