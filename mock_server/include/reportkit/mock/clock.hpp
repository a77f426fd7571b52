// Clock: the one time of a mock. Token expiry, stored-file readiness, written timestamps, the
// "period not in the future" rule's today and the report schedules all read it, so a test that
// moves it moves all of them:
//
//     reportkit::mock::Server server{{.now = reportkit::Timestamp::parse("2017-05-15T10:00:00Z")}};
//     server.clock().advance(std::chrono::months(1));   // calendar months: to 2017-06-15
//     server.clock().advance("PT2H");                   // ISO 8601, as POST /__admin/clock
//
// Without a start instant it is the system clock. Started at an instant (Options::now or
// Options::today) or set, it stands still until it is moved, so equal requests give equal
// answers; with an Options::clock source it moves as that source does, from the start instant.
// Schedules that come due while it moves run before the move returns (each at its own instant,
// never twice, however far it jumps).
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/timestamp.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace reportkit::mock {

class Clock {
public:
    using time_point = std::chrono::system_clock::time_point;
    using Source = std::function<time_point()>;

    // `source` empty: the system clock. `start`: where it stands at construction.
    explicit Clock(Source source = {}, std::optional<time_point> start = {});
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;

    time_point now() const;
    Date today() const; // the UTC date of now()

    void set(time_point instant); // may go back: what already ran does not run again
    // Throws std::invalid_argument for an instant the clock cannot hold (see to_clock_time).
    void set(const Timestamp& instant);
    // Forward only (a negative amount throws std::invalid_argument), and not past the last
    // instant the clock holds (the same exception; the clock stays where it was).
    void advance(std::chrono::seconds amount);
    void advance(std::chrono::months amount); // calendar months; the 31st becomes the 30th, ...
    void advance(std::chrono::years amount) { advance(std::chrono::months(amount)); }
    // An ISO 8601 duration, "P1M", "PT2H", "P1Y2M3DT4H5M6S", "P2W"; years and months are
    // calendar ones, a day is 24 hours (UTC has no daylight saving). Throws
    // std::invalid_argument saying what is wrong with it.
    void advance(std::string_view iso8601_duration);

    // Called after every move, outside the clock's lock (the mock runs its schedules here).
    void on_moved(std::function<void()> listener);

private:
    void moved();
    time_point current() const; // with mutex_ held
    mutable std::mutex mutex_;
    Source source_;
    std::optional<time_point> frozen_; // standing still here; empty: source() + offset_
    std::chrono::system_clock::duration offset_{};
    std::function<void()> listener_;
};

// An ISO 8601 duration read into calendar months and a fixed part; std::nullopt with `why` set
// when it is not one. Exposed for the admin API, which answers 400 with `why`.
struct CalendarDuration {
    std::chrono::months months{0};
    std::chrono::seconds fixed{0};
};
std::optional<CalendarDuration> parse_iso8601_duration(std::string_view text, std::string* why);

// An instant as the clock holds it. Its nanosecond count spans 1677-09-21 to 2262-04-11: an
// instant outside throws std::invalid_argument saying so (a date of the API may be any year).
Clock::time_point to_clock_time(const Timestamp& instant);

// `t` moved by whole calendar months, the time of day kept and the day clamped to the month's
// last (2017-01-31 + 1 month = 2017-02-28).
Clock::time_point add_months(Clock::time_point t, std::chrono::months amount);

} // namespace reportkit::mock
