// The payloads every benchmark reads and writes: the documentation's seed request, byte for byte
// as tests/data holds it, and the same request with 1,000 recipients in the same layout.
#pragma once

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace reportkit::bench {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const std::string& seed_request_text() {
    static const std::string text =
        read_file(std::string(REPORTKIT_SOURCE_DIR) + "/tests/data/seed-request.json");
    return text;
}

// Distinct, valid, lower-case UUIDs (version 4 layout), the same on every run.
inline std::string synthetic_uuid(std::size_t i) {
    unsigned long long a = 0x9e3779b97f4a7c15ULL * (i + 1), b = a ^ (a >> 29);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-a%03llx-%012llx", a >> 32,
                  (a >> 16) & 0xffff, b & 0xfff, (b >> 12) & 0xfff,
                  (static_cast<unsigned long long>(i) << 20 ^ (b >> 24)) & 0xffffffffffffULL);
    return buf;
}

// The seed request with its recipients replaced by `n` distinct ones, one per line as in the seed.
inline std::string request_text_with_recipients(std::size_t n) {
    const std::string& seed = seed_request_text();
    std::size_t open = seed.find('[', seed.find("\"recipients\""));
    std::size_t close = seed.find(']', open);
    std::string items;
    for (std::size_t i = 0; i < n; ++i)
        items += (i ? ",\n        \"" : "\n        \"") + synthetic_uuid(i) + '"';
    return seed.substr(0, open + 1) + items + "\n    " + seed.substr(close);
}

// One valid document of every payload type of the API, compact, keyed by the names of
// REPORTKIT_PAYLOAD_TYPES: the table of issue 16 reads and writes each with reportkit and glaze.
struct PayloadExample {
    const char* type;
    std::string text;
};

inline const std::vector<PayloadExample>& payload_examples() {
    static const std::vector<PayloadExample> examples{
        {"request",
         R"({"recipients":["ca451758-b48a-45d9-9ae6-8f1059f67619","ab00e527-219b-481b-b01b-)"
         R"(311b5be0ed3c"],"parameters":{"kind":"usage_summary","tenant_id":"ede9f834-70b3-476c-)"
         R"(83d9-736f9f8c7dae","level":"accounts","period":{"start":"2017-05-01","end":"2017-05-)"
         R"(07"},"formats":["csv","html"]},"schedule":{"type":"once"},"generation_date":"2017-)"
         R"(05-08","result_action":"send"})"},
        {"report",
         R"({"id":"20dffb36-d77b-45c6-b2fa-39276e98d5fc","version":1,"recipients":["ca451758-)"
         R"(b48a-45d9-9ae6-8f1059f67619","ab00e527-219b-481b-b01b-311b5be0ed3c"],"parameters":)"
         R"({"kind":"usage_summary","tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","level":)"
         R"("accounts","period":{"start":"2017-05-01","end":"2017-05-07"},"formats":["csv",)"
         R"("html"]},"schedule":{"type":"once","enabled":true},"generation_date":"2017-05-08",)"
         R"("result_action":"send"})"},
        {"update",
         R"({"recipients":["ca451758-b48a-45d9-9ae6-8f1059f67619"],"parameters":{"level":)"
         R"("all_customers","hide_zero_usage":true},"schedule":{"enabled":false}})"},
        {"stored",
         R"({"items":[{"id":"5e3f4c1a-2b7d-4e8f-9a01-23456789abcd","report_format":"csv",)"
         R"("size":20480,"created_at":"2017-05-08T07:36:57+00:00","status":"saved"},{"id":)"
         R"("6f405d2b-3c8e-4f90-ab12-3456789abcde","report_format":"html","size":0,)"
         R"("created_at":"2017-05-08T07:37:02+00:00","status":"in_progress"}]})"},
        {"error",
         R"({"error":{"code":400,"message":"The request body is not valid.","domain":)"
         R"("PlatformAccountServer","details":{"info":"/parameters/kind: expected one of )"
         R"(usage_daily, usage_summary, usage_current, usage_breakdown, got \"weekly\"",)"
         R"("violations":[{"pointer":"/parameters/kind","code":"enum_value","message":)"
         R"("expected one of usage_daily, usage_summary, usage_current, usage_breakdown, got )"
         R"(\"weekly\""},{"pointer":"/recipients","code":"required_if","message":)"
         R"("required when result_action is send"}]},"context":{}}})"},
        {"token",
         R"({"access_token":"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZXBvcnRzIn0.c2ln",)"
         R"("token_type":"bearer","expires_in":7200,"expires_on":1494230217})"},
        {"tenant-reports",
         R"({"items":["20dffb36-d77b-45c6-b2fa-39276e98d5fc","ca451758-b48a-45d9-9ae6-)"
         R"(8f1059f67619","ab00e527-219b-481b-b01b-311b5be0ed3c","ede9f834-70b3-476c-83d9-)"
         R"(736f9f8c7dae"]})"},
    };
    return examples;
}

} // namespace reportkit::bench
