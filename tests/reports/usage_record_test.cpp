// UsageRecord: one row of a csv_v2_0 file, read from and written to the platform's own shape.
#include "../support/csv_v2_0_columns.hpp"
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <tuple>

namespace {

using reportkit::testing::csv_v2_0_columns;

namespace rk = reportkit;
namespace rp = reportkit::reports;

std::string sample() {
    // Rows of a real platform file (API.md), kept as they were transcribed, with LF line ends.
    std::ifstream in(REPORTKIT_TEST_DATA "/csv_v2_0-sample.csv", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string without_cr(std::string s) {
    std::erase(s, '\r');
    return s;
}

const std::string header_line = [] {
    std::string h;
    for (const auto& c : csv_v2_0_columns)
        h += (h.empty() ? "" : ",") + c;
    return h + "\r\n";
}();

// A row of the sample (compute points on a disaster-recovery infrastructure), with `edit`.
std::string
row(std::string usage = "0,0,0,0,0,0,0,0,0",
    std::string infra = ",debe7865-fa8d-4c16-8e26-adcf8d7fd23d,Default disaster "
                        "recovery infrastructure,8beef6be-c136-4ef6-a900-0e74c703ddcc") {
    return "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb,backup,2020-03-03," + infra
           + ",True,seconds,compute_points,,,,,,,53b471e1-50dd-4557-ae6d-f687946821d4,partner,"
             "Acronis User,"
           + usage + ",standard\r\n";
}

using Finding = std::tuple<std::size_t, std::size_t, std::string, std::string, rk::Severity>;

std::vector<Finding> findings(const std::vector<rk::Diagnostic>& diagnostics) {
    std::vector<Finding> out;
    for (const auto& d : diagnostics)
        out.emplace_back(d.line, d.column, d.pointer, d.code, d.severity);
    return out;
}

} // namespace

TEST_CASE("UsageRecord's columns are API.md's 29, in the platform's order, then sku",
          "[usage_record]") {
    auto columns = rk::csv_columns<rp::UsageRecord>();
    REQUIRE(columns.size() == 30);
    CHECK(std::vector<std::string>(columns.begin(), columns.end() - 1) == csv_v2_0_columns);
    CHECK(columns.back() == "sku");
}

TEST_CASE("the platform's sample file reads without a problem and writes back byte for byte",
          "[usage_record]") {
    std::string text = sample();
    REQUIRE_FALSE(text.empty());
    rk::CsvReader<rp::UsageRecord> reader{text};
    CHECK(reader.columns() == csv_v2_0_columns);
    auto records = rk::from_csv(reader);
    REQUIRE(records);
    CHECK(records.diagnostics().empty());
    REQUIRE(records->size() == 9);

    const rp::UsageRecord& euc = (*records)[0];
    CHECK(euc.application.name == "platform");
    CHECK(euc.date == rk::Date(2020, 3, 3));
    CHECK_FALSE(euc.infra.id);
    CHECK_FALSE(euc.measurement_unit); // empty: a count
    CHECK(euc.usage.delta.total == -1);
    CHECK(euc.tenant.kind == rp::TenantKind::partner);
    CHECK_FALSE(euc.edition);

    const rp::UsageRecord& points = (*records)[5];
    CHECK(points.is_range);
    CHECK(points.measurement_unit == rp::MeasurementUnit::seconds);
    CHECK(points.infra.name == "Default disaster recovery infrastructure");
    CHECK_FALSE(points.infra.backend_type);
    CHECK(points.edition == "standard");

    // The sample's line ends are LF; the platform's (and the writer's) are CRLF.
    std::string written = rk::to_csv(*records, {.columns = reader.columns()});
    CHECK(written.find("\r\n") != std::string::npos);
    CHECK(without_cr(written) == without_cr(text));
}

TEST_CASE("a file with SKUs has the sku column after edition", "[usage_record]") {
    std::string text = header_line.substr(0, header_line.size() - 2) + ",sku\r\n"
                       + row().substr(0, row().size() - 2) + ",SKU-01\r\n";
    auto records = rk::from_csv<rp::UsageRecord>(text);
    REQUIRE(records);
    CHECK((*records)[0].sku == "SKU-01");
    CHECK(rk::to_csv(*records) == text);
}

TEST_CASE("total is production + trial on every axis: a warning where it is not",
          "[usage_record]") {
    auto records = rk::from_csv<rp::UsageRecord>(header_line + row("5.5,7.5,2,0.1,0.3,0.2,1,3,1"));
    REQUIRE(records); // a warning keeps the record
    CHECK(findings(records.diagnostics())
          == std::vector<Finding>{
              {2, 288, "/row/0/usage/effective/total", "sum", rk::Severity::warning}});
    CHECK(records.diagnostics()[0].message
          == "expected the sum production + trial (1 + 1 = 2), got 3");
}

TEST_CASE("an infrastructure is named by id, name and owner together", "[usage_record]") {
    auto records = rk::from_csv<rp::UsageRecord>(
        header_line + row("0,0,0,0,0,0,0,0,0", ",debe7865-fa8d-4c16-8e26-adcf8d7fd23d,,"));
    CHECK_FALSE(records);
    CHECK(
        findings(records.diagnostics())
        == std::vector<Finding>{{2, 94, "/row/0/infra/name", "together", rk::Severity::error},
                                {2, 95, "/row/0/infra/owner_id", "together", rk::Severity::error}});
    CHECK(records.diagnostics()[0].message
          == "required together with /row/0/infra/id, which is present");
}

TEST_CASE("closed sets are enums, open ones strings", "[usage_record]") {
    std::string text = header_line + row();
    // A service or an item the platform adds later is read; a tenant kind outside API.md's is not.
    std::string renamed = text;
    renamed.replace(renamed.find(",backup,"), 8, ",cyber_protection,");
    CHECK(rk::from_csv<rp::UsageRecord>(renamed));
    std::string kind = text;
    kind.replace(kind.find(",partner,"), 9, ",reseller,");
    auto d = rk::from_csv<rp::UsageRecord>(kind).diagnostics();
    REQUIRE(d.size() == 1);
    CHECK(d[0].pointer == "/row/0/tenant/kind");
    CHECK(
        d[0].message
        == R"(expected one of "partner", "customer", "folder", "unit" or "root", got "reseller")");
}

TEST_CASE("UsageRecord as JSON is the same record", "[usage_record]") {
    auto records = rk::from_csv<rp::UsageRecord>(header_line + row("1.25,1.25,0,0,0,0,0,0,0"));
    REQUIRE(records);
    std::string json = rk::to_json_string((*records)[0]);
    auto back = rk::from_json<rp::UsageRecord>(json);
    REQUIRE(back);
    CHECK(rk::to_csv(std::vector<rp::UsageRecord>{*back}, {.columns = csv_v2_0_columns})
          == header_line + row("1.25,1.25,0,0,0,0,0,0,0"));
}
