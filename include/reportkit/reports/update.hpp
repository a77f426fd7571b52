// The body of PUT /reports/{id}: a partial update of a scheduled report. Which fields may be
// changed is the shape of these structs; that the stored report must be monthly, and that
// recipients agree with its result_action, is checked against the stored report (the mock
// validates the merged Report with the Report rules).
#pragma once

#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/lenient_bool.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>
#include <reportkit/reports/report.hpp>

#include <optional>
#include <vector>

namespace reportkit::reports {

struct UpdateParameters {
    REPORTKIT_DEFINE_STRUCT(UpdateParameters, (std::optional<Kind>, kind),
                            (std::optional<Level>, level),
                            (std::optional<LenientBool>, hide_zero_usage),
                            (std::optional<LenientBool>, show_skus));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The report parameters an update may change.",
            describe(&UpdateParameters::kind, "The kind of usage report."),
            describe(&UpdateParameters::level, "Which tenants under tenant_id the report covers."),
            describe(&UpdateParameters::hide_zero_usage,
                     "Leave out zero usage; a boolean (the strings \"true\" and \"false\" are read "
                     "with a warning)."),
            describe(&UpdateParameters::show_skus, "Show SKUs; a boolean (the strings \"true\" and "
                                                   "\"false\" are read with a warning)."));
    }
};

// Inside an update's schedule only `enabled` may appear, and it must.
struct UpdateSchedule {
    REPORTKIT_DEFINE_STRUCT(UpdateSchedule, (bool, enabled));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The schedule an update may change: only enabled, which is then required.",
            describe(&UpdateSchedule::enabled, "false disables the scheduled report."));
    }
};

struct ReportUpdate {
    REPORTKIT_DEFINE_STRUCT(ReportUpdate, (std::optional<std::vector<Uuid>>, recipients),
                            (std::optional<UpdateParameters>, parameters),
                            (std::optional<UpdateSchedule>, schedule));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The body of PUT /reports/{id}: a partial update of a monthly report; every field "
            "optional.",
            describe(&ReportUpdate::recipients,
                     "New recipients; only for a report whose result_action is send."),
            describe(&ReportUpdate::parameters, "Report parameters to change."),
            describe(&ReportUpdate::schedule, "{\"enabled\": false} disables the report."));
    }

    template <class = void>
    static constexpr auto rules() {
        // Whether `[]` is allowed depends on the stored result_action (empty with save is
        // fine), so the merged report's rules judge it.
        return reportkit::rules(unique(&ReportUpdate::recipients));
    }
};

// The report as it would be after `update`; validate the result to apply the Report rules.
inline Report apply_update(Report report, const ReportUpdate& update) {
    if (update.recipients)
        report.recipients = update.recipients;
    if (const auto& p = update.parameters) {
        if (p->kind)
            report.parameters.kind = *p->kind;
        if (p->level)
            report.parameters.level = *p->level;
        if (p->hide_zero_usage)
            report.parameters.hide_zero_usage = p->hide_zero_usage;
        if (p->show_skus)
            report.parameters.show_skus = p->show_skus;
    }
    if (update.schedule)
        report.schedule.enabled = update.schedule->enabled;
    return report;
}

} // namespace reportkit::reports
