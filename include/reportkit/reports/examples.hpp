// Named, valid example payloads: the documentation's own (the seed) and one for each shape of
// report. `reportkit example NAME` prints them; tests and the mock use them as fixtures.
#pragma once

#include <reportkit/core/write.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>

#include <string>
#include <string_view>

namespace reportkit::reports::examples {

inline const Uuid& seed_tenant() {
    static const Uuid id = *Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7dae");
    return id;
}

// The request of the documentation's "Creating a usage report" page.
inline ReportRequest seed_request() {
    ReportRequest r;
    r.recipients = {*Uuid::parse("ca451758-b48a-45d9-9ae6-8f1059f67619"),
                    *Uuid::parse("ab00e527-219b-481b-b01b-311b5be0ed3c")};
    r.parameters.kind = Kind::usage_summary;
    r.parameters.tenant_id = seed_tenant();
    r.parameters.level = Level::accounts;
    r.parameters.period = Period{Date(2017, 5, 1), Date(2017, 5, 7)};
    r.parameters.formats = {Format::csv, Format::html};
    r.schedule.type = ScheduleType::once;
    r.generation_date = Date(2017, 5, 8);
    r.result_action = ResultAction::send;
    return r;
}

// The server's answer to it on the same page.
inline Report seed_report() {
    return make_report(seed_request(), *Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc"));
}

} // namespace reportkit::reports::examples
