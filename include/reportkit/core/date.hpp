// Date: a calendar date written YYYY-MM-DD; only real dates exist (2017-02-30 does not).
#pragma once

#include <algorithm>
#include <chrono>
#include <compare>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace reportkit {

namespace detail {
// Reads exactly `n` ASCII digits at `p`; -1 when any is not a digit.
inline int digits(std::string_view s, std::size_t p, std::size_t n) {
    int v = 0;
    for (std::size_t i = p; i < p + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Appends v (0-99) as two digits: the fields of dates and times, written without a formatter.
inline void append_two_digits(std::string& out, unsigned v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}
} // namespace detail

class Date {
public:
    static constexpr std::string_view expected = "a date in YYYY-MM-DD form";

    constexpr Date() = default; // 1970-01-01
    constexpr Date(int year, unsigned month, unsigned day)
        : ymd_{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}} {}
    constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}

    static std::optional<Date> parse(std::string_view text, std::string* why = nullptr) {
        const char* s = text.data();
        if (text.size() == 10 && s[4] == '-' && s[7] == '-') [[likely]] {
            // A byte that is not a digit gives a value above 9 once '0' is taken away.
            auto digit = [s](int i) {
                return static_cast<unsigned>(static_cast<unsigned char>(s[i]) - '0');
            };
            unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5),
                     m1 = digit(6), d0 = digit(8), d1 = digit(9);
            if ((y0 < 10) & (y1 < 10) & (y2 < 10) & (y3 < 10) & (m0 < 10) & (m1 < 10) & (d0 < 10)
                & (d1 < 10)) [[likely]] {
                Date date(static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3), m0 * 10 + m1,
                          d0 * 10 + d1);
                // Days 1-28 of months 1-12 exist in every year; only the others need the
                // calendar.
                if ((date.month() - 1 < 12 && date.day() - 1 < 28) || date.ymd_.ok()) [[likely]]
                    return date;
            }
        }
        if (why)
            *why = why_not_a_date(text);
        return std::nullopt;
    }

    // Today's date in UTC: the API's notion of "today" when no clock is injected.
    static Date today_utc() {
        return Date(std::chrono::year_month_day{
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())});
    }

    int year() const noexcept { return static_cast<int>(ymd_.year()); }
    unsigned month() const noexcept { return static_cast<unsigned>(ymd_.month()); }
    unsigned day() const noexcept { return static_cast<unsigned>(ymd_.day()); }
    std::chrono::year_month_day ymd() const noexcept { return ymd_; }
    std::chrono::sys_days sys_days() const noexcept { return ymd_; }

    // The text is at most this long; write_to(p) writes it at p and returns its end.
    static constexpr std::size_t max_text_size = 16;
    char* write_to(char* p) const {
        int y = year() % 10000;
        unsigned m = month(), d = day();
        if (y < 0 || m > 99 || d > 99) { // outside what parse() gives; printf's layout then
            char buf[32];
            int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
            std::size_t k = n < 0 ? 0 : std::min(static_cast<std::size_t>(n), max_text_size);
            std::memcpy(p, buf, k);
            return p + k;
        }
        // Digits by hand: snprintf was most of the time it took to write a report.
        *p++ = static_cast<char>('0' + y / 1000);
        *p++ = static_cast<char>('0' + y / 100 % 10);
        *p++ = static_cast<char>('0' + y / 10 % 10);
        *p++ = static_cast<char>('0' + y % 10);
        *p++ = '-';
        *p++ = static_cast<char>('0' + m / 10);
        *p++ = static_cast<char>('0' + m % 10);
        *p++ = '-';
        *p++ = static_cast<char>('0' + d / 10);
        *p++ = static_cast<char>('0' + d % 10);
        return p;
    }
    void append_to(std::string& out) const {
        char buf[max_text_size];
        out.append(buf, static_cast<std::size_t>(write_to(buf) - buf));
    }
    std::string to_string() const {
        std::string s;
        append_to(s);
        return s;
    }

    friend constexpr bool operator==(const Date& a, const Date& b) { return a.ymd_ == b.ymd_; }
    friend constexpr auto operator<=>(const Date& a, const Date& b) { return a.ymd_ <=> b.ymd_; }
    friend std::ostream& operator<<(std::ostream& os, const Date& d) { return os << d.to_string(); }

private:
    [[gnu::noinline]] static std::string why_not_a_date(std::string_view text) {
        if (text.size() != 10 || text[4] != '-' || text[7] != '-')
            return "expected exactly 10 characters YYYY-MM-DD";
        if (detail::digits(text, 0, 4) < 0 || detail::digits(text, 5, 2) < 0
            || detail::digits(text, 8, 2) < 0)
            return "expected digits in YYYY-MM-DD";
        return "not a calendar date";
    }

    std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::month{1},
                                     std::chrono::day{1}};
};

} // namespace reportkit
