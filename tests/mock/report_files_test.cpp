// The mock's report files have the platform's shapes (API.md, "Report files"): every file is
// downloaded over a socket and read back with the library's own readers.
#include "../support/csv_v2_0_columns.hpp"
#include "mock_support.hpp"

#include <reportkit/core/csv.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

using namespace mocktest;

namespace {

using reportkit::testing::csv_v2_0_columns;

std::string header_line(const std::vector<std::string>& columns) {
    std::string line;
    for (const auto& c : columns)
        line += (line.empty() ? "" : ",") + c;
    return line + "\r\n";
}

// API.md's offering items per application, with their units ("" for counts) and is_range.
struct ItemFacts {
    std::string application, unit;
    bool is_range;
};
const std::map<std::string, ItemFacts> offering_items{
    {"euc_count", {"platform", "", false}},
    {"reseller_count", {"platform", "", false}},
    {"local_storage", {"backup", "bytes", false}},
    {"euc_with_local_backup_count", {"backup", "", false}},
    {"workstations", {"backup", "", false}},
    {"servers", {"backup", "", false}},
    {"vms", {"backup", "", false}},
    {"mobiles", {"backup", "", false}},
    {"mailboxes", {"backup", "", false}},
    {"websites", {"backup", "", false}},
    {"storage", {"backup", "bytes", false}},
    {"orphaned_storage", {"backup", "bytes", false}},
    {"dr_storage", {"backup", "bytes", false}},
    {"compute_points", {"backup", "seconds", true}},
    {"child_storages", {"backup", "", false}},
    {"gsuite_seats", {"backup", "", false}},
    {"dr_cloud_servers", {"backup", "", false}},
    {"web_hosting_servers", {"backup", "", false}},
    {"o365_mailboxes", {"backup", "", false}},
    {"fc_seats", {"files_cloud", "", false}},
    {"fc_storage", {"files_cloud", "bytes", false}},
    {"fc_child_storages", {"files_cloud", "", false}},
    {"drives_shipped_to_cloud", {"physical_data_shipping", "", true}},
    {"notary_storage", {"notary", "bytes", false}},
    {"notarizations", {"notary", "", true}},
    {"esignatures", {"notary", "", true}},
};

const std::string tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";

std::string request(const std::string& kind, const std::string& level, const std::string& formats,
                    const std::string& extra = "", bool period = true) {
    return R"({"parameters": {"kind": ")" + kind + R"(", "tenant_id": ")" + tenant
           + R"(", "level": ")" + level + R"(", "formats": )" + formats
           + (period ? R"(, "period": {"start": "2024-05-30", "end": "2024-06-01"})" : "") + extra
           + R"(}, "schedule": {"type": "once"}, "result_action": "save"})";
}

// A seeded server with a fixed day: its files are made on 2024-06-01 (09:00 UTC onwards).
struct Files : Fixture {
    Files() : Fixture(mock::Options{.seed = 7, .today = today}) {}

    // The downloads of a new report, by format, fetched over the socket and inflated.
    std::map<rp::Format, std::string> files(const std::string& body) {
        rp::Report r = create(body);
        std::map<rp::Format, std::string> out;
        for (const rp::StoredReport& item : server.stored(r.id)) {
            auto res = get("/api/2/reports/" + r.id.to_string() + "/stored/" + item.id.to_string());
            REQUIRE(res);
            REQUIRE(res->status == 200);
            out[item.report_format] = res->body;
        }
        return out;
    }

    std::vector<rp::UsageRecord> records(const std::string& body) {
        std::string text = files(body).at(rp::Format::csv_v2_0);
        auto rows = rk::from_csv<rp::UsageRecord>(text);
        INFO(text.substr(0, 2000));
        REQUIRE(rows);
        CHECK(rows.diagnostics().empty()); // no warning either: every total adds up
        return *rows;
    }
};

std::set<std::string> tenant_ids(const std::vector<rp::UsageRecord>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows)
        out.insert(r.tenant.id.to_string());
    return out;
}

std::set<std::string> dates(const std::vector<rp::UsageRecord>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows)
        out.insert(r.date.to_string());
    return out;
}

bool all_zero(const rp::UsageRecord& r) {
    const auto& u = r.usage;
    for (const rp::UsageValues* v : {&u.absolute, &u.delta, &u.effective})
        if (v->production != 0 || v->total != 0 || v->trial != 0)
            return false;
    return true;
}

// A row's identity apart from its figures.
auto key_of(const rp::UsageRecord& r) {
    return std::make_tuple(r.date.to_string(), r.tenant.id.to_string(), r.name,
                           r.infra.id ? r.infra.id->to_string() : "", r.edition.value_or(""));
}

} // namespace

