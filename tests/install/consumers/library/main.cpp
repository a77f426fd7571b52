// A project that knows reportkit only as an installed package.
#include <reportkit/reports.hpp>

#include <iostream>

int main() {
    auto request = reportkit::from_json<reportkit::reports::ReportRequest>(
        R"({"parameters": {"kind": "usage_current", "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",)"
        R"( "level": "accounts"}, "schedule": {"type": "once"}, "result_action": "save"})");
    if (!request) {
        for (const auto& d : request.diagnostics())
            std::cerr << d << '\n';
        return 1;
    }
    std::cout << "consumer: valid " << reportkit::to_json_string(*request) << '\n';
}
