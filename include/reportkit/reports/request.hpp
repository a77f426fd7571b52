// The body of POST /reports, and the parts it shares with the stored Report. Every rule of
// API.md's "Report request" table is declared here, beside the fields it constrains.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>

#include <optional>
#include <vector>

#include <boost/hana/define_struct.hpp>

namespace reportkit::reports {

struct Period {
    BOOST_HANA_DEFINE_STRUCT(Period, (Date, start), (Date, end));

    static constexpr auto rules() {
        return reportkit::rules(ordered(&Period::start, &Period::end),
                                not_in_future(&Period::start), not_in_future(&Period::end));
    }
};

struct Parameters {
    BOOST_HANA_DEFINE_STRUCT(Parameters, (Kind, kind), (Uuid, tenant_id), (Level, level),
                             (std::optional<Period>, period),
                             (std::optional<std::vector<Format>>, formats),
                             (std::optional<bool>, hide_zero_usage),
                             (std::optional<bool>, show_skus));

    static constexpr auto rules() {
        return reportkit::rules(
            non_empty(&Parameters::formats), unique(&Parameters::formats),
            // A decision, not a documented rule: these kinds report over a period, so leaving it
            // out is allowed but most likely a mistake.
            recommended_if(&Parameters::period,
                           is_one_of(&Parameters::kind, Kind::usage_daily, Kind::usage_summary,
                                     Kind::usage_breakdown)));
    }
};

// Without `formats` the server produces this list (decision).
inline const std::vector<Format>& default_formats() {
    static const std::vector<Format> formats{Format::csv};
    return formats;
}

// `enabled` is optional in a request (the server echoes true when it is omitted) and always
// present in a stored report.
struct Schedule {
    BOOST_HANA_DEFINE_STRUCT(Schedule, (ScheduleType, type), (std::optional<bool>, enabled));
};

// The rules a request and a stored report share, written once for both (R is either struct).
template <class R>
constexpr auto request_rules() {
    constexpr Format monthly_formats[] = {Format::csv, Format::html};
    return reportkit::rules(
        required_if(&R::recipients, is(&R::result_action, ResultAction::send)),
        forbidden_unless(&R::recipients, is(&R::result_action, ResultAction::send)),
        non_empty(&R::recipients), unique(&R::recipients),
        forbidden_unless(&R::generation_date,
                         is(path(&R::schedule, &Schedule::type), ScheduleType::once)),
        // Monthly reports are documented to support only csv and html; a warning (decision).
        subset_if(path(&R::parameters, &Parameters::formats), monthly_formats,
                  is(path(&R::schedule, &Schedule::type), ScheduleType::monthly),
                  Severity::warning));
}

struct ReportRequest {
    BOOST_HANA_DEFINE_STRUCT(ReportRequest, (std::optional<std::vector<Uuid>>, recipients),
                             (Parameters, parameters), (Schedule, schedule),
                             (std::optional<Date>, generation_date), (ResultAction, result_action));

    static constexpr auto rules() { return request_rules<ReportRequest>(); }
};

} // namespace reportkit::reports
