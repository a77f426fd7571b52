// Timestamp: an RFC 3339 date-time such as 2019-08-08T07:36:57+00:00, kept as written so that
// reading and writing it again is the identity.
#pragma once

#include <reportkit/core/date.hpp>

#include <chrono>
#include <compare>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace reportkit {

namespace detail {
// Appends HH:MM:SS for a time of day (0 to 86,399 seconds after midnight).
inline void append_time_of_day(std::string& out, std::chrono::seconds since_midnight) {
    std::chrono::hh_mm_ss hms{since_midnight};
    append_two_digits(out, static_cast<unsigned>(hms.hours().count()));
    out += ':';
    append_two_digits(out, static_cast<unsigned>(hms.minutes().count()));
    out += ':';
    append_two_digits(out, static_cast<unsigned>(hms.seconds().count()));
}
} // namespace detail

class Timestamp {
public:
    static constexpr std::string_view expected =
        "an RFC 3339 date-time such as 2019-08-08T07:36:57+00:00";

    Timestamp() = default; // 1970-01-01T00:00:00Z

    static std::optional<Timestamp> parse(std::string_view text, std::string* why = nullptr) {
        auto fail = [&](std::string reason) -> std::optional<Timestamp> {
            if (why)
                *why = std::move(reason);
            return std::nullopt;
        };
        // date-time = full-date "T" partial-time time-offset, T and Z case-insensitive (5.6).
        if (text.size() < 20)
            return fail("too short for YYYY-MM-DDTHH:MM:SS and an offset");
        std::string reason;
        auto date = Date::parse(text.substr(0, 10), &reason);
        if (!date)
            return fail("date part: " + reason);
        if (text[10] != 'T' && text[10] != 't')
            return fail("expected 'T' after the date");
        if (text[13] != ':' || text[16] != ':')
            return fail("expected HH:MM:SS after 'T'");
        int h = detail::digits(text, 11, 2), m = detail::digits(text, 14, 2),
            s = detail::digits(text, 17, 2);
        if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 60)
            return fail("time of day out of range");
        std::size_t p = 19;
        long long nanos = 0;
        if (text[p] == '.') {
            std::size_t start = ++p;
            while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
                if (p - start < 9)
                    nanos = nanos * 10 + (text[p] - '0');
                ++p;
            }
            if (p == start)
                return fail("expected digits after '.'");
            for (std::size_t k = p - start; k < 9; ++k)
                nanos *= 10;
        }
        int offset_minutes = 0;
        if (p < text.size() && (text[p] == 'Z' || text[p] == 'z')) {
            ++p;
        } else if (p + 6 == text.size() && (text[p] == '+' || text[p] == '-')
                   && text[p + 3] == ':') {
            int oh = detail::digits(text, p + 1, 2), om = detail::digits(text, p + 4, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59)
                return fail("offset out of range");
            offset_minutes = (text[p] == '-' ? -1 : 1) * (oh * 60 + om);
            p += 6;
        } else {
            return fail("expected 'Z' or an offset like +00:00");
        }
        if (p != text.size())
            return fail("unexpected characters after the offset");
        Timestamp t;
        t.text_.assign(text);
        t.time_ = std::chrono::sys_days(date->ymd()) + std::chrono::hours(h)
                  + std::chrono::minutes(m - offset_minutes) + std::chrono::seconds(s)
                  + std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::nanoseconds(nanos));
        return t;
    }

    // Formats a point in time as YYYY-MM-DDTHH:MM:SS+00:00, the form the API's examples use.
    static Timestamp from_time(std::chrono::system_clock::time_point tp) {
        auto secs = std::chrono::floor<std::chrono::seconds>(tp);
        auto day = std::chrono::floor<std::chrono::days>(secs);
        Timestamp t;
        t.text_.reserve(25);
        Date(std::chrono::year_month_day{day}).append_to(t.text_);
        // By hand, and the instant taken as it is rather than parsed back from the text: a
        // mock stamps every write, and snprintf and a parse cost more than the rest of it.
        t.text_ += 'T';
        detail::append_time_of_day(t.text_, secs - day);
        t.text_ += "+00:00";
        t.time_ = std::chrono::time_point_cast<std::chrono::microseconds>(secs);
        return t;
    }

    // Microseconds, not nanoseconds: a 64-bit count of nanoseconds covers only the years 1678
    // to 2262, and RFC 3339 allows 0000 to 9999.
    std::chrono::sys_time<std::chrono::microseconds> time() const noexcept { return time_; }
    const std::string& text() const noexcept { return text_.empty() ? epoch_text() : text_; }
    void append_to(std::string& out) const { out += text(); }
    std::string to_string() const { return text(); }

    // Same instant and same spelling: equality is what a round trip must preserve.
    friend bool operator==(const Timestamp& a, const Timestamp& b) { return a.text() == b.text(); }
    friend std::ostream& operator<<(std::ostream& os, const Timestamp& t) { return os << t.text(); }

private:
    static const std::string& epoch_text() noexcept {
        static const std::string text = "1970-01-01T00:00:00Z";
        return text;
    }

    // Empty stands for the default's spelling (epoch_text): the epoch's 20 characters do not fit
    // a std::string's own buffer, so every struct holding a Timestamp, made before it is read,
    // allocated once for it, and a read replaced that with a second allocation (measured: three
    // allocations and three frees per timestamp read).
    std::string text_;
    std::chrono::sys_time<std::chrono::microseconds> time_{};
};

} // namespace reportkit
