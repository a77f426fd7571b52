// A billing run: last month's usage summary of every partner and customer, kept on the server
// (`save`) without naming formats, so the platform makes its default, `csv_v2_0`. The program
// waits until the file is stored, reads its records and prints what each tenant would be billed,
// computed as the platform's own billing integration does (API.md, "csv_v2_0"):
//
//   - the compute-points family is billed by its change (`usage.delta.*`), every other item by
//     its value (`usage.absolute.*`);
//   - a customer is billed its `total`, a partner its `production` (trial usage is free);
//   - an item's rows for several infrastructures (`infra.id`) are summed.
//
// Then it deletes the report. Against a real data center set REPORTKIT_BASE_URL, REPORTKIT_TOKEN
// (or REPORTKIT_CLIENT_ID and REPORTKIT_CLIENT_SECRET) and REPORTKIT_TENANT_ID, as for
// create_usage_report; generation takes a minute or two there. Without REPORTKIT_BASE_URL it
// starts an in-process mock.
#include "example_server.hpp"

#include <reportkit/client.hpp>
#include <reportkit/reports/builder.hpp>

#include <charconv>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using namespace std::chrono_literals;

namespace {

// The first and last day of the month before today's (UTC).
std::pair<rk::Date, rk::Date> last_month() {
    using namespace std::chrono;
    year_month_day today{floor<days>(system_clock::now())};
    year_month previous = year_month{today.year(), today.month()} - months{1};
    return {rk::Date(year_month_day{sys_days{previous / 1}}),
            rk::Date(year_month_day{sys_days{previous / std::chrono::last}})};
}

bool billed_by_change(const rp::UsageRecord& r) {
    return r.name.find("compute_points") != std::string::npos;
}

double billable(const rp::UsageRecord& r) {
    const rp::UsageValues& axis = billed_by_change(r) ? r.usage.delta : r.usage.absolute;
    return r.tenant.kind == rp::TenantKind::partner ? axis.production : axis.total;
}

std::string number(double v) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

struct TenantBill {
    std::string heading;
    // (application/item, edition) -> quantity and unit, summed over infrastructures
    std::map<std::pair<std::string, std::string>, std::pair<double, std::string>> items;
};

} // namespace

int main() {
    rk::example::ExampleServer server = rk::example::connect();
    if (!server.client)
        return 2;
    rk::Client& client = *server.client;

    auto [first_day, last_day] = last_month();
    rk::Result<rp::ReportRequest> request = rp::usage_report()
                                                .kind(rp::Kind::usage_summary)
                                                .tenant(server.tenant_id)
                                                .level(rp::Level::all_customers)
                                                .period(first_day, last_day)
                                                .once()
                                                .save()
                                                .build();
    if (!request) {
        for (const rk::Diagnostic& d : request.diagnostics())
            std::cerr << d << '\n';
        return 1;
    }
    std::cout << "Report request:\n" << rk::to_json_string(*request, {.indent = 4}) << "\n\n";

    rk::ApiResult<rp::Report> report = client.create(*request);
    if (!report) {
        std::cerr << report.error() << '\n';
        return 1;
    }
    std::cout << "Created report " << report->id << " (version " << report->version
              << "); waiting for its files\n";

    // Deleting the report is due however the rest goes.
    int status = 1;
    rk::ApiResult<rp::StoredReports> stored = client.wait_until_stored(report->id, 5min);
    if (!stored)
        std::cerr << stored.error() << '\n';
    for (const rp::StoredReport& item : stored ? stored->items : std::vector<rp::StoredReport>{}) {
        if (item.report_format != rp::Format::csv_v2_0)
            continue;
        rk::ApiResult<rp::UsageFile> file = client.usage(report->id, item.id);
        if (!file) {
            std::cerr << file.error() << '\n';
            break;
        }
        std::cout << "Read stored file " << item.id << ": " << file->records.size()
                  << " csv_v2_0 records\n";
        std::vector<std::string> order;
        std::map<std::string, TenantBill> bills;
        for (const rp::UsageRecord& r : file->records) {
            std::string id = r.tenant.id.to_string();
            auto [bill, added] = bills.try_emplace(id);
            if (added) {
                order.push_back(id);
                bill->second.heading = r.tenant.name + " ("
                                       + std::string(rk::to_string(r.tenant.kind)) + ", " + id
                                       + ")";
            }
            auto& [quantity, unit] =
                bill->second.items[{r.application.name + "/" + r.name, r.edition.value_or("-")}];
            quantity += billable(r);
            unit = r.measurement_unit ? std::string(rk::to_string(*r.measurement_unit)) : "count";
        }
        std::cout << "\nBilled per tenant (compute points by change, the rest by value; "
                     "customers total, partners production; summed over infrastructures):\n";
        for (const std::string& id : order) {
            std::cout << '\n' << bills[id].heading << '\n';
            for (const auto& [key, line] : bills[id].items)
                if (line.first != 0)
                    std::cout << "  " << key.first << ' ' << key.second << ' ' << number(line.first)
                              << ' ' << line.second << '\n';
        }
        status = 0;
    }
    if (status != 0 && stored)
        std::cerr << "no csv_v2_0 file was stored for report " << report->id << '\n';

    rk::ApiResult<void> deleted = client.remove(report->id, report->version);
    if (!deleted) {
        std::cerr << deleted.error() << '\n';
        return 1;
    }
    std::cout << "\nDeleted report " << report->id << '\n';
    return status;
}
