// `reportkit usage FILE`: a downloaded report file, summarised or printed as JSON.
#include "../support/process.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include <boost/json.hpp>
#include <unistd.h>
#include <zlib.h>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using reportkit::testing::bin;
using reportkit::testing::run;

namespace {
const std::string cli = bin("reportkit");
const std::string sample = std::string(REPORTKIT_TEST_DATA) + "/csv_v2_0-sample.csv";

struct TempDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("reportkit-usage-" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path / name, std::ios::binary) << bytes;
        return (path / name).string();
    }
};

std::string gzip(const std::string& text) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// The files of a `save` report made by the in-process mock, by format.
std::map<rp::Format, std::string> mock_files(const std::string& formats) {
    rk::mock::Server server{{.seed = 3, .today = rk::Date(2024, 6, 1)}};
    auto request = rk::from_json<rp::ReportRequest>(
        R"({"parameters": {"kind": "usage_daily", "tenant_id": "ede9f834-70b3-476c-83d9-736f9f8c7dae",
            "level": "direct_partners", "period": {"start": "2024-05-30", "end": "2024-06-01"},
            "formats": )"
            + formats + R"(}, "schedule": {"type": "once"}, "result_action": "save"})",
        {.today = rk::Date(2024, 6, 1)});
    REQUIRE(request);
    auto report = server.create(*request);
    REQUIRE(report);
    std::map<rp::Format, std::string> out;
    for (const auto& item : server.stored(report->id))
        out[item.report_format] = *server.stored_content(report->id, item.id);
    return out;
}
} // namespace

TEST_CASE("usage: the platform's sample file summarised per tenant and item", "[cli][usage]") {
    auto r = run(cli + " usage " + sample);
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.rfind("csv_v2_0: 9 records, 1 tenants, 2020-03-03\n\n"
                      "Acronis User (partner, 53b471e1-50dd-4557-ae6d-f687946821d4)\n",
                      0)
          == 0);
    // euc_count: absolute 0, delta -1 on the day.
    CHECK_THAT(r.out, Catch::Contains("  platform/euc_count                              -         "
                                      "    count   1     0               -1              0\n"));
    CHECK_THAT(
        r.out,
        Catch::Contains(
            "  backup/storage                                  standard      bytes   1     0"));
}

TEST_CASE("usage: gzip or plain, the same summary, the mock's csv_v2_0 and json_v2_0 files",
          "[cli][usage]") {
    TempDir dir;
    auto files = mock_files(R"(["csv_v2_0", "json_v2_0"])");
    auto plain = run(cli + " usage " + dir.write("plain.csv", files.at(rp::Format::csv_v2_0)));
    auto packed =
        run(cli + " usage " + dir.write("packed.csv.gz", gzip(files.at(rp::Format::csv_v2_0))));
    CHECK(plain.status == 0);
    CHECK(packed.out == plain.out);
    CHECK(plain.out.rfind("csv_v2_0: ", 0) == 0);
    CHECK_THAT(plain.out, Catch::Contains(" 5 tenants, 2024-05-30 to 2024-06-01\n"));

    auto json =
        run(cli + " usage " + dir.write("report.json.gz", gzip(files.at(rp::Format::json_v2_0))));
    CHECK(json.status == 0);
    CHECK_THAT(json.out,
               Catch::StartsWith("json_v2_0: ")
                   && Catch::Contains("usage_daily, direct_partners, for Partner ede9f834"));
}

TEST_CASE("usage --json: the records as JSON, read back by the library", "[cli][usage]") {
    auto r = run(cli + " usage --json " + sample);
    REQUIRE(r.status == 0);
    auto records = rk::from_json<std::vector<rp::UsageRecord>>(r.out);
    INFO(r.out.substr(0, 600));
    REQUIRE(records);
    REQUIRE(records->size() == 9);
    CHECK(records->at(0).name == "euc_count");
    CHECK(records->at(0).usage.delta.total == -1);
    CHECK(records->at(5).measurement_unit == rp::MeasurementUnit::seconds);
    CHECK(boost::json::parse(r.out).at(4).at("infra").at("name") == "fes-eu3-baas.acronis.com");
}

TEST_CASE("usage: a broken file exits 1 with the line and column of each problem", "[cli][usage]") {
    TempDir dir;
    std::ifstream in(sample, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    // The third line's date is not a date.
    auto at = text.find("2020-03-03", text.find('\n', text.find('\n') + 1));
    text.replace(at, 10, "2020-13-03");
    auto r = run(cli + " usage " + dir.write("broken.csv", text) + " 2>&1");
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("/row/1/date") && Catch::Contains("2020-13-03"));

    CHECK(run(cli + " usage " + (dir.path / "missing.csv").string() + " 2>/dev/null").status == 2);
    auto truncated = gzip(text).substr(0, 40);
    CHECK(run(cli + " usage " + dir.write("cut.gz", truncated) + " 2>/dev/null").status == 2);
}