TEST_CASE("csv_v2_0: exactly API.md's 29 columns in the platform's order, CRLF, no BOM",
          "[mock][files]") {
    Files f;
    std::string text =
        f.files(request("usage_daily", "accounts", R"(["csv_v2_0"])")).at(rp::Format::csv_v2_0);
    CHECK(text.rfind(header_line(csv_v2_0_columns), 0) == 0);
    CHECK(rk::csv_columns<rp::UsageRecord>().size() == 30); // the 29 and the optional sku
    // Every line ends with CRLF: no bare LF anywhere.
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
        REQUIRE(text[i - 1] == '\r');

    rk::CsvReader<rp::UsageRecord> reader(text);
    CHECK(reader.columns() == csv_v2_0_columns);
    CHECK(reader.header_diagnostics().empty());
}

TEST_CASE("csv_v2_0: the offering items of API.md with their applications, units and is_range",
          "[mock][files]") {
    Files f;
    auto rows = f.records(request("usage_current", "itself", R"(["csv_v2_0"])"));
    std::set<std::string> seen;
    for (const auto& r : rows) {
        INFO(r.name);
        REQUIRE(offering_items.count(r.name) == 1);
        const ItemFacts& facts = offering_items.at(r.name);
        CHECK(r.application.name == facts.application);
        CHECK((r.measurement_unit ? std::string(rk::to_string(*r.measurement_unit)) : "")
              == facts.unit);
        CHECK(r.is_range == facts.is_range);
        // Infrastructure columns come all together or not at all.
        CHECK(bool(r.infra.id) == bool(r.infra.name));
        CHECK(bool(r.infra.id) == bool(r.infra.owner_id));
        if (r.measurement_unit == rp::MeasurementUnit::bytes)
            CHECK(std::fmod(r.usage.absolute.total, 1024.0 * 1024 * 1024) == 0);
        seen.insert(r.name);
    }
    CHECK(seen.size() == offering_items.size()); // every item appears for the tenant itself
    // One application id per name, as the platform's files have them.
    std::map<std::string, std::set<std::string>> ids;
    for (const auto& r : rows)
        ids[r.application.name].insert(r.application.id.to_string());
    for (const auto& [name, set] : ids)
        CHECK(set.size() == 1);
    CHECK(*ids["backup"].begin() == "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb");
}

TEST_CASE("csv_v2_0: the level decides the tenants of the tree", "[mock][files]") {
    Files f;
    auto rows_of = [&](const std::string& level) {
        return f.records(request("usage_current", level, R"(["csv_v2_0"])"));
    };
    auto itself = rows_of("itself");
    CHECK(tenant_ids(itself) == std::set<std::string>{tenant});
    CHECK(itself.front().tenant.kind == rp::TenantKind::partner);

    auto direct = tenant_ids(rows_of("direct_partners"));
    auto partners_rows = rows_of("all_partners");
    auto partners = tenant_ids(partners_rows);
    auto customers = tenant_ids(rows_of("all_customers"));
    auto accounts = tenant_ids(rows_of("accounts"));
    // The tenant, its 2 partners and 2 customers; partners at every depth; everyone.
    CHECK(direct.size() == 5);
    CHECK(partners.size() == 7);
    CHECK(customers.size() == 17);
    CHECK(accounts == customers);
    for (const auto& r : partners_rows)
        CHECK(r.tenant.kind == rp::TenantKind::partner);
    CHECK(std::includes(customers.begin(), customers.end(), direct.begin(), direct.end()));
    CHECK(std::includes(customers.begin(), customers.end(), partners.begin(), partners.end()));
    CHECK(direct.count(tenant) == 1);
}

TEST_CASE("csv_v2_0: the kind decides the days", "[mock][files]") {
    Files f;
    // Files are made on 2024-06-01: usage_current is about the day before.
    CHECK(dates(f.records(request("usage_current", "itself", R"(["csv_v2_0"])")))
          == std::set<std::string>{"2024-05-31"});
    CHECK(dates(f.records(request("usage_current", "itself", R"(["csv_v2_0"])", "", false)))
          == std::set<std::string>{"2024-05-31"});
    CHECK(dates(f.records(request("usage_daily", "itself", R"(["csv_v2_0"])")))
          == std::set<std::string>{"2024-05-30", "2024-05-31", "2024-06-01"});
    CHECK(dates(f.records(request("usage_summary", "itself", R"(["csv_v2_0"])")))
          == std::set<std::string>{"2024-06-01"});

    // A breakdown is the daily rows with editioned items split by edition.
    auto breakdown = f.records(request("usage_breakdown", "itself", R"(["csv_v2_0"])"));
    CHECK(dates(breakdown) == std::set<std::string>{"2024-05-30", "2024-05-31", "2024-06-01"});
    std::set<std::string> editions;
    for (const auto& r : breakdown)
        if (r.name == "workstations")
            editions.insert(r.edition.value_or(""));
    CHECK(editions == std::set<std::string>{"advanced", "per_workload", "standard"});
}

