// The declarative rules, each reported at the pointer of the field it names.
#include "../support/payloads.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace fixtures;
using reportkit::testing::edited;
using reportkit::testing::errors_of;
using reportkit::testing::Finding;
using reportkit::testing::message_at;
using reportkit::testing::warnings_of;
using Findings = std::vector<Finding>;

TEST_CASE("required_if: present exactly when its condition holds", "[rules]") {
    auto red = edited(valid_order, [](auto& o) { o["color"] = "red"; });
    CHECK(errors_of<Order>(red) == Findings{{"/watchers", "required_if"}});
    CHECK(message_at<Order>(red, "/watchers") == "required when /color is \"red\"");
    auto red_watched = edited(red, [](auto& o) {
        o["watchers"] = boost::json::array{"ede9f834-70b3-476c-83d9-736f9f8c7dae"};
    });
    CHECK(errors_of<Order>(red_watched).empty());
}

TEST_CASE("forbidden_unless: a field allowed only under a condition", "[rules]") {
    auto red = edited(valid_order, [](auto& o) {
        o["color"] = "red";
        o["note"] = "x";
        o["watchers"] = boost::json::array{"ede9f834-70b3-476c-83d9-736f9f8c7dae"};
    });
    CHECK(errors_of<Order>(red) == Findings{{"/note", "forbidden"}});
    CHECK(message_at<Order>(red, "/note")
          == "allowed only when /color is one of \"green\" or \"blue\", but it is \"red\"");
}

TEST_CASE("a rule stays silent when the field it depends on was already rejected", "[rules]") {
    auto bad_color = edited(valid_order, [](auto& o) {
        o["color"] = "purple";
        o["note"] = "x";
    });
    CHECK(errors_of<Order>(bad_color) == Findings{{"/color", "enum"}});
}

TEST_CASE("non_empty and unique judge whole arrays", "[rules]") {
    auto empty = edited(valid_order, [](auto& o) { o["watchers"] = boost::json::array{}; });
    CHECK(errors_of<Order>(empty) == Findings{{"/watchers", "non_empty"}});
    auto twice = edited(valid_order, [](auto& o) {
        o["watchers"] = boost::json::array{"ede9f834-70b3-476c-83d9-736f9f8c7dae",
                                           "ca451758-b48a-45d9-9ae6-8f1059f67619",
                                           "ede9f834-70b3-476c-83d9-736f9f8c7dae"};
    });
    CHECK(errors_of<Order>(twice) == Findings{{"/watchers/2", "unique"}});
    CHECK(
        message_at<Order>(twice, "/watchers/2")
        == "duplicate of item 0 (\"ede9f834-70b3-476c-83d9-736f9f8c7dae\"); items must be unique");
    // Two malformed items are two format errors, not also a spurious duplicate.
    auto malformed = edited(valid_order, [](auto& o) {
        o["watchers"] = boost::json::array{"x", "x"};
    });
    CHECK(errors_of<Order>(malformed)
          == Findings{{"/watchers/0", "format"}, {"/watchers/1", "format"}});
}

TEST_CASE("ordered compares two fields of one struct", "[rules]") {
    auto reversed = edited(valid_order, [](auto& o) {
        o["window"] = boost::json::object{{"from", "2017-05-08"}, {"to", "2017-05-07"}};
    });
    CHECK(errors_of<Order>(reversed) == Findings{{"/window/from", "ordered"}});
    CHECK(message_at<Order>(reversed, "/window/from")
          == "must not be after /window/to: \"2017-05-08\" is after \"2017-05-07\"");
}

TEST_CASE("not_in_future uses the injected clock", "[rules]") {
    auto text = edited(valid_order, [](auto& o) {
        o["window"] = boost::json::object{{"from", "2017-05-01"}, {"to", "2017-05-07"}};
    });
    CHECK(errors_of<Order>(text, {.today = rk::Date(2017, 5, 7)}).empty());
    CHECK(errors_of<Order>(text, {.today = rk::Date(2017, 5, 6)})
          == Findings{{"/window/to", "not_in_future"}});
    CHECK(message_at<Order>(text, "/window/to", {.today = rk::Date(2017, 5, 6)})
          == "must not be in the future: \"2017-05-07\" is after today (2017-05-06)");
}

TEST_CASE("warnings do not make a document invalid", "[rules]") {
    auto blue = edited(valid_order, [](auto& o) {
        o["color"] = "blue";
        o.erase("window");
    });
    auto result = rk::from_json<Order>(blue);
    CHECK(result);
    CHECK(warnings_of<Order>(blue) == Findings{{"/window", "recommended"}});
    CHECK(result.warnings().at(0).message == "recommended when /color is \"blue\"");
}

TEST_CASE("validate applies the same rules to an in-memory value", "[rules]") {
    Order o;
    o.color = Color::red;
    o.items = {Item{"a", -5, {}}};
    o.window = Window{rk::Date(2017, 5, 9), rk::Date(2017, 5, 7)};
    auto diagnostics = rk::validate(o, {.today = rk::Date(2020, 1, 1)});
    CHECK(reportkit::testing::findings(diagnostics)
          == Findings{{"/watchers", "required_if"},
                      {"/window/from", "ordered"},
                      {"/items/0/count", "minimum"}});
    CHECK_FALSE(rk::validated(o, {.today = rk::Date(2020, 1, 1)}));
}

TEST_CASE("validate rejects an impossible date made in memory", "[rules]") {
    Order o;
    o.color = Color::green; // set: a default-initialized color is indeterminate (clang read red)
    o.window = Window{rk::Date(2017, 2, 30), rk::Date(2017, 3, 1)};
    auto diagnostics = rk::validate(o, {.today = rk::Date(2020, 1, 1)});
    CHECK(reportkit::testing::findings(diagnostics) == Findings{{"/window/from", "format"}});
    CHECK(diagnostics.at(0).message
          == "expected a date in YYYY-MM-DD form, got \"2017-02-30\": not a calendar date");
}
