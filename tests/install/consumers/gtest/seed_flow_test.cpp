#include "seed_flow.hpp"

#include <gtest/gtest.h>

TEST(SeedFlow, TheCreatedReportIsWhatTheMockReceived) {
    consumer::SeedFlow flow = consumer::run_seed_flow();
    ASSERT_FALSE(flow.request_json.empty());
    EXPECT_EQ(flow.version, 1);
    EXPECT_EQ(flow.posts_received, 1u);
    ASSERT_TRUE(flow.posted.has_value());
    EXPECT_EQ(*flow.posted, flow.request_json);
    EXPECT_EQ(flow.tenant_reports.rfind("{\"items\":[\"", 0), 0u);
}