TEST_CASE("csv_v2_0: a summary's deltas span the period, totals add up on every axis",
          "[mock][files]") {
    Files f;
    auto daily = f.records(request("usage_daily", "accounts", R"(["csv_v2_0"])"));
    auto summary = f.records(request("usage_summary", "accounts", R"(["csv_v2_0"])"));
    std::map<std::tuple<std::string, std::string, std::string>, double> delta_sum, last_absolute;
    for (const auto& r : daily) {
        auto k = std::make_tuple(r.tenant.id.to_string(), r.name,
                                 r.infra.id ? r.infra.id->to_string() : "");
        delta_sum[k] += r.usage.delta.total;
        if (r.date.to_string() == "2024-06-01")
            last_absolute[k] = r.usage.absolute.total;
    }
    REQUIRE(summary.size() * 3 == daily.size());
    bool negative = false, trial = false, production = false;
    for (const auto& r : summary) {
        auto k = std::make_tuple(r.tenant.id.to_string(), r.name,
                                 r.infra.id ? r.infra.id->to_string() : "");
        CHECK(r.usage.delta.total == delta_sum[k]);
        CHECK(r.usage.absolute.total == last_absolute[k]);
        negative = negative || r.usage.delta.total < 0;
    }
    for (const auto& r : daily)
        for (const rp::UsageValues* v : {&r.usage.absolute, &r.usage.delta, &r.usage.effective}) {
            CHECK(v->total == v->production + v->trial);
            trial = trial || v->trial != 0;
            production = production || v->production != 0;
        }
    CHECK(negative); // deltas can be negative
    CHECK(trial);
    CHECK(production);
}

TEST_CASE("csv_v2_0: hide_zero_usage leaves out exactly the all-zero rows", "[mock][files]") {
    Files f;
    auto all = f.records(request("usage_daily", "accounts", R"(["csv_v2_0"])"));
    auto hidden = f.records(
        request("usage_daily", "accounts", R"(["csv_v2_0"])", R"(, "hide_zero_usage": true)"));
    // The platform's own samples send the string; it is read as the boolean.
    auto quoted = f.records(
        request("usage_daily", "accounts", R"(["csv_v2_0"])", R"(, "hide_zero_usage": "true")"));
    std::set<decltype(key_of(all[0]))> expected, got;
    std::size_t zero = 0;
    for (const auto& r : all) {
        if (all_zero(r))
            ++zero;
        else
            expected.insert(key_of(r));
    }
    for (const auto& r : hidden) {
        CHECK_FALSE(all_zero(r));
        got.insert(key_of(r));
    }
    CHECK(zero > 0);
    CHECK(got == expected);
    CHECK(hidden.size() == all.size() - zero);
    CHECK(quoted.size() == hidden.size());
}

TEST_CASE("csv_v2_0: show_skus appends one sku column after edition", "[mock][files]") {
    Files f;
    std::string text =
        f.files(request("usage_current", "itself", R"(["csv_v2_0"])", R"(, "show_skus": true)"))
            .at(rp::Format::csv_v2_0);
    auto with_sku = csv_v2_0_columns;
    with_sku.push_back("sku");
    CHECK(text.rfind(header_line(with_sku), 0) == 0);
    auto rows = rk::from_csv<rp::UsageRecord>(text);
    REQUIRE(rows);
    for (const auto& r : *rows)
        CHECK((r.sku && !r.sku->empty()));

    for (const auto& r : f.records(
             request("usage_current", "itself", R"(["csv_v2_0"])", R"(, "show_skus": "false")")))
        CHECK_FALSE(r.sku);
}

