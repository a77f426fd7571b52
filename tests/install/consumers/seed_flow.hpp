// The documentation's flow, shared by the Catch2 and GoogleTest consumers: the seed page's
// request built with the builder, created through the client against an in-process mock, and
// what the mock received, from its journal. Each framework asserts on the returned facts.
#pragma once

#include <reportkit/client.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <optional>
#include <string>

namespace consumer {

struct SeedFlow {
    std::string request_json;          // what the builder made
    int version = 0;                   // of the created report
    std::string tenant_reports;        // GET /tenants/{id}/reports, as JSON
    std::size_t posts_received = 0;    // the mock's journal
    std::optional<std::string> posted; // the body it received
};

inline SeedFlow run_seed_flow() {
    namespace rk = reportkit;
    namespace rp = reportkit::reports;
    rk::mock::Server server; // 127.0.0.1, a free port
    rk::Client client{server.base_url(), server.issue_token()};

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
    SeedFlow flow;
    if (!request)
        return flow;
    flow.request_json = rk::to_json_string(*request);
    auto created = client.create(*request);
    if (!created)
        return flow;
    flow.version = created->version;
    if (auto listed = client.tenant_reports(request->parameters.tenant_id))
        flow.tenant_reports = rk::to_json_string(*listed);
    flow.posts_received = server.journal().count("POST", "/api/2/reports");
    if (auto last = server.journal().last("POST", "/api/2/reports"))
        flow.posted = last->body;
    return flow;
}

} // namespace consumer
