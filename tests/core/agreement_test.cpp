// validate(value) and from_json(to_json_string(value)) say the same about every value: one
// classification of kinds (core/value_kind.hpp) drives both, so neither can skip a place the
// other reaches. Each case breaks one value of one kind somewhere in a struct of every kind,
// nested in optionals, sequences and structs, and both must report it at the same pointer with
// the same code.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <functional>
#include <utility>
#include <variant>

namespace {

namespace rk = reportkit;
using fixtures::Color;

// One field of every scalar kind, and the containers of JSON.
struct Scalars {
    BOOST_HANA_DEFINE_STRUCT(Scalars, (bool, flag), (rk::LenientBool, lenient),
                             (std::int64_t, count), (double, amount), (std::string, text),
                             (Color, color), (rk::Uuid, id), (rk::Date, day), (rk::Timestamp, at),
                             (std::variant<std::int64_t, std::string>, either),
                             (boost::json::value, any), (boost::json::object, object));
};

// Every way of holding a value: plain, optional, in a sequence (vector and deque), a sequence
// of sequences, in a struct, an optional struct, a sequence of structs.
struct Holders {
    BOOST_HANA_DEFINE_STRUCT(Holders, (rk::Date, day), (std::optional<rk::Date>, maybe_day),
                             (std::vector<rk::Date>, days), (std::deque<rk::Date>, queued_days),
                             (std::optional<std::vector<rk::Date>>, maybe_days),
                             (std::vector<std::vector<rk::Date>>, day_grid),
                             (std::vector<double>, amounts), (Scalars, scalars),
                             (std::optional<Scalars>, maybe_scalars),
                             (std::vector<Scalars>, many_scalars),
                             (std::optional<fixtures::Window>, window));
};

Scalars valid_scalars() {
    Scalars s{};
    s.flag = true;
    s.lenient = false;
    s.count = -3;
    s.amount = 0.1;
    s.text = "x";
    s.color = Color::blue;
    s.id = *rk::Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7dae");
    s.day = rk::Date(2017, 5, 1);
    s.at = *rk::Timestamp::parse("2019-08-08T07:36:57+00:00");
    s.either = std::string("y");
    s.any = boost::json::array{1, "two"};
    s.object = boost::json::object{{"k", 1}};
    return s;
}

Holders valid_holders() {
    Holders h{};
    rk::Date d(2017, 5, 1);
    h.day = d;
    h.maybe_day = d;
    h.days = {d, d};
    h.queued_days = {d, d};
    h.maybe_days = std::vector<rk::Date>{d, d};
    h.day_grid = {{d}, {d, d}};
    h.amounts = {0.5, -1e300, 5e-324};
    h.scalars = valid_scalars();
    h.maybe_scalars = valid_scalars();
    h.many_scalars = {valid_scalars(), valid_scalars()};
    h.window = fixtures::Window{rk::Date(2017, 5, 1), rk::Date(2017, 5, 7)};
    return h;
}

using Finding = std::pair<std::string, std::string>; // pointer, code

std::vector<Finding> findings(const std::vector<rk::Diagnostic>& diagnostics) {
    std::vector<Finding> out;
    for (const auto& d : diagnostics)
        out.emplace_back(d.pointer, d.code);
    std::sort(out.begin(), out.end());
    return out;
}

const rk::Date today(2020, 1, 1);

std::vector<Finding> by_validate(const Holders& h) {
    return findings(rk::validate(h, {.today = today}));
}

std::vector<Finding> by_reading(const Holders& h) {
    return findings(rk::from_json<Holders>(rk::to_json_string(h), {.today = today}).diagnostics());
}

} // namespace

TEST_CASE("validate and from_json agree on a valid value of every kind", "[agreement]") {
    Holders h = valid_holders();
    CHECK(by_validate(h).empty());
    CHECK(by_reading(h).empty());
    auto read = rk::from_json<Holders>(rk::to_json_string(h));
    REQUIRE(read);
    CHECK(rk::to_json_string(*read) == rk::to_json_string(h));
}