TEST_CASE("json_v2_0: params and one tenant usage per csv_v2_0 row", "[mock][files]") {
    Files f;
    auto files = f.files(request("usage_daily", "all_customers", R"(["csv_v2_0", "json_v2_0"])"));
    auto rows = rk::from_csv<rp::UsageRecord>(files.at(rp::Format::csv_v2_0));
    REQUIRE(rows);
    auto doc = rk::from_json<rp::UsageReportV2>(files.at(rp::Format::json_v2_0));
    INFO(files.at(rp::Format::json_v2_0).substr(0, 1000));
    REQUIRE(doc);
    CHECK(doc.diagnostics().empty());
    CHECK(boost::json::parse(files.at(rp::Format::json_v2_0)).as_object().size() == 2);

    CHECK(doc->params.kind == 4);
    CHECK(doc->params.report_type == 4);
    CHECK(doc->params.report_level == 2);
    CHECK(doc->params.begin_date == 1717027200); // 2024-05-30T00:00:00Z
    CHECK(doc->params.end_date == 1717286399);   // 2024-06-01T23:59:59Z
    CHECK(doc->params.gen_date == 1717200000);   // 2024-06-01
    CHECK(doc->params.name == rows->front().tenant.name);

    REQUIRE(doc->tenants.size() == rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto& r = (*rows)[i];
        const auto& u = doc->tenants[i];
        CHECK(u.tenant_uuid == r.tenant.id);
        CHECK(u.application_id == r.application.id);
        CHECK(u.usage_name == r.name);
        CHECK(u.edition == r.edition);
        CHECK(u.infra_id == r.infra.id);
        CHECK((u.type == rp::UsageType::infra) == bool(r.infra.id));
        CHECK(u.measurement_unit == r.measurement_unit);
        CHECK(u.value == r.usage.effective.total);
        CHECK(u.absolute_value == r.usage.absolute.total);
    }
    for (auto [kind, number] :
         {std::pair{"usage_summary", 5}, {"usage_breakdown", 6}, {"usage_current", 8}}) {
        auto other = rk::from_json<rp::UsageReportV2>(
            f.files(request(kind, "itself", R"(["json_v2_0"])")).at(rp::Format::json_v2_0));
        REQUIRE(other);
        CHECK(other->params.kind == number);
        CHECK(other->params.report_level == 0);
    }
}

TEST_CASE("csv and html: a table per tenant of the same records, compute points in hours",
          "[mock][files]") {
    Files f;
    auto files =
        f.files(request("usage_current", "direct_partners", R"(["csv_v2_0", "csv", "html"])"));
    auto rows = rk::from_csv<rp::UsageRecord>(files.at(rp::Format::csv_v2_0));
    REQUIRE(rows);
    const std::string& csv = files.at(rp::Format::csv);
    const std::string& html = files.at(rp::Format::html);
    std::size_t tables = 0;
    for (std::size_t i = html.find("<table>"); i != std::string::npos;
         i = html.find("<table>", i + 1))
        ++tables;
    CHECK(tables == tenant_ids(*rows).size());
    for (const auto& id : tenant_ids(*rows)) {
        CHECK_THAT(csv, Catch::Contains(id));
        CHECK_THAT(html, Catch::Contains(id));
    }
    bool compute = false;
    for (const auto& r : *rows)
        if (r.name == "compute_points" && r.usage.absolute.total != 0
            && std::fmod(r.usage.absolute.total, 3600) != 0) {
            char hours[32];
            *std::to_chars(hours, hours + sizeof hours - 1, r.usage.absolute.total / 3600).ptr = 0;
            CHECK_THAT(csv, Catch::Contains(r.date.to_string()
                                            + ",backup,compute_points,standard,Default disaster "
                                              "recovery infrastructure,hours,")
                                && Catch::Contains(std::string(",") + hours + ","));
            compute = true;
        }
    CHECK(compute);
}

TEST_CASE("report files are deterministic by report and seed", "[mock][files]") {
    std::string body = request("usage_daily", "accounts",
                               R"(["csv_v2_0", "json_v2_0", "csv", "html", "json_v1"])");
    Files a, b;
    CHECK(a.files(body) == b.files(body));
    // Another tenant, other figures.
    std::string other = body;
    other.replace(other.find(tenant), tenant.size(), "0f6a3b4c-1d2e-4f50-8a9b-0c1d2e3f4a5b");
    CHECK(a.files(other).at(rp::Format::csv_v2_0) != a.files(body).at(rp::Format::csv_v2_0));
}

TEST_CASE("report files read by other programs: python3's csv, json and html.parser",
          "[mock][files][external]") {
    Files f;
    auto files = f.files(request("usage_breakdown", "accounts",
                                 R"(["csv_v2_0", "json_v2_0", "html"])", R"(, "show_skus": true)"));
    auto dir =
        std::filesystem::temp_directory_path() / ("reportkit-files-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
    };
    write("report.csv", files.at(rp::Format::csv_v2_0));
    write("report.json", files.at(rp::Format::json_v2_0));
    write("report.html", files.at(rp::Format::html));
    std::string header;
    for (const auto& c : csv_v2_0_columns)
        header += (header.empty() ? "" : ",") + c;
    std::string command = "python3 " REPORTKIT_SOURCE_DIR "/tests/mock/check_report_files.py "
                          + dir.string() + " '" + header + ",sku'";
    INFO(command);
    CHECK(std::system(command.c_str()) == 0);
    std::filesystem::remove_all(dir);
}
