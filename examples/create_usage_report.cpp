// The documentation's "Creating a usage report" page, step by step, in C++: the same payload,
// printed with indent 4, posted, the status code and the response printed, the report's id and
// version kept, and the report deleted with them at the end.
//
// Against a real data center, set the server and the credentials in the environment:
//     REPORTKIT_BASE_URL       e.g. https://<data-center>/api/2
//     REPORTKIT_CLIENT_ID      and REPORTKIT_CLIENT_SECRET of an API client,
//                              or REPORTKIT_TOKEN, a bearer token
//     REPORTKIT_TENANT_ID      the tenant the report is about (the page's tenant by default)
//     REPORTKIT_RECIPIENTS     comma-separated user ids (the page's two users by default)
// Without REPORTKIT_BASE_URL it starts an in-process mock of the API and says so.
#include "example_server.hpp"

#include <reportkit/client.hpp>
#include <reportkit/reports/builder.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

// REPORTKIT_RECIPIENTS is a comma-separated list; the page's two users by default.
std::vector<rp::UuidInput> recipients() {
    std::string list = rk::example::env_or(
        "REPORTKIT_RECIPIENTS",
        "ca451758-b48a-45d9-9ae6-8f1059f67619,ab00e527-219b-481b-b01b-311b5be0ed3c");
    std::vector<rp::UuidInput> out;
    for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = std::min(list.find(',', start), list.size());
        out.emplace_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

} // namespace

int main() {
    // Step 1, authenticate: the page's `base_url` and `auth`.
    rk::example::ExampleServer server = rk::example::connect();
    if (!server.client)
        return 2;
    rk::Client& client = *server.client;

    // Step 2, the report data: a summary of the tenant's accounts for the first week of May
    // 2017, generated once on May 8 and e-mailed to two users.
    rk::Result<rp::ReportRequest> report_data = rp::usage_report()
                                                    .kind(rp::Kind::usage_summary)
                                                    .tenant(server.tenant_id)
                                                    .level(rp::Level::accounts)
                                                    .period("2017-05-01", "2017-05-07")
                                                    .formats({rp::Format::csv, rp::Format::html})
                                                    .once_on("2017-05-08")
                                                    .send_to(recipients())
                                                    .build();
    if (!report_data) {
        for (const rk::Diagnostic& d : report_data.diagnostics())
            std::cerr << d << '\n';
        return 1;
    }

    // Step 3, the JSON text, as json.dumps(report_data, indent=4) prints it.
    std::cout << rk::to_json_string(*report_data, {.indent = 4}) << "\n\n";

    // Step 4, POST it to /reports and check the status code: 200 means created (and, for a
    // `send` report, e-mailed).
    rk::ApiResult<rp::Report> response = client.create(*report_data);
    std::cout << "Status code: " << response.status() << '\n';
    if (!response) {
        std::cerr << response.error() << '\n';
        return 1;
    }
    std::cout << rk::to_json_string(*response, {.indent = 4}) << "\n\n";

    // Step 5, keep the report's id and version: deleting it needs both.
    rk::Uuid report_id = response->id;
    std::int64_t version = response->version;
    std::cout << "report_id: " << report_id << "\nversion: " << version << "\n\n";

    // And clean up: DELETE /reports/{id}?version=N answers 204.
    rk::ApiResult<void> deleted = client.remove(report_id, version);
    if (!deleted) {
        std::cerr << deleted.error() << '\n';
        return 1;
    }
    std::cout << "Deleted report " << report_id << " (status " << deleted.status() << ")\n";
    return 0;
}
