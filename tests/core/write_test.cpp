// to_json_string: declaration order, optional fields, layout, escaping, round trips, long output.
#include "../support/payloads.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <deque>

using namespace fixtures;
using reportkit::from_json;
using reportkit::to_json;
using reportkit::to_json_string;

namespace {
Order sample() {
    Order o;
    o.id = *rk::Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7dae");
    o.color = Color::blue;
    o.items = {Item{"a \"quoted\"\n\\ \x01", 3, true}};
    return o;
}
} // namespace

TEST_CASE("compact output has no whitespace and leaves unset optionals out", "[write]") {
    CHECK(to_json_string(sample())
          == R"({"id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","color":"blue",)"
             R"("items":[{"name":"a \"quoted\"\n\\ \u0001","count":3,"flag":true}]})");
}

TEST_CASE("indented output puts one member per line", "[write]") {
    Order o = sample();
    o.items.clear();
    o.watchers.emplace();
    CHECK(to_json_string(o, {.indent = 2})
          == "{\n"
             "  \"id\": \"ede9f834-70b3-476c-83d9-736f9f8c7dae\",\n"
             "  \"color\": \"blue\",\n"
             "  \"watchers\": [],\n"
             "  \"items\": []\n"
             "}");
}

TEST_CASE("read, write, read is the identity", "[write]") {
    Order o = sample();
    o.window = Window{rk::Date(2017, 5, 1), rk::Date(2017, 5, 7)};
    o.extra = boost::json::object{{"k", boost::json::array{1, "two", nullptr}}};
    for (int indent : {0, 4}) {
        std::string text = to_json_string(o, {.indent = indent});
        auto again = from_json<Order>(text);
        REQUIRE(again);
        CHECK(to_json_string(*again, {.indent = indent}) == text);
        CHECK(to_json(*again) == to_json(o));
    }
}

TEST_CASE("to_json gives the same document as a DOM", "[write]") {
    CHECK(to_json(sample()).at("items").at(0).at("count") == 3);
}

TEST_CASE("text longer than the writer's block comes out whole and in order", "[write]") {
    // Names of 100, 300 and 700 characters: appended into the block, flushed before it, and
    // written past it; 40 UUIDs fill the block with values written in place.
    Order o = sample();
    o.items.clear();
    std::string expected_items;
    for (std::size_t length : {100, 300, 700}) {
        o.items.push_back(Item{std::string(length, 'n'), static_cast<std::int64_t>(length), {}});
        expected_items += std::string(expected_items.empty() ? "" : ",") + R"({"name":")"
                          + std::string(length, 'n') + R"(","count":)" + std::to_string(length)
                          + "}";
    }
    o.watchers.emplace(40, o.id);
    std::string expected_watchers;
    for (int i = 0; i < 40; ++i)
        expected_watchers += std::string(i ? "," : "") + "\"" + o.id.to_string() + "\"";
    CHECK(to_json_string(o)
          == R"({"id":")" + o.id.to_string() + R"(","color":"blue","watchers":[)"
                 + expected_watchers + R"(],"items":[)" + expected_items + "]}");
}

namespace {
struct Log {
    BOOST_HANA_DEFINE_STRUCT(Log, (std::deque<rk::Date>, days), (std::deque<Item>, entries));
};
} // namespace

TEST_CASE("a std::deque is a JSON array like a std::vector", "[write][read]") {
    const std::string text =
        R"({"days":["2024-01-01","2024-01-02"],"entries":[{"name":"a","count":1}]})";
    auto log = from_json<Log>(text);
    REQUIRE(log);
    CHECK(log->days == std::deque<rk::Date>{rk::Date(2024, 1, 1), rk::Date(2024, 1, 2)});
    REQUIRE(log->entries.size() == 1);
    CHECK(log->entries[0].name == "a");
    CHECK(to_json_string(*log) == text);
    CHECK(reportkit::testing::errors_of<Log>(R"({"days":[1],"entries":[]})")
          == std::vector<reportkit::testing::Finding>{{"/days/0", "type"}});
}
