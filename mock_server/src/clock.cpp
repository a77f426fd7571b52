#include <reportkit/mock/clock.hpp>

#include <charconv>
#include <stdexcept>

namespace reportkit::mock {

using namespace std::chrono;

namespace {

constexpr sys_seconds earliest = ceil<seconds>(Clock::time_point::min());
constexpr sys_seconds latest = floor<seconds>(Clock::time_point::max());

[[noreturn]] void beyond_range(const std::string& what) {
    throw std::invalid_argument(what + " is beyond the instants the mock clock holds ("
                                + Timestamp::from_time(earliest).to_string() + " to "
                                + Timestamp::from_time(latest).to_string() + ")");
}

// `from` + `amount`, refused when it would leave the clock's range.
Clock::time_point later(Clock::time_point from, seconds amount) {
    if (floor<seconds>(from) > latest - amount)
        beyond_range("the clock moved forward by " + std::to_string(amount.count()) + " s");
    return from + amount;
}

} // namespace

Clock::time_point to_clock_time(const Timestamp& instant) {
    if (instant.time() < earliest || instant.time() > latest)
        beyond_range(instant.to_string());
    return time_point_cast<Clock::time_point::duration>(instant.time());
}

void Clock::set(const Timestamp& instant) {
    set(to_clock_time(instant));
}

Clock::Clock(Source source, std::optional<time_point> start) : source_(std::move(source)) {
    if (!start)
        return;
    if (source_)
        offset_ = *start - source_();
    else
        frozen_ = *start;
}

Clock::time_point Clock::now() const {
    std::lock_guard lock(mutex_);
    return current();
}

Clock::time_point Clock::current() const {
    if (frozen_)
        return *frozen_;
    return (source_ ? source_() : system_clock::now()) + offset_;
}

Date Clock::today() const {
    return Date(year_month_day(floor<days>(now())));
}

void Clock::set(time_point instant) {
    {
        std::lock_guard lock(mutex_);
        if (source_)
            offset_ = instant - source_();
        else
            frozen_ = instant;
    }
    moved();
}

void Clock::advance(seconds amount) {
    if (amount < seconds(0))
        throw std::invalid_argument("the clock only moves forward by advance(); set() an earlier "
                                    "instant to go back");
    {
        std::lock_guard lock(mutex_);
        time_point from = current();
        later(from, amount); // refused before anything moves
        if (frozen_)
            *frozen_ += amount;
        else
            offset_ += amount;
    }
    moved();
}

void Clock::advance(months amount) {
    if (amount < months(0))
        throw std::invalid_argument("the clock only moves forward by advance(); set() an earlier "
                                    "instant to go back");
    {
        std::lock_guard lock(mutex_);
        time_point from = current();
        time_point to = add_months(from, amount);
        if (frozen_)
            frozen_ = to;
        else
            offset_ += to - from;
    }
    moved();
}

void Clock::advance(std::string_view iso8601_duration) {
    std::string why;
    auto d = parse_iso8601_duration(iso8601_duration, &why);
    if (!d)
        throw std::invalid_argument(why);
    {
        std::lock_guard lock(mutex_);
        time_point from = current();
        time_point to = later(add_months(from, d->months), d->fixed);
        if (frozen_)
            frozen_ = to;
        else
            offset_ += to - from;
    }
    moved();
}

void Clock::on_moved(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

void Clock::moved() {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        listener = listener_;
    }
    if (listener)
        listener();
}

Clock::time_point add_months(Clock::time_point t, months amount) {
    auto day = floor<days>(t);
    auto time_of_day = t - day;
    year_month_day ymd{day};
    year_month target = year_month(ymd.year(), ymd.month()) + amount;
    auto last = year_month_day_last(target.year(), month_day_last(target.month())).day();
    year_month_day moved{target.year(), target.month(), std::min(ymd.day(), last)};
    if (sys_days(moved) > floor<days>(latest) - days(1))
        beyond_range("the clock moved forward by " + std::to_string(amount.count()) + " months");
    return sys_days(moved) + time_of_day;
}

std::optional<CalendarDuration> parse_iso8601_duration(std::string_view text, std::string* why) {
    auto fail = [&](std::string reason) -> std::optional<CalendarDuration> {
        if (why)
            *why = "expected an ISO 8601 duration such as \"P1M\", \"PT2H\" or \"P1DT30M\", got \""
                   + std::string(text.substr(0, 40)) + "\": " + reason;
        return std::nullopt;
    };
    if (text.size() < 2 || text[0] != 'P')
        return fail("it must start with 'P' and name at least one amount");
    CalendarDuration out;
    bool in_time = false, any = false;
    // The designators allowed, in order, before and after 'T'.
    std::string_view order = "YMWD";
    std::size_t next = 0;
    for (std::size_t i = 1; i < text.size();) {
        if (text[i] == 'T') {
            if (in_time)
                return fail("'T' appears twice");
            in_time = true;
            order = "HMS";
            next = 0;
            ++i;
            if (i == text.size())
                return fail("nothing follows 'T'");
            continue;
        }
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), n);
        if (text[i] < '0' || text[i] > '9' || ec != std::errc{}) // from_chars takes a '-'
            return fail("expected a whole number at position " + std::to_string(i + 1));
        if (n > 1'000'000)
            return fail("an amount over 1000000 is not taken");
        std::size_t at = static_cast<std::size_t>(end - text.data());
        if (at == text.size())
            return fail("the number " + std::to_string(n) + " has no designator after it");
        std::size_t k = order.find(text[at], next);
        if (k == std::string_view::npos)
            return fail("'" + std::string(1, text[at]) + "' is not a designator here (allowed: "
                        + std::string(order.substr(next)) + (in_time ? "" : ", then T") + ")");
        next = k + 1;
        any = true;
        switch (in_time ? "hms"[k] : "YMWD"[k]) {
        case 'Y':
            out.months += years(n);
            break;
        case 'M':
            out.months += months(n);
            break;
        case 'W':
            out.fixed += weeks(n);
            break;
        case 'D':
            out.fixed += days(n);
            break;
        case 'h':
            out.fixed += hours(n);
            break;
        case 'm':
            out.fixed += minutes(n);
            break;
        case 's':
            out.fixed += seconds(n);
            break;
        }
        i = at + 1;
    }
    if (!any)
        return fail("it names no amount");
    // The clock counts nanoseconds, which end in the year 2262.
    if (out.months > years(200) || out.fixed > years(200))
        return fail("an advance over 200 years is not taken");
    return out;
}

} // namespace reportkit::mock
