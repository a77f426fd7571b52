// The body of POST /reports, and the parts it shares with the stored Report. Every rule of
// API.md's "Report request" table is declared here, beside the fields it constrains.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>

#include <optional>
#include <vector>

namespace reportkit::reports {

struct Period {
    REPORTKIT_DEFINE_STRUCT(Period, (Date, start), (Date, end));

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(ordered(&Period::start, &Period::end),
                                not_in_future(&Period::start), not_in_future(&Period::end));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The days the report covers, both inclusive; start <= end, neither in the future.",
            describe(&Period::start, "First day of the period (YYYY-MM-DD)."),
            describe(&Period::end, "Last day of the period (YYYY-MM-DD)."));
    }
};

struct Parameters {
    REPORTKIT_DEFINE_STRUCT(Parameters, (Kind, kind), (Uuid, tenant_id), (Level, level),
                            (std::optional<Period>, period),
                            (std::optional<std::vector<Format>>, formats),
                            (std::optional<LenientBool>, hide_zero_usage),
                            (std::optional<LenientBool>, show_skus));

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(
            non_empty(&Parameters::formats), unique(&Parameters::formats),
            // A decision, not a documented rule: these kinds report over a period, so leaving it
            // out is allowed but most likely a mistake.
            recommended_if(&Parameters::period,
                           is_one_of(&Parameters::kind, Kind::usage_daily, Kind::usage_summary,
                                     Kind::usage_breakdown)));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "Report parameters which configure the report; kind, tenant_id and level are "
            "required.",
            describe(&Parameters::kind, "The kind of usage report."),
            describe(&Parameters::tenant_id, "UUID of the tenant the report is about."),
            describe(&Parameters::level, "Which tenants under tenant_id the report covers."),
            describe(&Parameters::period,
                     "The reporting period; recommended for usage_daily, usage_summary and "
                     "usage_breakdown."),
            describe(&Parameters::formats,
                     "Output formats, non-empty and without duplicates; csv_v2_0 when omitted."),
            describe(&Parameters::hide_zero_usage,
                     "Leave out zero usage; a boolean (the strings \"true\" and \"false\" are read "
                     "with a warning)."),
            describe(&Parameters::show_skus, "Show SKUs; a boolean (the strings \"true\" and "
                                             "\"false\" are read with a warning)."));
    }
};

// Without `formats` the server produces this list (decision): the platform's own billing
// integration omits `formats` and then downloads the csv_v2_0 item.
inline const std::vector<Format>& default_formats() {
    static const std::vector<Format> formats{Format::csv_v2_0};
    return formats;
}

// `enabled` is optional in a request (the server echoes true when it is omitted) and always
// present in a stored report.
struct Schedule {
    REPORTKIT_DEFINE_STRUCT(Schedule, (ScheduleType, type), (std::optional<bool>, enabled));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "When the report is generated; type is required.",
            describe(&Schedule::type, "once: a one-time report; monthly: a scheduled report."),
            describe(&Schedule::enabled,
                     "Whether a scheduled report runs; true when omitted on create."));
    }
};

// The rules a request and a stored report share, written once for both (R is either struct).
template <class R>
constexpr auto request_rules() {
    constexpr Format monthly_formats[] = {Format::csv, Format::html};
    return reportkit::rules(
        required_if(&R::recipients, is(&R::result_action, ResultAction::send)),
        non_empty_if(&R::recipients, is(&R::result_action, ResultAction::send)),
        // The platform's own billing integration sends `"recipients": []` with save.
        empty_unless(&R::recipients, is(&R::result_action, ResultAction::send)),
        unique(&R::recipients),
        forbidden_unless(&R::generation_date,
                         is(path(&R::schedule, &Schedule::type), ScheduleType::once)),
        // Monthly reports are documented to support only csv and html; a warning (decision).
        subset_if(path(&R::parameters, &Parameters::formats), monthly_formats,
                  is(path(&R::schedule, &Schedule::type), ScheduleType::monthly),
                  Severity::warning));
}

// The descriptions a request and a stored report share (R is either struct).
template <class R>
constexpr auto request_descriptions(std::string_view of_struct) {
    return reportkit::descriptions(
        of_struct,
        describe(&R::recipients,
                 "UUIDs of the users who receive the report by email; required and non-empty "
                 "when result_action is send, absent or empty when it is save."),
        describe(&R::parameters, "The report parameters."),
        describe(&R::schedule, "The report schedule."),
        describe(&R::generation_date,
                 "The day a one-time report is generated (YYYY-MM-DD); only when schedule.type "
                 "is once."),
        describe(&R::result_action,
                 "save: files are kept on the server and fetched through /stored; send: the "
                 "report is emailed to recipients."));
}

struct ReportRequest {
    REPORTKIT_DEFINE_STRUCT(ReportRequest, (std::optional<std::vector<Uuid>>, recipients),
                            (Parameters, parameters), (Schedule, schedule),
                            (std::optional<Date>, generation_date), (ResultAction, result_action));

    template <class = void>
    static constexpr auto rules() {
        return request_rules<ReportRequest>();
    }
    template <class = void>
    static constexpr auto descriptions() {
        return request_descriptions<ReportRequest>("The body of POST /reports.");
    }
};

} // namespace reportkit::reports
