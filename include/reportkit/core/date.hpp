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
} // namespace detail

class Date {
public:
    static constexpr std::string_view expected = "a date in YYYY-MM-DD form";

    constexpr Date() = default; // 1970-01-01
    constexpr Date(int year, unsigned month, unsigned day)
        : ymd_{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}} {}
    constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}

    static std::optional<Date> parse(std::string_view text, std::string* why = nullptr) {
        auto fail = [&](std::string reason) -> std::optional<Date> {
            if (why)
                *why = std::move(reason);
            return std::nullopt;
        };
        if (text.size() != 10 || text[4] != '-' || text[7] != '-')
            return fail("expected exactly 10 characters YYYY-MM-DD");
        int y = detail::digits(text, 0, 4), m = detail::digits(text, 5, 2),
            d = detail::digits(text, 8, 2);
        if (y < 0 || m < 0 || d < 0)
            return fail("expected digits in YYYY-MM-DD");
        Date date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
        if (!date.ymd_.ok())
            return fail("not a calendar date");
        return date;
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
    std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::month{1},
                                     std::chrono::day{1}};
};

} // namespace reportkit
