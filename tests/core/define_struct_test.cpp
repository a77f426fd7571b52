// REPORTKIT_DEFINE_STRUCT declares the same Hana Struct as BOOST_HANA_DEFINE_STRUCT: the same
// members, names, order and accessors, so reading, writing, rules and schema treat both alike.
#include "fixtures.hpp"

#include <reportkit/core/schema.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/hana/adapt_adt.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/keys.hpp>
#include <boost/hana/members.hpp>
#include <boost/json/serialize.hpp>

namespace {
namespace hana = boost::hana;
using namespace fixtures;

// A type with a comma in it: the name is the last element of the pair.
using Code = std::variant<std::int64_t, std::string>;

struct Ours {
    REPORTKIT_DEFINE_STRUCT(Ours, (rk::Uuid, id), (std::optional<std::vector<Item>>, items),
                            (std::variant<std::int64_t, std::string>, code),
                            (std::optional<Window>, window));
    static constexpr auto rules() { return rk::rules(rk::non_empty(&Ours::items)); }
};

struct Hanas {
    BOOST_HANA_DEFINE_STRUCT(Hanas, (rk::Uuid, id), (std::optional<std::vector<Item>>, items),
                             (std::variant<std::int64_t, std::string>, code),
                             (std::optional<Window>, window));
    static constexpr auto rules() { return rk::rules(rk::non_empty(&Hanas::items)); }
};

constexpr const char* text =
    R"({"id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","items":[{"name":"a","count":2}],)"
    R"("code":"E1","window":{"from":"2017-05-01","to":"2017-05-07"}})";
// No member and one member, as Hana's macro allows.
struct Nothing {
    REPORTKIT_DEFINE_STRUCT(Nothing);
};
struct Single {
    REPORTKIT_DEFINE_STRUCT(Single, (std::string, name));
};
struct Holder {
    REPORTKIT_DEFINE_STRUCT(Holder, (Nothing, nothing), (std::optional<Single>, single));
};

namespace adapted {
struct Plain {
    int x = 0;
    std::string y;
};
struct Computed {
    int x = 0;
    std::string y;
};
} // namespace adapted
} // namespace

BOOST_HANA_ADAPT_STRUCT(adapted::Plain, x, y);
BOOST_HANA_ADAPT_ADT(adapted::Computed, (x, [](const auto& c) -> const int& { return c.x; }),
                     (y, [](const auto& c) -> const std::string& { return c.y; }));

TEST_CASE("the members are declared with their types, in order", "[define_struct]") {
    STATIC_REQUIRE(std::is_same_v<decltype(Ours::code), Code>);
    STATIC_REQUIRE(std::is_same_v<decltype(Ours::items), std::optional<std::vector<Item>>>);
    STATIC_REQUIRE(rk::Reflected<Ours>);
    STATIC_REQUIRE(rk::field_count<Ours> == 4);
    CHECK(rk::field_names<Ours>() == rk::field_names<Hanas>());
    CHECK(std::string(hana::to<const char*>(hana::at_c<2>(hana::keys(Ours{})))) == "code");
}

TEST_CASE("a member pointer finds its field's name, whichever way the struct is declared",
          "[define_struct]") {
    // Member pointers are compared, at compile time where the pointer is a constant.
    STATIC_REQUIRE(rk::field_index(&Ours::window) == 3);
    STATIC_REQUIRE(rk::field_index(&Hanas::code) == 2);
    STATIC_REQUIRE(rk::field_index(&adapted::Plain::y) == 1);
    CHECK(rk::field_name(&Ours::items) == "items");
    CHECK(rk::field_name(&Hanas::id) == "id");
    CHECK(rk::field_name(&adapted::Plain::x) == "x");
    // Accessors that are functions, not member pointers: matched by address on a probe.
    CHECK(rk::field_name(&adapted::Computed::y) == "y");
    CHECK(rk::field_name(&adapted::Computed::x) == "x");
}

TEST_CASE("a struct may have no member, or one", "[define_struct]") {
    STATIC_REQUIRE(rk::field_count<Nothing> == 0);
    STATIC_REQUIRE(rk::field_count<Single> == 1);
    constexpr const char* holder = R"({"nothing":{},"single":{"name":"a"}})";
    rk::Result<Holder> read = rk::from_json<Holder>(holder);
    REQUIRE(read);
    CHECK(read->single->name == "a");
    CHECK(rk::to_json_string(*read) == holder);
    rk::Result<Holder> extra = rk::from_json<Holder>(R"({"nothing":{"x":1}})");
    REQUIRE_FALSE(extra);
    CHECK(extra.diagnostics()[0].pointer == "/nothing/x");
}

TEST_CASE("its accessors keep the object's value category", "[define_struct]") {
    Ours ours;
    ours.code = std::string("E1");
    auto code = hana::second(hana::at_c<2>(hana::accessors<Ours>()));
    STATIC_REQUIRE(std::is_same_v<decltype(code(ours)), Code&>);
    STATIC_REQUIRE(std::is_same_v<decltype(code(std::as_const(ours))), const Code&>);
    STATIC_REQUIRE(std::is_same_v<decltype(code(std::move(ours))), Code&&>);
    CHECK(std::get<std::string>(hana::at_c<2>(hana::members(ours))) == "E1");
}

TEST_CASE("both macros read, write, check and export alike", "[define_struct]") {
    rk::Result<Ours> ours = rk::from_json<Ours>(text);
    rk::Result<Hanas> hanas = rk::from_json<Hanas>(text);
    REQUIRE(ours);
    REQUIRE(hanas);
    CHECK(rk::to_json_string(*ours) == text);
    CHECK(rk::to_json_string(*ours) == rk::to_json_string(*hanas));
    // The schemas differ only in the root's name, which a schema takes from the type.
    std::string schema = boost::json::serialize(rk::json_schema<Ours>());
    for (std::size_t at = schema.find("Ours"); at != std::string::npos; at = schema.find("Ours"))
        schema.replace(at, 4, "Hanas");
    CHECK(schema == boost::json::serialize(rk::json_schema<Hanas>()));

    rk::Result<Ours> empty = rk::from_json<Ours>(R"({"id":"ede9f834-70b3-476c-83d9-736f9f8c7dae",)"
                                                 R"("items":[],"code":1})");
    REQUIRE_FALSE(empty);
    REQUIRE(empty.diagnostics().size() == 1);
    CHECK(empty.diagnostics()[0].pointer == "/items");
}
