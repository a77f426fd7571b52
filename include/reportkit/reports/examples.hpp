// Named, valid example payloads: the documentation's own (the seed) and one for each shape of
// report, all made with the builders. `reportkit example NAME` prints them; tests and the mock
// use them as fixtures.
#pragma once

#include <reportkit/core/write.hpp>
#include <reportkit/reports/builder.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/request.hpp>
#include <reportkit/reports/update.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::reports::examples {

inline const Uuid& seed_tenant() {
    static const Uuid id = *Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7dae");
    return id;
}

inline const std::vector<Uuid>& seed_recipients() {
    static const std::vector<Uuid> ids{*Uuid::parse("ca451758-b48a-45d9-9ae6-8f1059f67619"),
                                       *Uuid::parse("ab00e527-219b-481b-b01b-311b5be0ed3c")};
    return ids;
}

// The request of the documentation's "Creating a usage report" page.
inline ReportRequest seed_request() {
    return usage_report()
        .kind(Kind::usage_summary)
        .tenant(seed_tenant())
        .level(Level::accounts)
        .period("2017-05-01", "2017-05-07")
        .formats({Format::csv, Format::html})
        .once_on("2017-05-08")
        .send_to(seed_recipients())
        .build()
        .value();
}

// The server's answer to it on the same page.
inline Report seed_report() {
    return make_report(seed_request(), *Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc"));
}

// One request for each kind, result action and schedule: the three schedules are once, once
// with a generation date, and monthly.
enum class ScheduleChoice { once, once_on, monthly };
enum class ActionChoice { send, save };

inline std::string_view to_string(ScheduleChoice s) {
    return s == ScheduleChoice::once      ? "once"
           : s == ScheduleChoice::once_on ? "once_on"
                                          : "monthly";
}
inline std::string_view to_string(ActionChoice a) {
    return a == ActionChoice::send ? "send" : "save";
}

inline ReportRequest request_of_shape(Kind kind, ActionChoice action, ScheduleChoice schedule) {
    auto report = usage_report().kind(kind).tenant(seed_tenant()).level(Level::accounts);
    // usage_current reports on the present moment; the other kinds cover a period.
    if (kind != Kind::usage_current)
        report = report.period("2017-05-01", "2017-05-31");
    // Monthly reports support only csv and html (a warning otherwise).
    if (schedule == ScheduleChoice::monthly)
        report = report.formats({Format::csv, Format::html});
    else
        report = report.formats({Format::csv_v2_0, Format::json_v2_0});
    if (action == ActionChoice::save)
        report = report.show_skus(true);
    if (kind == Kind::usage_breakdown)
        report = report.hide_zero_usage(true);

    auto scheduled = schedule == ScheduleChoice::once      ? report.once()
                     : schedule == ScheduleChoice::once_on ? report.once_on("2017-06-01")
                                                           : report.monthly();
    auto done =
        action == ActionChoice::send ? scheduled.send_to(seed_recipients()) : scheduled.save();
    return done.build().value();
}

// Changes a monthly report's level and hides zero usage.
inline ReportUpdate update_example() {
    return report_update().level(Level::all_customers).hide_zero_usage(true).build().value();
}

// Switches a monthly report off.
inline ReportUpdate disable_example() {
    return report_update().disable().build().value();
}

struct Example {
    std::string name;
    std::string type; // as `reportkit validate --type` names it: request, report or update
    std::string description;
    std::string json; // pretty-printed, 4 spaces
};

// Every example, in the order `reportkit example` lists them.
inline const std::vector<Example>& all() {
    static const std::vector<Example> examples = [] {
        std::vector<Example> out;
        auto add = [&](std::string name, std::string type, std::string description,
                       const auto& payload) {
            out.push_back({std::move(name), std::move(type), std::move(description),
                           to_json_string(payload, {.indent = 4})});
        };
        add("seed-request", "request",
            "the documentation's request: usage_summary, sent once to two recipients",
            seed_request());
        add("seed-report", "report", "the server's answer to seed-request", seed_report());
        for (Kind kind :
             {Kind::usage_daily, Kind::usage_summary, Kind::usage_current, Kind::usage_breakdown})
            for (ActionChoice action : {ActionChoice::send, ActionChoice::save})
                for (ScheduleChoice schedule :
                     {ScheduleChoice::once, ScheduleChoice::once_on, ScheduleChoice::monthly}) {
                    std::string k(reportkit::to_string(kind));
                    std::string a(to_string(action)), s(to_string(schedule));
                    add(k + '-' + a + '-' + s, "request",
                        k
                            + (action == ActionChoice::send ? ", emailed to recipients"
                                                            : ", kept on the server")
                            + (schedule == ScheduleChoice::once      ? ", generated once now"
                               : schedule == ScheduleChoice::once_on ? ", generated once on a date"
                                                                     : ", every month"),
                        request_of_shape(kind, action, schedule));
                }
        add("update", "update", "PUT body: change a monthly report's level, hide zero usage",
            update_example());
        add("disable", "update", "PUT body: disable a monthly report", disable_example());
        return out;
    }();
    return examples;
}

// The example called `name`, or null.
inline const Example* find(std::string_view name) {
    const auto& examples = all();
    auto it = std::find_if(examples.begin(), examples.end(),
                           [&](const Example& e) { return e.name == name; });
    return it == examples.end() ? nullptr : &*it;
}

} // namespace reportkit::reports::examples
