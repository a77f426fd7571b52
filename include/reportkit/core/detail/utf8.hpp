// UTF-8, as the JSON reader checks it and the writers copy it: well-formed sequences only
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace reportkit::detail {

// The well-formed sequence s starts with: its length, or 0 and the offset of the first byte
// that breaks it (the lead byte itself, a wrong continuation, or s.size() when s ends first).
struct Utf8Sequence {
    std::size_t length = 0;
    std::size_t bad = 0;
};

constexpr Utf8Sequence utf8_sequence(std::string_view s) {
    if (s.empty())
        return {0, 0};
    auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80)
        return {1, 0};
    std::size_t n = 0;
    unsigned char low = 0x80, high = 0xbf; // the second byte's range
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
        return {0, 0};
    }
    for (std::size_t k = 1; k < n; ++k, low = 0x80, high = 0xbf) {
        if (k >= s.size())
            return {0, s.size()};
        auto b = static_cast<unsigned char>(s[k]);
        if (b < low || b > high)
            return {0, k};
    }
    return {n, 0};
}

// The length of the well-formed sequence s starts with, or 0 when it starts with none.
constexpr std::size_t utf8_sequence_length(std::string_view s) {
    return utf8_sequence(s).length;
}

// Appends code point cp (at most U+10FFFF, no surrogate) as UTF-8.
inline void append_utf8(std::string& out, unsigned long cp) {
    auto put = [&](unsigned long b) { out.push_back(static_cast<char>(b)); };
    if (cp < 0x80) {
        put(cp);
    } else if (cp < 0x800) {
        put(0xc0 | (cp >> 6));
        put(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        put(0xe0 | (cp >> 12));
        put(0x80 | ((cp >> 6) & 0x3f));
        put(0x80 | (cp & 0x3f));
    } else {
        put(0xf0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3f));
        put(0x80 | ((cp >> 6) & 0x3f));
        put(0x80 | (cp & 0x3f));
    }
}

} // namespace reportkit::detail
