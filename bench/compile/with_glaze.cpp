// The compile-time benchmark's glaze 2.9.5 side (issue 16), built only when glaze's headers are
// found: the same job as with_reportkit.cpp with plain structs (strings for UUIDs, dates and
// enums), written pretty and read back with error_on_missing_keys, no other validation.
#include <glaze/glaze.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

struct Period {
    std::string start, end;
};
struct Parameters {
    std::string kind, tenant_id, level;
    std::optional<Period> period;
    std::optional<std::vector<std::string>> formats;
    std::optional<bool> hide_zero_usage, show_skus;
};
struct Schedule {
    std::string type;
    std::optional<bool> enabled;
};
struct ReportRequest {
    std::optional<std::vector<std::string>> recipients;
    Parameters parameters;
    Schedule schedule;
    std::optional<std::string> generation_date;
    std::string result_action;
};
struct Report {
    std::string id;
    std::int64_t version;
    std::optional<std::vector<std::string>> recipients;
    Parameters parameters;
    Schedule schedule;
    std::optional<std::string> generation_date;
    std::string result_action;
};

int main() {
    ReportRequest request;
    request.recipients = {"ca451758-b48a-45d9-9ae6-8f1059f67619",
                          "ab00e527-219b-481b-b01b-311b5be0ed3c"};
    request.parameters = {"usage_summary",
                          "ede9f834-70b3-476c-83d9-736f9f8c7dae",
                          "accounts",
                          Period{"2017-05-01", "2017-05-07"},
                          std::vector<std::string>{"csv", "html"},
                          std::nullopt,
                          std::nullopt};
    request.schedule = {"once", std::nullopt};
    request.generation_date = "2017-05-08";
    request.result_action = "send";

    Report report{"20dffb36-d77b-45c6-b2fa-39276e98d5fc",
                  1,
                  request.recipients,
                  request.parameters,
                  Schedule{request.schedule.type, true},
                  request.generation_date,
                  request.result_action};
    std::string text;
    if (glz::write<glz::opts{.prettify = true}>(report, text))
        return 1;
    Report back{};
    if (auto ec = glz::read<glz::opts{.error_on_missing_keys = true}>(back, text)) {
        std::cerr << glz::format_error(ec, text) << '\n';
        return 1;
    }
    std::cout << text << '\n';
    return back.version == 1 ? 0 : 1;
}
