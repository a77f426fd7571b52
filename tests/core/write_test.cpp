// to_json_string: declaration order, optional fields, layout, escaping, round trips.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

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
