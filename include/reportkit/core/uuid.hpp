// Uuid: the API's identifier, always written in its 36-character lower-case canonical form.
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <boost/uuid/uuid.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reportkit {

class Uuid {
public:
    static constexpr std::string_view expected = "a UUID in lower-case 8-4-4-4-12 hexadecimal form";

    constexpr Uuid() = default; // the nil UUID
    explicit Uuid(const boost::uuids::uuid& u) {
        for (std::size_t i = 0; i < 16; ++i)
            bytes_[i] = u.data[i];
    }

    // Accepts exactly the official pattern [0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}. On failure,
    // `why` (when given) says what is wrong with the text, e.g. that it is upper case.
    static std::optional<Uuid> parse(std::string_view text, std::string* why = nullptr) {
        if (Uuid u; text.size() == 36 && u.read_canonical(text.data()))
            return u;
        // Not canonical: the careful pass below finds the first problem and says what it is.
        auto fail = [&](std::string reason) -> std::optional<Uuid> {
            if (why)
                *why = std::move(reason);
            return std::nullopt;
        };
        if (text.size() != 36)
            return fail("expected 36 characters, got " + std::to_string(text.size()));
        Uuid u;
        bool upper = false;
        std::size_t byte = 0;
        for (std::size_t i = 0; i < 36;) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (text[i] != '-')
                    return fail("expected '-' at offset " + std::to_string(i));
                ++i;
                continue;
            }
            int hi = hex(text[i], upper), lo = hex(text[i + 1], upper);
            if (hi < 0 || lo < 0)
                return fail("expected a hexadecimal digit at offset "
                            + std::to_string(hi < 0 ? i : i + 1));
            u.bytes_[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
            i += 2;
        }
        if (upper)
            return fail(
                "upper-case hexadecimal digits are not allowed; the API requires lower case");
        return u;
    }

    std::string to_string() const {
        std::string s;
        append_to(s);
        return s;
    }
    // The text is this long; write_to(p) writes it at p and returns its end.
    static constexpr std::size_t max_text_size = 36;
    char* write_to(char* p) const {
        // Two digits per byte from one table, dashes at fixed places: no branch per byte.
        static constexpr auto pairs = [] {
            std::array<char, 512> t{};
            constexpr char digits[] = "0123456789abcdef";
            for (std::size_t b = 0; b < 256; ++b) {
                t[2 * b] = digits[b >> 4];
                t[2 * b + 1] = digits[b & 0xf];
            }
            return t;
        }();
        auto bytes = [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i, p += 2)
                std::memcpy(p, &pairs[2 * std::size_t{bytes_[i]}], 2);
        };
        bytes(0, 4);
        *p++ = '-';
        bytes(4, 6);
        *p++ = '-';
        bytes(6, 8);
        *p++ = '-';
        bytes(8, 10);
        *p++ = '-';
        bytes(10, 16);
        return p;
    }
    void append_to(std::string& out) const {
        char buf[max_text_size];
        out.append(buf, static_cast<std::size_t>(write_to(buf) - buf));
    }

    boost::uuids::uuid to_boost() const {
        boost::uuids::uuid u{};
        for (std::size_t i = 0; i < 16; ++i)
            u.data[i] = bytes_[i];
        return u;
    }
    const std::array<std::uint8_t, 16>& bytes() const noexcept { return bytes_; }
    bool is_nil() const noexcept { return *this == Uuid{}; }

    friend auto operator<=>(const Uuid&, const Uuid&) = default;
    friend std::ostream& operator<<(std::ostream& os, const Uuid& u) { return os << u.to_string(); }

