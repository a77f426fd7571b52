#include <reportkit/core.hpp>

#include <catch2/catch.hpp>

using reportkit::Date;
using reportkit::Timestamp;
using reportkit::Uuid;

TEST_CASE("Uuid accepts the canonical lower-case form and writes it back", "[uuid]") {
    auto u = Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7dae");
    REQUIRE(u);
    CHECK(u->to_string() == "ede9f834-70b3-476c-83d9-736f9f8c7dae");
}

TEST_CASE("Uuid rejects upper case and says so", "[uuid]") {
    std::string why;
    CHECK_FALSE(Uuid::parse("EDE9F834-70b3-476c-83d9-736f9f8c7dae", &why));
    CHECK(why == "upper-case hexadecimal digits are not allowed; the API requires lower case");
}

TEST_CASE("Uuid rejects wrong lengths, misplaced dashes and non-hex digits", "[uuid]") {
    std::string why;
    CHECK_FALSE(Uuid::parse("ede9f834-70b3-476c-83d9-736f9f8c7da", &why));
    CHECK(why == "expected 36 characters, got 35");
    CHECK_FALSE(Uuid::parse("ede9f83470b3-476c-83d9-736f9f8c7dae-", &why));
    CHECK(why == "expected '-' at offset 8");
    CHECK_FALSE(Uuid::parse("gde9f834-70b3-476c-83d9-736f9f8c7dae", &why));
    CHECK(why == "expected a hexadecimal digit at offset 0");
}

TEST_CASE("Date accepts real calendar dates only", "[date]") {
    CHECK(Date::parse("2016-02-29"));
    CHECK_FALSE(Date::parse("2017-02-29"));
    std::string why;
    CHECK_FALSE(Date::parse("2017-02-30", &why));
    CHECK(why == "not a calendar date");
    CHECK_FALSE(Date::parse("2017-5-01", &why));
    CHECK(why == "expected exactly 10 characters YYYY-MM-DD");
    CHECK_FALSE(Date::parse("2017-13-01"));
    CHECK(Date::parse("2017-05-01")->to_string() == "2017-05-01");
    CHECK(*Date::parse("2017-05-01") < *Date::parse("2017-05-07"));
}

TEST_CASE("Timestamp accepts RFC 3339 date-times and keeps their spelling", "[timestamp]") {
    for (const char* text : {"2019-08-08T07:36:57+00:00", "2019-08-08T07:36:57Z",
                             "2019-08-08t07:36:57.123456z", "2019-08-08T07:36:57-05:30"}) {
        auto t = Timestamp::parse(text);
        REQUIRE(t);
        CHECK(t->text() == text);
    }
    CHECK(Timestamp::parse("2019-08-08T07:36:57+02:00")->time()
          == Timestamp::parse("2019-08-08T05:36:57Z")->time());
    for (const char* text : {"2019-08-08 07:36:57Z", "2019-08-08T07:36:57", "2019-08-08T24:00:00Z",
                             "2019-02-30T07:36:57Z", "2019-08-08T07:36:57+0000"})
        CHECK_FALSE(Timestamp::parse(text));
}
