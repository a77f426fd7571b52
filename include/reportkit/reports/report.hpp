// The server's report: the answer to create, fetch and update. The request's fields plus the
// server-made `id` and `version`, with `schedule.enabled` always present.
#pragma once

#include <reportkit/core/rules.hpp>
#include <reportkit/reports/request.hpp>

#include <cstdint>
#include <tuple>

namespace reportkit::reports {

struct Report {
    REPORTKIT_DEFINE_STRUCT(Report, (Uuid, id), (std::int64_t, version),
                            (std::optional<std::vector<Uuid>>, recipients),
                            (Parameters, parameters), (Schedule, schedule),
                            (std::optional<Date>, generation_date), (ResultAction, result_action));

    template <class = void>
    static constexpr auto rules() {
        return reportkit::detail::join_packs(
            request_rules<Report>(),
            reportkit::rules(minimum(&Report::version, 1),
                             required(path(&Report::schedule, &Schedule::enabled))));
    }

    template <class = void>
    static constexpr auto descriptions() {
        auto shared = request_descriptions<Report>(
            "A report as the server stores it: the answer of create, fetch and update.");
        return reportkit::detail::apply_pack(
            [&](auto... fields) {
                return reportkit::descriptions(
                    shared.of_struct, describe(&Report::id, "UUID the server gave the report."),
                    describe(&Report::version,
                             "1 after create, one more after every successful update."),
                    fields...);
            },
            shared.fields);
    }
};

// The report a server stores for `request`: version 1, schedule enabled unless the request
// said otherwise.
inline Report make_report(const ReportRequest& request, const Uuid& id) {
    Report r;
    r.id = id;
    r.version = 1;
    r.recipients = request.recipients;
    r.parameters = request.parameters;
    r.schedule = request.schedule;
    if (!r.schedule.enabled)
        r.schedule.enabled = true;
    r.generation_date = request.generation_date;
    r.result_action = request.result_action;
    return r;
}

} // namespace reportkit::reports
