// Replays tests/fuzz/inputs/: each file is an input a fuzz target once crashed or aborted on,
// named after what it found. A new finding is fixed by adding its input there (and a test below
// when the fix deserves a sharper assertion than "no problem").
#include <checks.hpp>

#include "../support/payloads.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace rk = reportkit;
namespace rp = reportkit::reports;

TEST_CASE("every input a fuzz target failed on now reads, rejects and round-trips cleanly",
          "[fuzz]") {
    std::vector<std::filesystem::path> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(REPORTKIT_FUZZ_INPUTS))
        inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(!inputs.empty());
    for (const auto& path : inputs) {
        DYNAMIC_SECTION(path.filename().string()) {
            std::string text = rk::testing::read_file(path.string());
            CHECK(rk::fuzz::any_problem(text) == "");
        }
    }
}

TEST_CASE("a timestamp far from 1970 keeps its instant (no 64-bit nanosecond overflow)", "[fuzz]") {
    // Found by fuzz_read_stored: year 0623 overflowed a count of nanoseconds since 1970.
    using namespace std::chrono;
    auto early = rk::Timestamp::parse("0623-08-08T07:36:57+00:00");
    REQUIRE(early);
    CHECK(early->time() == sys_days(year(623) / August / 8) + hours(7) + minutes(36) + seconds(57));
    auto late = rk::Timestamp::parse("9999-12-31T23:59:59.999999999-23:59");
    REQUIRE(late);
    CHECK(late->time()
          == sys_days(year(9999) / December / 31) + hours(23 + 23) + minutes(59 + 59) + seconds(59)
                 + microseconds(999999));
    auto stored = rk::from_json<rp::StoredReports>(
        R"({"items": [{"id": "5b0b5d2c-1111-4b7e-9a0c-3a7d2f6b8e01", "report_format": "csv",)"
        R"( "size": 120, "created_at": "0623-08-08T07:36:57+00:00", "status": "saved"}]})");
    REQUIRE(stored);
    CHECK(stored->items.at(0).created_at.text() == "0623-08-08T07:36:57+00:00");
}

TEST_CASE("the writer's output is valid UTF-8 JSON whatever bytes a string holds", "[fuzz]") {
    // Found by the hostile-input tests: the mock quoted a path with a %FF in an error message,
    // and the error body was no longer JSON any reader would accept.
    std::string stray = "a\xff"
                        "b\xc3"
                        "\xe2\x82"
                        "\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf";
    std::string expected = R"("a\ufffdb)";
    for (int i = 0; i < 12; ++i) // c3 | e2 | 82 | ed a0 80 | f4 90 80 80 | c0 af: each byte alone
        expected += R"(\ufffd)";
    CHECK(rk::to_json_string(stray) == expected + '"');
    std::string fine = "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf";
    CHECK(rk::to_json_string(fine) == '"' + fine + '"');
    rp::ApiError error;
    error.error.message = "no route for /api/2/rep\xff";
    auto back = rk::from_json<rp::ApiError>(rk::to_json_string(error));
    REQUIRE(back);
    CHECK(back->error.message == "no route for /api/2/rep\xef\xbf\xbd");
}
