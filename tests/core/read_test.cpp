// from_json on generic structs: shapes, types, keys, syntax and limits.
#include "../support/payloads.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace fixtures;
using reportkit::from_json;
using reportkit::testing::edited;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using reportkit::testing::message_at;
using Findings = std::vector<Finding>;

TEST_CASE("a valid document reads into the struct", "[read]") {
    auto order = from_json<Order>(valid_order);
    REQUIRE(order);
    CHECK(order->id.to_string() == "ede9f834-70b3-476c-83d9-736f9f8c7dae");
    CHECK(order->color == Color::green);
    REQUIRE(order->items.size() == 2);
    CHECK(order->items[1].name == "b");
    CHECK(order->items[1].flag == true);
    CHECK_FALSE(order->items[0].flag.has_value());
    CHECK(order->window->to == rk::Date(2017, 5, 7));
    CHECK(order.diagnostics().empty());
}

TEST_CASE("a missing required field is reported at its own pointer", "[read]") {
    auto text = edited(valid_order, [](auto& o) { o.erase("color"); });
    CHECK(errors_of<Order>(text) == Findings{{"/color", "required"}});
    CHECK(message_at<Order>(text, "/color") == "missing required field \"color\"");
}

TEST_CASE("a missing field inside an array item carries the item's index", "[read]") {
    auto text =
        edited(valid_order, [](auto& o) { o["items"].as_array()[1].as_object().erase("name"); });
    CHECK(errors_of<Order>(text) == Findings{{"/items/1/name", "required"}});
}

TEST_CASE("wrong JSON types name what was expected and what came", "[read]") {
    auto text = edited(valid_order, [](auto& o) {
        o["items"].as_array()[0].as_object()["flag"] = "true";
        o["window"] = boost::json::array{};
        o["note"] = nullptr;
    });
    CHECK(errors_of<Order>(text)
          == Findings{{"/items/0/flag", "type"}, {"/window", "type"}, {"/note", "type"}});
    CHECK(message_at<Order>(text, "/items/0/flag")
          == "expected a boolean (true or false), got the string \"true\"");
    CHECK(message_at<Item>(R"({"name": "a", "count": 1.5})", "/count")
          == "expected an integer, got the number 1.5");
    CHECK(message_at<Order>(text, "/window") == "expected an object, got an array");
    CHECK(message_at<Order>(text, "/note") == "expected a string, got null");
}

TEST_CASE("enum values outside the declaration list the allowed ones", "[read]") {
    auto text = edited(valid_order, [](auto& o) { o["color"] = "purple"; });
    CHECK(errors_of<Order>(text) == Findings{{"/color", "enum"}});
    CHECK(message_at<Order>(text, "/color")
          == "expected one of \"red\", \"green\" or \"blue\", got \"purple\"");
}

TEST_CASE("unknown keys are errors at every level", "[read]") {
    auto text = edited(valid_order, [](auto& o) {
        o["colour"] = "red";
        o["window"].as_object()["tz"] = "UTC";
    });
    CHECK(errors_of<Order>(text)
          == Findings{{"/window/tz", "unknown_key"}, {"/colour", "unknown_key"}});
    CHECK(message_at<Order>(text, "/window/tz")
          == "unknown key \"tz\"; allowed keys are \"from\", \"to\"");
}

TEST_CASE("unknown keys can be read as warnings, for answers from a newer server", "[read]") {
    auto text = edited(valid_order, [](auto& o) { o["colour"] = "red"; });
    auto order = from_json<Order>(text, {.unknown_keys = rk::Severity::warning});
    REQUIRE(order);
    REQUIRE(order.warnings().size() == 1);
    CHECK(order.warnings()[0].pointer == "/colour");
    CHECK(order.warnings()[0].code == "unknown_key");
}

TEST_CASE("a repeated key is an error and the first value is kept", "[read]") {
    std::string text = R"({"name": "a", "count": 1, "name": "b"})";
    CHECK(errors_of<Item>(text) == Findings{{"/name", "duplicate_key"}});
}

