// Floating-point numbers as text, both ways, exactly: std::from_chars rounds correctly, and
// std::to_chars without a precision gives the shortest text that reads back as the same double.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace reportkit::detail {

// Long enough for any double in fixed notation (the longest, 2^-1074, has 1,074 decimals but
// its shortest form keeps 751 characters).
inline constexpr std::size_t max_double_text = 800;
// The shortest general form is at most 24 characters (-2.2250738585072014e-308).
inline constexpr std::size_t max_shortest_text = 32;

// The shortest text that reads back as v; may use an exponent (JSON allows one).
inline char* write_shortest(char* p, double v) {
    return std::to_chars(p, p + max_shortest_text, v).ptr;
}

// The shortest plain decimal (no exponent) that reads back as v: CSV's convention.
inline char* write_plain(char* p, double v) {
    return std::to_chars(p, p + max_double_text, v, std::chars_format::fixed).ptr;
}

inline std::string shortest_text(double v) {
    char buf[max_double_text];
    return std::string(buf, write_shortest(buf, v));
}

enum class NumberError { none, syntax, range };

// Reads the whole of `text` as a finite double: a decimal with an optional fraction and
// exponent, no spaces, no '+', no "inf" or "nan".
inline NumberError parse_double(std::string_view text, double& out) {
    const char* first = text.data();
    const char* last = first + text.size();
    if (first == last || *first == '+')
        return NumberError::syntax;
    const char* digits = *first == '-' ? first + 1 : first;
    if (digits == last || !((*digits >= '0' && *digits <= '9') || *digits == '.'))
        return NumberError::syntax; // from_chars would read "inf" and "nan"
    auto [end, ec] = std::from_chars(first, last, out, std::chars_format::general);
    if (ec == std::errc::result_out_of_range)
        return NumberError::range;
    if (ec != std::errc{} || end != last)
        return NumberError::syntax;
    return std::isfinite(out) ? NumberError::none : NumberError::range;
}

// The double a JSON number's text stands for, where it must have one (a number kept as a JSON
// value): the nearest, or, beyond the range of a double, infinity or zero with its sign, as
// IEEE arithmetic would round it.
inline double json_number_value(std::string_view text) {
    double v = 0;
    if (std::from_chars(text.data(), text.data() + text.size(), v).ec
        != std::errc::result_out_of_range)
        return v;
    // The decimal exponent of the first significant digit decides overflow or underflow.
    bool negative = !text.empty() && text.front() == '-';
    std::size_t i = negative, integer_digits = 0, leading_zeros = 0;
    while (i < text.size() && text[i] == '0')
        ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        ++i, ++integer_digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (integer_digits == 0)
            while (i < text.size() && text[i] == '0')
                ++i, ++leading_zeros;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
    }
    bool exponent_negative = false;
    long long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            exponent_negative = text[i++] == '-';
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && exponent < 100000; ++i)
            exponent = exponent * 10 + (text[i] - '0');
    }
    long long magnitude = static_cast<long long>(integer_digits)
                          - static_cast<long long>(leading_zeros)
                          + (exponent_negative ? -exponent : exponent);
    double huge = magnitude > 0 ? HUGE_VAL : 0.0;
    return negative ? -huge : huge;
}

} // namespace reportkit::detail
