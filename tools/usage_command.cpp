#include "usage_command.hpp"

#include <reportkit/client/detail/gzip.hpp>
#include <reportkit/core/write.hpp>
#include <reportkit/reports/usage_file.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>

#include <boost/program_options.hpp>

namespace reportkit::cli {

namespace po = boost::program_options;
namespace rp = reportkit::reports;

namespace {

constexpr int exit_read = 0, exit_invalid = 1, exit_usage = 2;

std::string number(double v) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// One line per tenant and item: what a billing run looks at first.
struct Line {
    std::string unit;
    std::size_t rows = 0;
    std::string last_date;
    double absolute = 0; // on the last date, summed over infrastructures
    double delta = 0;    // summed over the file's days
    double effective = 0;
};

using Key = std::tuple<std::string, std::string>; // item (application/name), edition

std::string pad(std::string s, std::size_t width) {
    s.append(s.size() < width ? width - s.size() : 1, ' ');
    return s;
}

// Absolute and effective on the file's last date, delta over all its dates.
void print_table(std::ostream& out, const std::map<Key, Line>& lines) {
    out << "  " << pad("item", 48) << pad("edition", 14) << pad("unit", 8) << pad("rows", 6)
        << pad("absolute", 16) << pad("delta", 16) << "effective\n";
    for (const auto& [key, l] : lines) {
        const auto& [item, edition] = key;
        out << "  " << pad(item, 48) << pad(edition.empty() ? "-" : edition, 14)
            << pad(l.unit.empty() ? "count" : l.unit, 8) << pad(std::to_string(l.rows), 6)
            << pad(number(l.absolute), 16) << pad(number(l.delta), 16) << number(l.effective)
            << '\n';
    }
}

void add(Line& l, const std::string& date, std::string unit, double absolute, double delta,
         double effective) {
    l.unit = std::move(unit);
    ++l.rows;
    if (date > l.last_date) {
        l.last_date = date;
        l.absolute = 0;
        l.effective = 0;
    }
    if (date == l.last_date) {
        l.absolute += absolute;
        l.effective += effective;
    }
    l.delta += delta;
}

void summarise_csv(std::ostream& out, const std::vector<rp::UsageRecord>& records) {
    std::map<std::string, std::map<Key, Line>> tenants; // by tenant id
    std::map<std::string, std::string> headings;
    std::vector<std::string> order;
    std::string first, last;
    for (const rp::UsageRecord& r : records) {
        std::string id = r.tenant.id.to_string();
        if (!headings.count(id)) {
            headings[id] =
                r.tenant.name + " (" + std::string(to_string(r.tenant.kind)) + ", " + id + ")";
            order.push_back(id);
        }
        std::string date = r.date.to_string();
        if (first.empty() || date < first)
            first = date;
        if (date > last)
            last = date;
        add(tenants[id][{r.application.name + "/" + r.name, r.edition.value_or("")}], date,
            r.measurement_unit ? std::string(to_string(*r.measurement_unit)) : "",
            r.usage.absolute.total, r.usage.delta.total, r.usage.effective.total);
    }
    out << "csv_v2_0: " << records.size() << " records, " << order.size() << " tenants";
    if (!records.empty())
        out << ", " << first << (first == last ? "" : " to " + last);
    out << '\n';
    for (const std::string& id : order) {
        out << '\n' << headings[id] << '\n';
        print_table(out, tenants[id]);
    }
}

void summarise_json(std::ostream& out, const rp::UsageReportV2& doc) {
    std::map<std::string, std::map<Key, Line>> tenants;
    std::vector<std::string> order;
    for (const rp::TenantUsage& u : doc.tenants) {
        std::string id = u.tenant_uuid.to_string() + " (v1 id " + std::to_string(u.tenant_id) + ")";
        if (!tenants.count(id))
            order.push_back(id);
        add(tenants[id][{u.usage_name, u.edition.value_or("")}], u.range_start.to_string(),
            u.measurement_unit ? std::string(to_string(*u.measurement_unit)) : "", u.absolute_value,
            0, u.value);
    }
    const auto& p = doc.params;
    auto kind = rp::kind_of_number(p.kind);
    auto level = rp::level_of_number(p.report_level);
    out << "json_v2_0: " << doc.tenants.size() << " usages, " << order.size() << " tenants; "
        << (kind ? std::string(to_string(*kind)) : "kind " + std::to_string(p.kind)) << ", "
        << (level ? std::string(to_string(*level)) : "level " + std::to_string(p.report_level))
        << ", for " << p.name << " (group " << p.group_id << ")\n";
    for (const std::string& id : order) {
        out << '\n' << id << '\n';
        print_table(out, tenants[id]);
    }
}

} // namespace

int run_usage(const std::vector<std::string>& args) {
    po::options_description options("usage options");
    options.add_options()("help,h", "show this help")(
        "json", "print the records (csv_v2_0) or the document (json_v2_0) as JSON")(
        "input", po::value<std::string>()->default_value("-"),
        "file to read, - for standard input");
    po::positional_options_description positional;
    positional.add("input", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << "usage: reportkit usage [--json] [FILE|-]\n\n"
                     "Reads a downloaded report file, csv_v2_0 or json_v2_0 (told by its "
                     "content), gzip-compressed or plain.\n\n"
                  << options;
        return exit_read;
    }
    po::notify(vm);

    std::string name = vm["input"].as<std::string>();
    std::ostringstream buffer;
    if (name == "-") {
        buffer << std::cin.rdbuf();
    } else {
        std::ifstream in(name, std::ios::binary);
        if (!in) {
            std::cerr << "reportkit usage: cannot read " << name << '\n';
            return exit_usage;
        }
        buffer << in.rdbuf();
    }
    std::string text = std::move(buffer).str();
    if (reportkit::detail::looks_gzipped(text)) {
        std::string why;
        std::optional<std::string> inflated = reportkit::detail::gunzip(text, why);
        if (!inflated) {
            std::cerr << "reportkit usage: " << name << ": " << why << '\n';
            return exit_usage;
        }
        text = std::move(*inflated);
    }

    Result<rp::UsageFile> file = rp::read_usage_file(text);
    for (const Diagnostic& d : file.diagnostics())
        std::cerr << d << '\n';
    if (!file)
        return exit_invalid;
    if (vm.count("json")) {
        if (file->report)
            std::cout << to_json_string(*file->report, {.indent = 2}) << '\n';
        else
            std::cout << to_json_string(file->records, {.indent = 2}) << '\n';
    } else if (file->report) {
        summarise_json(std::cout, *file->report);
    } else {
        summarise_csv(std::cout, file->records);
    }
    return exit_read;
}

} // namespace reportkit::cli
