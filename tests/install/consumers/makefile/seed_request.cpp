// seed_request                 prints the seed page's request, built with the builder
// seed_request --validate FILE  checks a request file: one line per problem, exit 1 if invalid
#include <reportkit/reports.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

namespace rk = reportkit;
namespace rp = reportkit::reports;

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "--validate") {
        std::ifstream in(argv[2], std::ios::binary);
        if (!in) {
            std::cerr << "cannot read " << argv[2] << '\n';
            return 2;
        }
        std::string text{std::istreambuf_iterator<char>(in), {}};
        auto parsed = rk::from_json<rp::ReportRequest>(text);
        for (const rk::Diagnostic& d : parsed.diagnostics())
            std::cout << d << '\n';
        return parsed ? 0 : 1;
    }
    auto request = rp::usage_report()
                       .kind(rp::Kind::usage_summary)
                       .tenant("ede9f834-70b3-476c-83d9-736f9f8c7dae")
                       .level(rp::Level::accounts)
                       .period("2017-05-01", "2017-05-07")
                       .formats({rp::Format::csv, rp::Format::html})
                       .once_on("2017-05-08")
                       .send_to({"ca451758-b48a-45d9-9ae6-8f1059f67619",
                                 "ab00e527-219b-481b-b01b-311b5be0ed3c"})
                       .build();
    if (!request) {
        for (const rk::Diagnostic& d : request.diagnostics())
            std::cerr << d << '\n';
        return 1;
    }
    std::cout << rk::to_json_string(*request, {.indent = 4}) << '\n';
}
