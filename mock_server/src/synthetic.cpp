#include "synthetic.hpp"

#include <reportkit/core/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/json.hpp>
#include <zlib.h>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

struct Usage {
    std::string_view name, unit, sku;
};

constexpr std::array<Usage, 5> usages{{{"storage", "GB", "RK-STG-001"},
                                       {"workstations", "devices", "RK-WKS-001"},
                                       {"servers", "devices", "RK-SRV-001"},
                                       {"virtual_machines", "devices", "RK-VM-001"},
                                       {"mobile_devices", "devices", "RK-MOB-001"}}};

// A long period would make a file of megabytes; a year of days is plenty for tests.
constexpr int max_days = 366;

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

constexpr std::uint64_t fnv_basis = 0xcbf29ce484222325ull;

struct Entity {
    std::string id, name;
};

// The tenants a report covers: the level decides how many children of the tenant appear.
std::vector<Entity> entities(const rp::Report& report) {
    const std::string tenant = report.parameters.tenant_id.to_string();
    struct Shape {
        std::string_view label;
        int count;
    };
    Shape shape = [&]() -> Shape {
        switch (report.parameters.level) {
        case rp::Level::itself:
            return {"Tenant", 0};
        case rp::Level::direct_partners:
            return {"Partner", 2};
        case rp::Level::all_partners:
            return {"Partner", 3};
        case rp::Level::all_customers:
            return {"Customer", 4};
        case rp::Level::accounts:
            return {"Account", 5};
        }
        return {"Tenant", 0};
    }();
    if (shape.count == 0)
        return {{tenant, "Tenant " + tenant.substr(0, 8)}};
    std::vector<Entity> out;
    for (int i = 1; i <= shape.count; ++i) {
        // A stable child id: the tenant's id with its last twelve digits derived from a hash.
        std::uint64_t h = fnv1a(fnv1a(fnv_basis, tenant), std::to_string(i));
        char tail[13];
        std::snprintf(tail, sizeof tail, "%012llx",
                      static_cast<unsigned long long>(h & 0xffffffffffffull));
        out.push_back(
            {tenant.substr(0, 24) + tail, std::string(shape.label) + ' ' + std::to_string(i)});
    }
    return out;
}

struct Row {
    std::string when; // a date, "start/end" for a summary, empty for a snapshot
    const Entity* entity;
    const Usage* usage;
    std::string edition; // breakdown only
    std::int64_t value;
};

std::int64_t usage_value(const Entity& e, const Usage& u, std::string_view when,
                         std::string_view edition) {
    std::uint64_t h = fnv1a(fnv1a(fnv1a(fnv1a(fnv_basis, e.id), u.name), when), edition);
    // About one value in seven is zero, so hide_zero_usage visibly removes rows.
    if (h % 7 == 0)
        return 0;
    return static_cast<std::int64_t>((h >> 8) % (u.name == "storage" ? 5000 : 50)) + 1;
}

std::vector<std::string> days_of(const rp::Report& report) {
    std::vector<std::string> out;
    const auto& period = report.parameters.period;
    if (!period)
        return out;
    for (auto d = period->start.sys_days();
         d <= period->end.sys_days() && out.size() < std::size_t{max_days};
         d += std::chrono::days{1})
        out.push_back(Date(std::chrono::year_month_day{d}).to_string());
    return out;
}

std::vector<Row> rows_of(const rp::Report& report, const std::vector<Entity>& tenants) {
    const auto& p = report.parameters;
    std::vector<std::string> whens;
    std::vector<std::string> editions{""};
    if (p.kind == rp::Kind::usage_summary && p.period)
        whens.push_back(p.period->start.to_string() + "/" + p.period->end.to_string());
    else if (p.kind != rp::Kind::usage_current && p.period)
        whens = days_of(report);
    if (whens.empty())
        whens.push_back("");
    if (p.kind == rp::Kind::usage_breakdown)
        editions = {"standard", "advanced"};

    std::vector<Row> rows;
    for (const std::string& when : whens)
        for (const Entity& e : tenants)
            for (const Usage& u : usages)
                for (const std::string& edition : editions) {
                    std::int64_t v = usage_value(e, u, when, edition);
                    if (v == 0 && p.hide_zero_usage.value_or(false))
                        continue;
                    rows.push_back({when, &e, &u, edition, v});
                }
    return rows;
}