private:
    // The common case, valid lower-case text, eight digits at a time (SWAR): a table look-up per
    // character was most of the time a UUID took to read. Any other text fails here and goes
    // through parse()'s careful pass, which says what is wrong.
    bool read_canonical(const char* p) noexcept {
        if (p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-')
            return false;
        // The 32 digits together, without the dashes.
        char digits[32];
        std::memcpy(digits, p, 8);
        std::memcpy(digits + 8, p + 9, 4);
        std::memcpy(digits + 12, p + 14, 4);
        std::memcpy(digits + 16, p + 19, 4);
        std::memcpy(digits + 20, p + 24, 12);
#if defined(__SSE2__)
        // Each byte checked and turned into its nibble sixteen at a time.
        __m128i nibbles[2];
        for (int half = 0; half < 2; ++half) {
            __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(digits + 16 * half));
            __m128i digit = _mm_sub_epi8(x, _mm_set1_epi8('0'));
            __m128i letter = _mm_sub_epi8(x, _mm_set1_epi8('a'));
            // Unsigned v <= limit as max(v, limit) == limit.
            auto at_most = [](__m128i v, char limit) {
                __m128i l = _mm_set1_epi8(limit);
                return _mm_cmpeq_epi8(_mm_max_epu8(v, l), l);
            };
            __m128i is_digit = at_most(digit, 9), is_letter = at_most(letter, 5);
            if (_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)) != 0xffff)
                return false;
            nibbles[half] =
                _mm_or_si128(_mm_and_si128(is_digit, digit),
                             _mm_and_si128(is_letter, _mm_add_epi8(letter, _mm_set1_epi8(10))));
        }
        // Each pair of nibbles (first, second) as a 16-bit lane: byte = first << 4 | second.
        auto pairs = [](__m128i n) {
            __m128i first = _mm_and_si128(n, _mm_set1_epi16(0x00ff));
            return _mm_or_si128(_mm_slli_epi16(first, 4), _mm_srli_epi16(n, 8));
        };
        _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes_.data()),
                         _mm_packus_epi16(pairs(nibbles[0]), pairs(nibbles[1])));
        return true;
#else
        if constexpr (std::endian::native == std::endian::little) {
            for (std::size_t chunk = 0; chunk < 4; ++chunk) {
                std::uint64_t x;
                std::memcpy(&x, digits + 8 * chunk, 8);
                std::uint32_t four;
                if (!hex8(x, four))
                    return false;
                std::memcpy(bytes_.data() + 4 * chunk, &four, 4);
            }
            return true;
        } else {
            bool upper = false;
            for (std::size_t i = 0; i < 16; ++i) {
                int hi = hex(digits[2 * i], upper), lo = hex(digits[2 * i + 1], upper);
                if (hi < 0 || lo < 0 || upper)
                    return false;
                bytes_[i] = static_cast<std::uint8_t>(hi << 4 | lo);
            }
            return true;
        }
#endif
    }

    // Eight lower-case hexadecimal characters (little-endian load) to four bytes in text order;
    // false if any is not one of 0-9a-f.
    static bool hex8(std::uint64_t x, std::uint32_t& out) noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
        // Per byte, with the high bit set beforehand so no subtraction borrows from its
        // neighbour: the high bit of (b | 0x80) - c survives iff b >= c.
        auto at_least = [&](std::uint64_t c) { return ((x | high) - c * ones) & high; };
        std::uint64_t digit = at_least(0x30) & ~at_least(0x3a);
        std::uint64_t letter = at_least(0x61) & ~at_least(0x67);
        if ((x & high) || (digit | letter) != high)
            return false;
        // '0'-'9' -> 0-9, 'a'-'f' -> 10-15: the low nibble, plus 9 for letters (bit 6 set).
        std::uint64_t n = (x & 0x0f0f0f0f0f0f0f0fULL) + ((x & 0x4040404040404040ULL) >> 6) * 9;
        // Pairs of nibbles to bytes, then the four bytes together.
        n = ((n << 4) | (n >> 8)) & 0x00ff00ff00ff00ffULL;
        n = (n | (n >> 8)) & 0x0000ffff0000ffffULL;
        n = (n | (n >> 16)) & 0xffffffffULL;
        out = static_cast<std::uint32_t>(n);
        return true;
    }

    static int hex(char c, bool& upper) {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') {
            upper = true;
            return c - 'A' + 10;
        }
        return -1;
    }

    std::array<std::uint8_t, 16> bytes_{};
};

} // namespace reportkit

template <>
struct std::hash<reportkit::Uuid> {
    std::size_t operator()(const reportkit::Uuid& u) const noexcept {
        // The two halves mixed: a byte at a time was most of the time the unique rule took.
        std::uint64_t a, b;
        std::memcpy(&a, u.bytes().data(), 8);
        std::memcpy(&b, u.bytes().data() + 8, 8);
        return static_cast<std::size_t>(a ^ (b * 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)));
    }
};
