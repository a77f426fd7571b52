#include "renderings.hpp"

#include <reportkit/core/csv_write.hpp>
#include <reportkit/core/write.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/hana/define_struct.hpp>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

// The shortest text that reads back as the same double.
std::string number(double v) {
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

std::int64_t unix_seconds(Date d) {
    return std::chrono::sys_seconds(d.sys_days()).time_since_epoch().count();
}

Timestamp midnight(Date d) {
    return Timestamp::from_time(std::chrono::sys_seconds(d.sys_days()));
}

// The records grouped by tenant, in the order of data.tenants.
std::vector<std::pair<const TenantNode*, std::vector<const rp::UsageRecord*>>>
by_tenant(const UsageData& data) {
    std::vector<std::pair<const TenantNode*, std::vector<const rp::UsageRecord*>>> out;
    for (const TenantNode& t : data.tenants)
        out.push_back({&t, {}});
    for (const rp::UsageRecord& r : data.records)
        for (auto& [t, rows] : out)
            if (t->id == r.tenant.id)
                rows.push_back(&r);
    return out;
}

// A table for people: the columns of a human rendering, in the reader's units.
struct HumanColumn {
    std::string_view title;
    std::string (*cell)(const rp::UsageRecord&);
};

bool in_hours(const rp::UsageRecord& r) {
    return r.measurement_unit == rp::MeasurementUnit::seconds;
}

std::string unit_of(const rp::UsageRecord& r) {
    if (in_hours(r))
        return "hours";
    return r.measurement_unit ? std::string(to_string(*r.measurement_unit)) : std::string();
}

std::string shown(const rp::UsageRecord& r, double v) {
    return number(in_hours(r) ? v / 3600 : v);
}

const std::vector<HumanColumn>& human_columns(bool skus) {
    static const std::vector<HumanColumn> base{
        {"Date", [](const rp::UsageRecord& r) { return r.date.to_string(); }},
        {"Service", [](const rp::UsageRecord& r) { return r.application.name; }},
        {"Item", [](const rp::UsageRecord& r) { return r.name; }},
        {"Edition", [](const rp::UsageRecord& r) { return r.edition.value_or(""); }},
        {"Infrastructure", [](const rp::UsageRecord& r) { return r.infra.name.value_or(""); }},
        {"Unit", &unit_of},
        {"Production",
         [](const rp::UsageRecord& r) { return shown(r, r.usage.absolute.production); }},
        {"Trial", [](const rp::UsageRecord& r) { return shown(r, r.usage.absolute.trial); }},
        {"Total", [](const rp::UsageRecord& r) { return shown(r, r.usage.absolute.total); }},
        {"Change", [](const rp::UsageRecord& r) { return shown(r, r.usage.delta.total); }},
        {"Billable", [](const rp::UsageRecord& r) { return shown(r, r.usage.effective.total); }},
    };
    static const std::vector<HumanColumn> with_skus = [] {
        auto cols = base;
        cols.push_back({"SKU", [](const rp::UsageRecord& r) { return r.sku.value_or(""); }});
        return cols;
    }();
    return skus ? with_skus : base;
}

bool shows_skus(const rp::Report& report) {
    return report.parameters.show_skus && bool(*report.parameters.show_skus);
}

void csv_field(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void csv_line(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        csv_field(out, fields[i]);
    }
    out += "\r\n";
}

void html_text(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
}

std::string title_of(const rp::Report& report, const UsageData& data) {
    std::string t = std::string(to_string(report.parameters.kind)) + " report for "
                    + data.tenants.front().name + " ("
                    + std::string(to_string(report.parameters.level)) + ")";
    if (!data.days.empty())
        t += ", " + data.days.front().to_string()
             + (data.days.size() > 1 ? " to " + data.days.back().to_string() : std::string());
    return t;
}

std::string tenant_heading(const TenantNode& t) {
    return t.name + " (" + std::string(to_string(t.kind)) + ", " + t.id.to_string() + ")";
}

// json_v1: a flat list of the rows.
struct V1Row {
    BOOST_HANA_DEFINE_STRUCT(V1Row, (Date, date), (Uuid, tenant_id), (std::string, tenant_name),
                             (std::string, application), (std::string, usage),
                             (std::optional<std::string>, edition), (std::optional<Uuid>, infra_id),
                             (std::optional<std::string>, unit), (double, value), (double, delta),
                             (std::optional<std::string>, sku));
};

struct V1Period {
    BOOST_HANA_DEFINE_STRUCT(V1Period, (Date, start), (Date, end));
};

struct V1Report {
    BOOST_HANA_DEFINE_STRUCT(V1Report, (Uuid, tenant_id), (rp::Kind, kind), (rp::Level, level),
                             (std::optional<V1Period>, period), (std::vector<V1Row>, rows));
};

} // namespace

