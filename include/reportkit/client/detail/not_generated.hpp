// Why a report's empty /stored list means "nothing to wait for yet" rather than work in
// progress: what wait_until_stored tells its caller, in words that name the schedule.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/reports/generation.hpp>
#include <reportkit/reports/report.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace reportkit::detail {

// Why an empty /stored list of `report` is no sign of work in progress, or nothing.
inline std::optional<std::string> not_generated_yet(const reports::Report& report,
                                                    std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    if (report.result_action == reports::ResultAction::send)
        return std::string("its result_action is send: its files are e-mailed to the "
                           "recipients, never listed in /stored");
    Date today(year_month_day(floor<days>(now)));
    if (report.schedule.type == reports::ScheduleType::once) {
        if (reports::generated_at_creation(report, today))
            return std::nullopt;
        return "it is generated on its generation_date, " + report.generation_date->to_string()
               + " (the server's today is " + today.to_string() + ")";
    }
    auto next = reports::next_generation(report, now);
    if (!next)
        return std::string("it is a disabled monthly report: nothing is generated until it "
                           "is enabled again");
    return "it is a monthly report, generated at 23:59:59 UTC on each 1st; the next is "
           + Timestamp::from_time(*next).to_string();
}

} // namespace reportkit::detail
