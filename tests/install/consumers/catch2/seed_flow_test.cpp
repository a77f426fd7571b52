#define CATCH_CONFIG_MAIN
#include "seed_flow.hpp"

#include <catch2/catch.hpp>

TEST_CASE("the seed's report, created through the client, is what the mock received") {
    consumer::SeedFlow flow = consumer::run_seed_flow();
    REQUIRE_FALSE(flow.request_json.empty());
    CHECK(flow.version == 1);
    CHECK(flow.posts_received == 1);
    REQUIRE(flow.posted);
    CHECK(*flow.posted == flow.request_json);
    CHECK_THAT(flow.tenant_reports, Catch::StartsWith("{\"items\":[\""));
}