TEST_CASE("pointers escape '~' and '/' in keys (RFC 6901)", "[read]") {
    CHECK(errors_of<Odd>(R"({"x/y~z": 1})") == Findings{{"/x~1y~0z", "unknown_key"}});
}

TEST_CASE("numbers outside the C++ type are range errors, not wrapped values", "[read]") {
    CHECK(errors_of<Item>(R"({"name": "a", "count": 18446744073709551615})")
          == Findings{{"/count", "range"}});
    CHECK(errors_of<Item>(R"({"name": "a", "count": 18446744073709551616})")
          == Findings{{"/count", "type"}});
    CHECK(errors_of<Item>(R"({"name": "a", "count": -1})") == Findings{{"/count", "minimum"}});
}

TEST_CASE("malformed JSON reports line and column and nothing else", "[read]") {
    auto result = from_json<Item>("{\n  \"name\": \"a\",\n  \"count\": 1,,\n}");
    REQUIRE(result.diagnostics().size() == 1);
    const auto& d = result.diagnostics()[0];
    CHECK(d.code == "syntax");
    CHECK(d.pointer == "");
    CHECK(d.message.rfind("malformed JSON at line 3, column 14: ", 0) == 0);
}

TEST_CASE("hostile input never throws and always explains itself", "[read]") {
    for (std::string text :
         {std::string(""), std::string("nul"), std::string("{\"name\": \"a\xff\"}"),
          std::string("[1e999]"), std::string("{\"a\"\0:1}", 9), std::string("\"\\ud800\""),
          std::string("{} {}"), std::string("{\"name\": \"a\", \"count\": 1} trailing"),
          std::string("{\"name\": \"a\", \"count\": 1} {}")}) {
        CAPTURE(text);
        auto result = from_json<Item>(text);
        CHECK_FALSE(result);
        CHECK_FALSE(result.diagnostics().empty());
    }
}

TEST_CASE("whitespace around the document is fine", "[read]") {
    CHECK(rk::from_json<Item>(" \n{\"name\": \"a\", \"count\": 1}\n\t "));
}

TEST_CASE("nesting is bounded", "[read]") {
    std::string deep(100000, '[');
    auto result = from_json<Order>(R"({"extra": )" + deep);
    REQUIRE(result.diagnostics().size() == 1);
    CHECK(result.diagnostics()[0].code == "too_deep");
    auto shallow = from_json<Order>(std::string(10, '['), {.max_depth = 4});
    CHECK(shallow.diagnostics().at(0).code == "too_deep");
}

TEST_CASE("input size is bounded", "[read]") {
    auto result = from_json<Item>(R"({"name": "a", "count": 1})", {.max_bytes = 10});
    REQUIRE(result.diagnostics().size() == 1);
    CHECK(result.diagnostics()[0].code == "too_large");
    CHECK(result.diagnostics()[0].message == "input is 25 bytes; the limit is 10");
}

TEST_CASE("a free-form JSON field is captured whole", "[read]") {
    auto text = edited(valid_order, [](auto& o) {
        o["extra"] = boost::json::parse(R"({"a": [1, {"b": null}], "c": "d\u00e9"})");
    });
    auto order = from_json<Order>(text);
    REQUIRE(order);
    CHECK(boost::json::value(*order->extra)
          == boost::json::parse(R"({"a": [1, {"b": null}], "c": "d\u00e9"})"));
    auto not_object = edited(valid_order, [](auto& o) { o["extra"] = 5; });
    CHECK(errors_of<Order>(not_object) == Findings{{"/extra", "type"}});
}

TEST_CASE("every problem of a document is reported in one pass", "[read]") {
    auto text = edited(valid_order, [](auto& o) {
        o["id"] = "not-a-uuid";
        o["color"] = 3;
        o["items"].as_array()[0].as_object().erase("count");
        o["window"].as_object()["from"] = "2017-02-30";
        o["surprise"] = true;
    });
    CHECK(errors_of<Order>(text)
          == Findings{{"/id", "format"},
                      {"/color", "type"},
                      {"/items/0/count", "required"},
                      {"/window/from", "format"},
                      {"/surprise", "unknown_key"}});
}