TEST_CASE("validate and from_json agree on a malformed value wherever it is held", "[agreement]") {
    const rk::Date bad(2017, 2, 30); // exists in memory, not in the calendar
    struct Case {
        std::string where;
        std::function<void(Holders&)> edit;
        Finding expected;
    };
    const std::vector<Case> cases{
        {"a field", [&](Holders& h) { h.day = bad; }, {"/day", "format"}},
        {"an optional", [&](Holders& h) { h.maybe_day = bad; }, {"/maybe_day", "format"}},
        {"a vector", [&](Holders& h) { h.days[1] = bad; }, {"/days/1", "format"}},
        {"a deque", [&](Holders& h) { h.queued_days[0] = bad; }, {"/queued_days/0", "format"}},
        {"an optional vector",
         [&](Holders& h) { (*h.maybe_days)[1] = bad; },
         {"/maybe_days/1", "format"}},
        {"a vector of vectors",
         [&](Holders& h) { h.day_grid[1][1] = bad; },
         {"/day_grid/1/1", "format"}},
        {"a struct", [&](Holders& h) { h.scalars.day = bad; }, {"/scalars/day", "format"}},
        {"an optional struct",
         [&](Holders& h) { h.maybe_scalars->day = bad; },
         {"/maybe_scalars/day", "format"}},
        {"a vector of structs",
         [&](Holders& h) { h.many_scalars[1].day = bad; },
         {"/many_scalars/1/day", "format"}},
        {"a struct's rules",
         [&](Holders& h) { h.window->from = rk::Date(2017, 6, 1); },
         {"/window/from", "ordered"}},
        {"a struct's rules in the future",
         [&](Holders& h) { h.window->to = rk::Date(2021, 1, 1); },
         {"/window/to", "not_in_future"}},
    };
    for (const Case& c : cases) {
        SECTION(c.where) {
            Holders h = valid_holders();
            c.edit(h);
            CHECK(by_validate(h) == std::vector<Finding>{c.expected});
            CHECK(by_reading(h) == std::vector<Finding>{c.expected});
        }
    }
}

TEST_CASE("validate reports a double that JSON cannot carry", "[agreement]") {
    // Reading never makes one; a value built in memory can hold one.
    Holders h = valid_holders();
    h.amounts[2] = std::numeric_limits<double>::infinity();
    h.scalars.amount = std::nan("");
    auto d = rk::validate(h, {.today = today});
    CHECK(findings(d)
          == std::vector<Finding>{{"/amounts/2", "range"}, {"/scalars/amount", "range"}});
    CHECK(d[0].message == "expected a finite number within the range of a double, got inf");
    // What is written for it is null, which reading refuses at the same place.
    CHECK(by_reading(h)
          == std::vector<Finding>{{"/amounts/2", "type"}, {"/scalars/amount", "type"}});
}

TEST_CASE("every kind is classified, and a type outside them is not", "[agreement]") {
    using rk::ValueKind;
    STATIC_REQUIRE(rk::value_kind<bool> == ValueKind::boolean);
    STATIC_REQUIRE(rk::value_kind<rk::LenientBool> == ValueKind::lenient_boolean);
    STATIC_REQUIRE(rk::value_kind<std::uint16_t> == ValueKind::integer);
    STATIC_REQUIRE(rk::value_kind<double> == ValueKind::floating);
    STATIC_REQUIRE(rk::value_kind<float> == ValueKind::unsupported);
    STATIC_REQUIRE(rk::value_kind<std::string> == ValueKind::string);
    STATIC_REQUIRE(rk::value_kind<Color> == ValueKind::enumeration);
    STATIC_REQUIRE(rk::value_kind<rk::Date> == ValueKind::text);
    STATIC_REQUIRE(rk::value_kind<std::optional<rk::Uuid>> == ValueKind::optional);
    STATIC_REQUIRE(rk::value_kind<std::deque<int>> == ValueKind::sequence);
    STATIC_REQUIRE(rk::value_kind<std::variant<std::int64_t, std::string>> == ValueKind::variant);
    STATIC_REQUIRE(rk::value_kind<boost::json::value> == ValueKind::json_value);
    STATIC_REQUIRE(rk::value_kind<boost::json::object> == ValueKind::json_object);
    STATIC_REQUIRE(rk::value_kind<Holders> == ValueKind::structure);
    STATIC_REQUIRE(rk::value_kind<std::string_view> == ValueKind::unsupported);
}
