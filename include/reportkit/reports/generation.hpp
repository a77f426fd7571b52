// When the platform generates a report's files, as data: the schedule rules of API.md in one
// place, read by the mock (which runs them on its clock) and by the client (which tells a
// report that is not generated yet from one in progress).
//
// - `once`: generated a single time, on its generation_date (decision: at 00:00:00 UTC of that
//   day), or at creation when it has none or the date is not after today.
// - `monthly`, enabled: generated at 23:59:59 UTC on the 1st of each month, covering the month
//   before (decision: its period is that month); a `send` one is e-mailed on the 2nd
//   (decision: at 00:00:00 UTC). Disabled: nothing; enabled again: from the next such instant.
// - The nightly usage computation runs 01:00-06:00 UTC; a create whose data would include the
//   day still being computed meanwhile answers 400 with `usage_history_not_ready_message`, and
//   500 with `usage_history_late_message` when the computation should have finished but has not.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/reports/report.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace reportkit::reports {

// The platform's wording of the 400 (from the platform documentation, quoted by issue 15).
inline constexpr std::string_view usage_history_not_ready_message =
    "Usage history is not ready and shouldn't be ready yet";
// The 500's wording (decision: the documentation gives only the status).
inline constexpr std::string_view usage_history_late_message =
    "Usage history is not ready and should be ready already";
// What a client should do about them (decision, from the documented 01:00-06:00 window and the
// 50x advice): the 400 after 06:00 UTC, the 500 like any 50x, twice, 1-2 s apart.
inline constexpr std::string_view usage_history_not_ready_advice =
    "the platform computes usage history from 01:00 to 06:00 UTC; create the report again "
    "after 06:00 UTC, or give it a period that ends before yesterday";

inline constexpr std::chrono::hours usage_history_ready_at{6}; // UTC, the window's end

// 23:59:59 UTC on the 1st of `month`: a monthly report's generation, covering the month before.
inline std::chrono::sys_seconds monthly_generation(std::chrono::year_month month) {
    using namespace std::chrono;
    return sys_seconds(sys_days(month / day{1})) + hours(23) + minutes(59) + seconds(59);
}

// 00:00:00 UTC on the 2nd of `month`: a monthly `send` report's e-mail.
inline std::chrono::sys_seconds monthly_mailing(std::chrono::year_month month) {
    using namespace std::chrono;
    return sys_seconds(sys_days(month / day{2}));
}

// The instant a monthly report of `action` produces something in `month`.
inline std::chrono::sys_seconds monthly_event(std::chrono::year_month month, ResultAction action) {
    return action == ResultAction::send ? monthly_mailing(month) : monthly_generation(month);
}

// The month a generation in `month` covers: the one before, whole.
inline Period month_covered(std::chrono::year_month month) {
    using namespace std::chrono;
    year_month before = month - months(1);
    return Period{Date(before / day{1}), Date(year_month_day(before / last))};
}

// 00:00:00 UTC of a one-time report's generation_date.
inline std::chrono::sys_seconds once_generation(const Date& generation_date) {
    return std::chrono::sys_seconds(generation_date.sys_days());
}

// Whether a one-time report is generated when it is created (no generation date, or one not
// after `today`).
inline bool generated_at_creation(const Report& report, const Date& today) {
    return report.schedule.type == ScheduleType::once
           && (!report.generation_date || *report.generation_date <= today);
}

// The next instant after `after` at which `report` produces files or an e-mail; empty when it
// never will again (a one-time report at or past its date, a disabled monthly one).
inline std::optional<std::chrono::sys_seconds>
next_generation(const Report& report, std::chrono::system_clock::time_point after) {
    using namespace std::chrono;
    // Compared in seconds: a generation_date may lie beyond what nanoseconds since 1970 hold.
    sys_seconds after_s = floor<seconds>(after);
    if (report.schedule.type == ScheduleType::once) {
        if (report.generation_date && once_generation(*report.generation_date) > after_s)
            return once_generation(*report.generation_date);
        return std::nullopt;
    }
    if (!report.schedule.enabled.value_or(true))
        return std::nullopt;
    year_month_day today{floor<days>(after)};
    year_month month{today.year(), today.month()};
    if (monthly_event(month, report.result_action) > after_s)
        return monthly_event(month, report.result_action);
    return monthly_event(month + months(1), report.result_action);
}

} // namespace reportkit::reports