struct Column {
    std::string_view title, key; // human heading; snake_case name used by v2 formats and JSON
};

std::vector<Column> columns_of(const rp::Report& report) {
    std::vector<Column> cols{{"Date", "date"},
                             {"Tenant ID", "tenant_id"},
                             {"Tenant name", "tenant_name"},
                             {"Usage", "usage"}};
    if (report.parameters.kind == rp::Kind::usage_breakdown)
        cols.push_back({"Edition", "edition"});
    if (report.parameters.show_skus.value_or(false))
        cols.push_back({"SKU", "sku"});
    cols.push_back({"Value", "value"});
    cols.push_back({"Unit", "unit"});
    return cols;
}

std::string cell(const Row& r, std::string_view key) {
    if (key == "date")
        return r.when;
    if (key == "tenant_id")
        return r.entity->id;
    if (key == "tenant_name")
        return r.entity->name;
    if (key == "usage")
        return std::string(r.usage->name);
    if (key == "edition")
        return r.edition;
    if (key == "sku")
        return std::string(r.usage->sku);
    if (key == "value")
        return std::to_string(r.value);
    return std::string(r.usage->unit);
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

std::string csv(const std::vector<Row>& rows, const std::vector<Column>& cols, bool v2) {
    std::string out;
    auto line = [&](auto field_of) {
        for (std::size_t i = 0; i < cols.size(); ++i) {
            if (i)
                out += ',';
            csv_field(out, field_of(cols[i]));
        }
        out += "\r\n"; // RFC 4180
    };
    line([&](const Column& c) { return std::string(v2 ? c.key : c.title); });
    for (const Row& r : rows)
        line([&](const Column& c) { return cell(r, c.key); });
    return out;
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

std::string html(const rp::Report& report, const std::vector<Row>& rows,
                 const std::vector<Column>& cols) {
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>";
    std::string title = std::string(to_string(report.parameters.kind)) + " for tenant "
                        + report.parameters.tenant_id.to_string();
    html_text(out, title);
    out += "</title></head>\n<body>\n<h1>";
    html_text(out, title);
    out += "</h1>\n<table>\n<thead><tr>";
    for (const Column& c : cols) {
        out += "<th>";
        html_text(out, c.title);
        out += "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const Row& r : rows) {
        out += "<tr>";
        for (const Column& c : cols) {
            out += "<td>";
            html_text(out, cell(r, c.key));
            out += "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</body></html>\n";
    return out;
}

std::string json(const rp::Report& report, const std::vector<Row>& rows,
                 const std::vector<Column>& cols, bool v2) {
    const auto& p = report.parameters;
    boost::json::object head;
    head["tenant_id"] = p.tenant_id.to_string();
    head["kind"] = to_string(p.kind);
    head["level"] = to_string(p.level);
    if (p.period)
        head["period"] = {{"start", p.period->start.to_string()},
                          {"end", p.period->end.to_string()}};
    else
        head["period"] = nullptr;
    boost::json::array items;
    for (const Row& r : rows) {
        boost::json::object item;
        for (const Column& c : cols) {
            if (c.key == "value")
                item["value"] = r.value;
            else
                item[c.key] = cell(r, c.key);
        }
        items.push_back(std::move(item));
    }
    boost::json::object doc;
    if (v2) {
        doc["version"] = "2.0";
        doc["report"] = std::move(head);
        doc["items"] = std::move(items);
    } else {
        doc = std::move(head);
        doc["rows"] = std::move(items);
    }
    return boost::json::serialize(doc) + "\n";
}

} // namespace

std::string synthetic_usage(const rp::Report& report, rp::Format format) {
    std::vector<Entity> tenants = entities(report);
    std::vector<Row> rows = rows_of(report, tenants);
    std::vector<Column> cols = columns_of(report);
    switch (format) {
    case rp::Format::csv:
        return csv(rows, cols, false);
    case rp::Format::csv_v2_0:
        return csv(rows, cols, true);
    case rp::Format::html:
        return html(report, rows, cols);
    case rp::Format::json_v1:
        return json(report, rows, cols, false);
    case rp::Format::json_v2_0:
        return json(report, rows, cols, true);
    }
    return {};
}

std::string gzip(std::string_view data) {
    z_stream z{};
    // windowBits 15 + 16: a gzip wrapper; zlib writes a zero mtime when no header is given.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

} // namespace reportkit::mock::detail
