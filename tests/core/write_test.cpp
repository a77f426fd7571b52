// to_json_string: declaration order, optional fields, layout, escaping, round trips, long output.
#include "../support/payloads.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <deque>
#include <limits>
#include <random>

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

namespace {
struct Texts {
    BOOST_HANA_DEFINE_STRUCT(Texts, (std::vector<std::string>, texts));
};

// What a string is written as, one character at a time (the spelling of the keys), to hold the
// eight-at-a-time writer to.
std::string escaped_slowly(std::string_view s) {
    std::string out(6 * s.size() + 2, '\0');
    out.resize(static_cast<std::size_t>(reportkit::detail::write_escaped_slowly(out.data(), s)
                                        - out.data()));
    return out;
}

template <class I>
std::string to_chars_text(I v) {
    char buf[64];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

template <class I>
std::string written_text(I v) {
    char buf[64];
    return std::string(buf, reportkit::detail::write_integer(buf, v));
}

template <class I>
void check_integers(std::mt19937_64& random) {
    using L = std::numeric_limits<I>;
    std::vector<I> values{L::min(), L::max(), I(0), I(1)};
    if constexpr (std::is_signed_v<I>)
        values.push_back(I(-1));
    for (unsigned long long p = 1; p <= static_cast<unsigned long long>(L::max()) / 10; p *= 10)
        for (unsigned long long d : {p - 1, p, p + 1, 10 * p - 1, 10 * p}) {
            values.push_back(static_cast<I>(d));
            if constexpr (std::is_signed_v<I>)
                values.push_back(static_cast<I>(0 - static_cast<I>(d)));
        }
    for (int i = 0; i < 20000; ++i)
        values.push_back(static_cast<I>(random() >> (random() % 64)));
    for (I v : values) {
        INFO(to_chars_text(v));
        REQUIRE(written_text(v) == to_chars_text(v));
    }
}
} // namespace

TEST_CASE("integers are written as std::to_chars writes them", "[write]") {
    std::mt19937_64 random(16);
    check_integers<std::int8_t>(random);
    check_integers<std::uint8_t>(random);
    check_integers<short>(random);
    check_integers<unsigned short>(random);
    check_integers<int>(random);
    check_integers<unsigned>(random);
    check_integers<long long>(random);
    check_integers<std::uint64_t>(random);
}

TEST_CASE("strings are escaped eight bytes at a time as one at a time", "[write]") {
    // Every kind of byte, at every offset from an 8-byte boundary, with tails of every length.
    const std::vector<std::string> pieces{"a",
                                          "\"",
                                          "\\",
                                          std::string(1, '\0'),
                                          "\x1f",
                                          "\x7f",
                                          "\n",
                                          "\t",
                                          "\xc3\xa9",
                                          "\xe2\x82\xac",
                                          "\xf0\x9f\x98\x80",
                                          "\xed\xa0\x80",
                                          "\xc0\xaf",
                                          "\xf5\x80",
                                          "\xe2\x82",
                                          "\xff",
                                          "0123456789",
                                          " "};
    std::mt19937_64 random(8);
    Texts texts;
    for (int i = 0; i < 5000; ++i) {
        std::string s;
        for (std::size_t n = random() % 40; n; --n)
            s += pieces[random() % pieces.size()];
        texts.texts.push_back(s);
    }
    for (std::size_t length = 0; length < 20; ++length)
        texts.texts.push_back(std::string(length, 'x') + "\"" + std::string(length, 'y'));
    std::string expected = "{\"texts\":[";
    for (const std::string& s : texts.texts)
        expected += (&s == &texts.texts.front() ? "" : ",") + escaped_slowly(s);
    expected += "]}";
    CHECK(to_json_string(texts) == expected);
    CHECK(escaped_slowly("a\"\\\x01\xff\xc3\xa9") == "\"a\\\"\\\\\\u0001\\ufffd\xc3\xa9\"");
}

TEST_CASE("empty containers and text appended to a string keep their layout", "[write]") {
    Order o = sample();
    o.items.clear();
    o.watchers.emplace();
    o.extra.emplace();
    std::string text = "before:";
    to_json_string(o, text);
    CHECK(text
          == R"(before:{"id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","color":"blue",)"
             R"("watchers":[],"items":[],"extra":{}})");
    CHECK(to_json_string(Odd{}) == "{}");
    CHECK(to_json_string(Odd{}, {.indent = 2}) == "{}");
    CHECK(to_json_string(Odd{std::nullopt, Item{"n", -5, false}}, {.indent = 1})
          == "{\n \"inner\": {\n  \"name\": \"n\",\n  \"count\": -5,\n  \"flag\": false\n }\n}");
}
