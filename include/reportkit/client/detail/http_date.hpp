// The HTTP Date header read: the client learns the server's time from it (the mock's clock may
// be anywhere), to judge a report's generation date against the server's today.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace reportkit::detail {

// An HTTP Date (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), or nothing.
inline std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
    static constexpr std::string_view months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (text.size() != 29 || text.substr(25) != " GMT")
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    std::size_t m = months.find(text.substr(8, 3));
    int day = number(5, 2), year = number(12, 4), h = number(17, 2), mi = number(20, 2),
        s = number(23, 2);
    if (m == std::string_view::npos || m % 3 != 0 || day < 0 || year < 0 || h < 0 || mi < 0
        || s < 0)
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(year),
                                    std::chrono::month(static_cast<unsigned>(m / 3 + 1)),
                                    std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi)
           + std::chrono::seconds(s);
}

} // namespace reportkit::detail
