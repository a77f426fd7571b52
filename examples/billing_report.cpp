// A billing run: last month's daily usage of every customer, kept on the server (`save`) in the
// machine-readable v2 formats; the program waits until both files are stored, downloads them,
// prints their first lines and deletes the report.
//
// Against a real data center set REPORTKIT_BASE_URL, REPORTKIT_TOKEN (or REPORTKIT_CLIENT_ID and
// REPORTKIT_CLIENT_SECRET) and REPORTKIT_TENANT_ID, as for create_usage_report; generation takes
// a minute or two there. Without REPORTKIT_BASE_URL it starts an in-process mock.
#include "example_server.hpp"

#include <reportkit/client.hpp>
#include <reportkit/reports/builder.hpp>

#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t lines_shown = 4;
constexpr std::size_t line_width = 160; // a JSON file may be one long line

// The first and last day of the month before today's (UTC).
std::pair<rk::Date, rk::Date> last_month() {
    using namespace std::chrono;
    year_month_day today{floor<days>(system_clock::now())};
    year_month this_month{today.year(), today.month()};
    year_month previous = this_month - months{1};
    sys_days start{previous / 1};
    sys_days end{previous / std::chrono::last};
    return {rk::Date(year_month_day{start}), rk::Date(year_month_day{end})};
}

void print_head(const std::string& content) {
    std::istringstream lines(content);
    std::string line;
    for (std::size_t n = 0; n < lines_shown && std::getline(lines, line); ++n)
        std::cout << (line.size() > line_width ? line.substr(0, line_width) + "..." : line) << '\n';
}

} // namespace

int main() {
    rk::example::ExampleServer server = rk::example::connect();
    if (!server.client)
        return 2;
    rk::Client& client = *server.client;

    auto [first_day, last_day] = last_month();
    rk::Result<rp::ReportRequest> request =
        rp::usage_report()
            .kind(rp::Kind::usage_daily)
            .tenant(server.tenant_id)
            .level(rp::Level::all_customers)
            .period(first_day, last_day)
            .formats({rp::Format::csv_v2_0, rp::Format::json_v2_0})
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
    int status = 0;
    rk::ApiResult<rp::StoredReports> stored = client.wait_until_stored(report->id, 5min);
    if (!stored) {
        std::cerr << stored.error() << '\n';
        status = 1;
    } else {
        for (const rp::StoredReport& item : stored->items) {
            rk::ApiResult<std::string> file = client.download(report->id, item.id);
            if (!file) {
                std::cerr << file.error() << '\n';
                status = 1;
                continue;
            }
            std::cout << "\n--- " << rk::to_string(item.report_format) << ": stored file "
                      << item.id << ", " << item.size << " bytes compressed, " << file->size()
                      << " bytes ---\n";
            print_head(*file);
        }
    }

    rk::ApiResult<void> deleted = client.remove(report->id, report->version);
    if (!deleted) {
        std::cerr << deleted.error() << '\n';
        return 1;
    }
    std::cout << "\nDeleted report " << report->id << '\n';
    return status;
}
