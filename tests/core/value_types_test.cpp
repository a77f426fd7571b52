#include <reportkit/core.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

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

TEST_CASE("Date parses every day of every month as the calendar says, and nothing else", "[date]") {
    // The calendar of <chrono> is the referee for the parser's own shortcut (days 1-28 of months
    // 1-12 exist in every year): every month 00-13 and day 00-32 of years around the leap rules.
    for (int year : {0, 1, 4, 100, 400, 1900, 1999, 2000, 2016, 2017, 2020, 2100, 9999}) {
        for (unsigned month = 0; month <= 13; ++month) {
            for (unsigned day = 0; day <= 32; ++day) {
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
                std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                                std::chrono::day{day}};
                INFO(text);
                std::string why;
                std::optional<Date> date = Date::parse(text, &why);
                REQUIRE(date.has_value() == ymd.ok());
                if (date)
                    CHECK(date->to_string() == text);
                else
                    CHECK(why == "not a calendar date");
            }
        }
    }
    // A byte that is not a digit, in each digit's place.
    for (std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
        for (char bad : {'/', ':', 'a', ' ', '\x80', '\0'}) {
            std::string text = "2017-05-01";
            text[at] = bad;
            INFO(at << ' ' << static_cast<int>(bad));
            std::string why;
            CHECK_FALSE(Date::parse(text, &why));
            CHECK(why == "expected digits in YYYY-MM-DD");
        }
    }
}

TEST_CASE("A default Timestamp is the epoch, spelled as a parsed one is", "[timestamp]") {
    Timestamp epoch{};
    CHECK(epoch.text() == "1970-01-01T00:00:00Z");
    CHECK(epoch.to_string() == "1970-01-01T00:00:00Z");
    CHECK(epoch == *Timestamp::parse("1970-01-01T00:00:00Z"));
    CHECK_FALSE(epoch == *Timestamp::parse("1970-01-01T00:00:00+00:00"));
    CHECK(epoch.time().time_since_epoch().count() == 0);
}

TEST_CASE("Timestamp::from_time writes what parsing its text gives back", "[timestamp]") {
    using namespace std::chrono;
    // Instants a system_clock time point holds (nanoseconds: the years 1678 to 2262).
    for (sys_seconds t :
         {sys_days{1970y / 1 / 1} + 0s, sys_days{2017y / 5 / 8} + 7h + 36min + 57s,
          sys_days{2016y / 2 / 29} + 23h + 59min + 59s, sys_days{1900y / 1 / 1} + 1h + 2min + 3s,
          sys_days{2200y / 12 / 31} + 0s}) {
        Timestamp written = Timestamp::from_time(t);
        INFO(written.text());
        std::optional<Timestamp> read = Timestamp::parse(written.text());
        REQUIRE(read);
        CHECK(read->time() == written.time());
        CHECK(written.time() == t);
        CHECK(written.text().size() == 25);
    }
    CHECK(Timestamp::from_time(sys_days{2017y / 5 / 8} + 7h + 6min + 5s).text()
          == "2017-05-08T07:06:05+00:00");
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

TEST_CASE("Uuid::parse takes exactly the official pattern: 200,000 near-misses", "[uuid]") {
    // The pattern spelled out by hand, as the referee of the vectorised reader.
    auto matches = [](const std::string& t) {
        if (t.size() != 36)
            return false;
        for (std::size_t i = 0; i < 36; ++i) {
            bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            bool hex = (t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f');
            if (dash ? t[i] != '-' : !hex)
                return false;
        }
        return true;
    };
    // Mostly valid text with one or two bytes changed to a neighbour of a valid range.
    const std::string valid = "ede9f834-70b3-476c-83d9-736f9f8c7dae";
    std::string near = "0123456789abcdefABCDEFg/:`@-\x80\xff ";
    near += '\0';
    std::mt19937 random(20261201);
    std::size_t accepted = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string text = valid;
        for (auto& c : text)
            if (c != '-')
                c = "0123456789abcdef"[random() % 16];
        for (int edits = random() % 3; edits > 0; --edits)
            text[random() % 36] = near[random() % near.size()];
        auto parsed = Uuid::parse(text);
        REQUIRE(parsed.has_value() == matches(text));
        if (parsed) {
            ++accepted;
            REQUIRE(parsed->to_string() == text);
        }
    }
    CHECK(accepted > 20000);
    CHECK(accepted < 180000);
}
