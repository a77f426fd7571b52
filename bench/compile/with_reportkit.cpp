// The compile-time benchmark's reportkit side: build a report request with the builder (every
// rule checked), turn it into the stored report, write it, read it back validated.
#include <reportkit/reports.hpp>
#include <reportkit/reports/builder.hpp>

#include <iostream>
#include <string>

namespace rk = reportkit;
namespace rp = reportkit::reports;

int main() {
    rk::Result<rp::ReportRequest> request = rp::usage_report()
                                                .kind(rp::Kind::usage_summary)
                                                .tenant("ede9f834-70b3-476c-83d9-736f9f8c7dae")
                                                .level(rp::Level::accounts)
                                                .period("2017-05-01", "2017-05-07")
                                                .formats({rp::Format::csv, rp::Format::html})
                                                .once_on("2017-05-08")
                                                .send_to({"ca451758-b48a-45d9-9ae6-8f1059f67619",
                                                          "ab00e527-219b-481b-b01b-311b5be0ed3c"})
                                                .build();
    if (!request)
        return 1;
    rp::Report report =
        rp::make_report(*request, *rk::Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc"));
    std::string text = rk::to_json_string(report, {.indent = 4});
    rk::Result<rp::Report> back = rk::from_json<rp::Report>(text);
    if (!back) {
        for (const rk::Diagnostic& d : back.diagnostics())
            std::cerr << d << '\n';
        return 1;
    }
    std::cout << text << '\n';
    return back->version == 1 ? 0 : 1;
}
