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