std::string csv_v2_0_file(const rp::Report& report, const UsageData& data) {
    // The 29 columns; `sku` only with show_skus, after `edition` (decision).
    CsvWriteOptions options;
    options.columns = csv_columns<rp::UsageRecord>();
    if (!shows_skus(report))
        options.columns.erase(std::remove(options.columns.begin(), options.columns.end(), "sku"),
                              options.columns.end());
    return to_csv(data.records, options);
}

rp::UsageReportV2 json_v2_0_document(const rp::Report& report, const UsageData& data,
                                     Date generated_on) {
    const TenantNode& root = data.tenants.front();
    rp::UsageReportV2 doc;
    std::int64_t kind = rp::kind_number(report.parameters.kind);
    Date first = data.days.front(), last = data.days.back();
    if (report.parameters.period && report.parameters.kind != rp::Kind::usage_current) {
        first = report.parameters.period->start;
        last = report.parameters.period->end;
    }
    doc.params = {kind,
                  unix_seconds(generated_on),
                  unix_seconds(first),
                  unix_seconds(last) + 86'399,
                  root.v1_id,
                  root.name,
                  rp::level_number(report.parameters.level),
                  kind};
    std::map<Uuid, std::int64_t> v1_ids;
    for (const TenantNode& t : data.tenants)
        v1_ids[t.id] = t.v1_id;
    doc.tenants.reserve(data.records.size());
    for (const rp::UsageRecord& r : data.records) {
        rp::TenantUsage u{};
        u.tenant_uuid = r.tenant.id;
        u.tenant_id = v1_ids[r.tenant.id];
        u.application_id = r.application.id;
        u.edition = r.edition;
        u.name = r.edition ? *r.edition + "_" + r.name : r.name;
        u.usage_name = r.name;
        u.type = r.infra.id ? rp::UsageType::infra : rp::UsageType::count;
        u.infra_id = r.infra.id;
        u.measurement_unit = r.measurement_unit;
        u.offering_item = rp::OfferingItem{
            rp::OfferingQuota{r.quota.value,
                              r.quota.value ? std::optional<double>(0) : std::nullopt, 1},
            1};
        // A range item counts from the start of its month (the billing period), others from the
        // row's day.
        auto ymd = std::chrono::year_month_day{r.date.sys_days()};
        u.range_start = midnight(r.is_range ? Date(ymd.year() / ymd.month() / 1) : r.date);
        u.value = r.usage.effective.total;
        u.absolute_value = r.usage.absolute.total;
        doc.tenants.push_back(std::move(u));
    }
    return doc;
}

std::string csv_file(const rp::Report& report, const UsageData& data) {
    const auto& cols = human_columns(shows_skus(report));
    std::string out;
    csv_line(out, {title_of(report, data)});
    for (const auto& [tenant, rows] : by_tenant(data)) {
        out += "\r\n";
        csv_line(out, {tenant_heading(*tenant)});
        std::vector<std::string> fields;
        for (const HumanColumn& c : cols)
            fields.emplace_back(c.title);
        csv_line(out, fields);
        for (const rp::UsageRecord* r : rows) {
            fields.clear();
            for (const HumanColumn& c : cols)
                fields.push_back(c.cell(*r));
            csv_line(out, fields);
        }
    }
    return out;
}

std::string html_file(const rp::Report& report, const UsageData& data) {
    const auto& cols = human_columns(shows_skus(report));
    std::string title = title_of(report, data);
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>";
    html_text(out, title);
    out += "</title></head>\n<body>\n<h1>";
    html_text(out, title);
    out += "</h1>\n";
    for (const auto& [tenant, rows] : by_tenant(data)) {
        out += "<h2>";
        html_text(out, tenant_heading(*tenant));
        out += "</h2>\n<table>\n<thead><tr>";
        for (const HumanColumn& c : cols) {
            out += "<th>";
            html_text(out, c.title);
            out += "</th>";
        }
        out += "</tr></thead>\n<tbody>\n";
        for (const rp::UsageRecord* r : rows) {
            out += "<tr>";
            for (const HumanColumn& c : cols) {
                out += "<td>";
                html_text(out, c.cell(*r));
                out += "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    out += "</body></html>\n";
    return out;
}

std::string json_v1_file(const rp::Report& report, const UsageData& data) {
    const auto& p = report.parameters;
    V1Report doc{p.tenant_id, p.kind, p.level, std::nullopt, {}};
    if (p.period)
        doc.period = V1Period{p.period->start, p.period->end};
    doc.rows.reserve(data.records.size());
    for (const rp::UsageRecord& r : data.records)
        doc.rows.push_back(
            {r.date, r.tenant.id, r.tenant.name, r.application.name, r.name, r.edition, r.infra.id,
             r.measurement_unit ? std::optional<std::string>(to_string(*r.measurement_unit))
                                : std::nullopt,
             r.usage.absolute.total, r.usage.delta.total, r.sku});
    return to_json_string(doc) + "\n";
}

} // namespace reportkit::mock::detail
