#include "usage_records.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <string_view>

#include <boost/uuid/uuid.hpp>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

using Unit = std::optional<rp::MeasurementUnit>;
constexpr Unit bytes = rp::MeasurementUnit::bytes;
constexpr Unit seconds = rp::MeasurementUnit::seconds;
constexpr Unit count = std::nullopt;

// The services and their ids as the platform's files carry them.
struct Service {
    std::string_view name, id;
};
constexpr Service platform{"platform", "7459244f-68f3-3bf4-9f53-5f63ecc1d91f"};
constexpr Service backup{"backup", "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb"};
constexpr Service files_cloud{"files_cloud", "dfd85a5f-a464-32ab-81fd-99bcc66a070f"};
constexpr Service data_shipping{"physical_data_shipping", "b71b2c18-590a-303c-9d5a-8444fbe713ac"};
constexpr Service notary{"notary", "f9c5744e-bd1a-36b6-b0f0-ecd7483e1796"};

// Which infrastructure an item's usage is split over: none, the backup storages (two, so that a
// tenant's storage has two rows to sum), the disaster-recovery site, or one storage per service.
enum class Where { none, backup_storages, dr_site, files_storage, notary_storage };

// The offering items API.md lists per service, with their units and is_range (API.md,
// "csv_v2_0"); `editioned`: the item is sold per edition.
struct Item {
    const Service* service;
    std::string_view name;
    Unit unit;
    bool is_range;
    Where where;
    bool editioned;
};

constexpr std::array<Item, 26> items{{
    {&platform, "euc_count", count, false, Where::none, false},
    {&platform, "reseller_count", count, false, Where::none, false},
    {&backup, "local_storage", bytes, false, Where::none, false},
    {&backup, "euc_with_local_backup_count", count, false, Where::none, false},
    {&backup, "workstations", count, false, Where::none, true},
    {&backup, "servers", count, false, Where::none, true},
    {&backup, "vms", count, false, Where::none, true},
    {&backup, "mobiles", count, false, Where::none, true},
    {&backup, "mailboxes", count, false, Where::none, true},
    {&backup, "websites", count, false, Where::none, true},
    {&backup, "storage", bytes, false, Where::backup_storages, true},
    {&backup, "orphaned_storage", bytes, false, Where::backup_storages, false},
    {&backup, "dr_storage", bytes, false, Where::dr_site, true},
    {&backup, "compute_points", seconds, true, Where::dr_site, true},
    {&backup, "child_storages", count, false, Where::backup_storages, false},
    {&backup, "gsuite_seats", count, false, Where::none, true},
    {&backup, "dr_cloud_servers", count, false, Where::dr_site, true},
    {&backup, "web_hosting_servers", count, false, Where::none, true},
    {&backup, "o365_mailboxes", count, false, Where::none, true},
    {&files_cloud, "fc_seats", count, false, Where::none, false},
    {&files_cloud, "fc_storage", bytes, false, Where::files_storage, false},
    {&files_cloud, "fc_child_storages", count, false, Where::files_storage, false},
    {&data_shipping, "drives_shipped_to_cloud", count, true, Where::none, false},
    {&notary, "notary_storage", bytes, false, Where::notary_storage, false},
    {&notary, "notarizations", count, true, Where::none, false},
    {&notary, "esignatures", count, true, Where::none, false},
}};

struct InfraSite {
    std::string_view id, name, backend_type;
};
constexpr std::array<InfraSite, 2> backup_storages{
    {{"019097a6-114f-4418-bd54-e01ef049f209", "fes-eu3-baas.example.com", ""},
     {"6c3f1e0a-2b7d-4c55-9a64-1d0e8f2a7b31", "azure-westeurope", "azure"}}};
constexpr InfraSite dr_site{"debe7865-fa8d-4c16-8e26-adcf8d7fd23d",
                            "Default disaster recovery infrastructure", ""};
constexpr InfraSite files_storage{"fbc254b9-d8be-4daf-94f6-0253d23b63f0", "betacloud_s3", "s3"};
constexpr InfraSite notary_storage{"3a9d5c47-8e21-4f06-b7c3-52e4a1f09d68", "notary-eu", ""};
// The tenant that owns the infrastructures (a data center's root, above the report's tenant).
constexpr std::string_view infra_owner = "8beef6be-c136-4ef6-a900-0e74c703ddcc";

// Editions a usage_breakdown splits an editioned item into; other kinds report `standard`.
constexpr std::array<std::string_view, 3> breakdown_editions{"standard", "advanced",
                                                             "per_workload"};

// A long period would make a file of megabytes; a year of days is plenty for tests.
constexpr std::size_t max_days = 366;

constexpr std::uint64_t fnv_basis = 0xcbf29ce484222325ull;

std::uint64_t mix(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    h ^= 0xff; // a separator, so ("ab","c") and ("a","bc") differ
    h *= 0x100000001b3ull;
    return h;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

Uuid uuid_of(std::uint64_t a, std::uint64_t b) {
    boost::uuids::uuid u{};
    for (int i = 0; i < 8; ++i) {
        u.data[i] = static_cast<std::uint8_t>(a >> (8 * i));
        u.data[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
    }
    u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0f) | 0x40);
    u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3f) | 0x80);
    return Uuid(u);
}

Uuid known(std::string_view text) {
    return *Uuid::parse(text);
}

// The tree under the report's tenant: two partners and two customers below it, each partner
// with one partner and two customers of its own, three levels deep.
struct Node {
    TenantNode tenant;
    int depth;
};

std::vector<Node> tree_of(const rp::Report& report) {
    const Uuid& root_id = report.parameters.tenant_id;
    std::uint64_t root_hash = mix(fnv_basis, root_id.to_string());
    auto v1 = [](std::uint64_t h) { return static_cast<std::int64_t>(1000 + h % 9'000'000); };
    std::vector<Node> out{{{root_id, "Partner " + root_id.to_string().substr(0, 8),
                            rp::TenantKind::partner, v1(root_hash), false},
                           0}};
    auto add_children = [&](auto& self, std::size_t parent, int depth, int partners,
                            int customers) -> void {
        if (depth > 3)
            return;
        std::string prefix =
            depth == 1
                ? std::string()
                : out[parent].tenant.name.substr(out[parent].tenant.name.find(' ') + 1) + ".";
        for (int i = 1; i <= partners + customers; ++i) {
            bool partner = i <= partners;
            int number = partner ? i : i - partners;
            std::uint64_t h = mix(mix(root_hash, out[parent].tenant.id.to_string()),
                                  static_cast<std::uint64_t>(i));
            TenantNode t{uuid_of(h, mix(h, std::uint64_t{1})),
                         std::string(partner ? "Partner " : "Customer ") + prefix
                             + std::to_string(number),
                         partner ? rp::TenantKind::partner : rp::TenantKind::customer, v1(h),
                         // Some customers are still trying the service out.
                         !partner && h % 3 == 0};
            out.push_back({std::move(t), depth});
            if (partner)
                self(self, out.size() - 1, depth + 1, 1, 2);
        }
    };
    add_children(add_children, 0, 1, 2, 2);
    return out;
}

// The tenants the level covers (API.md's decision), the report's tenant first.
std::vector<TenantNode> tenants_of(const rp::Report& report) {
    std::vector<TenantNode> out;
    for (const Node& n : tree_of(report)) {
        bool covered = [&] {
            if (n.depth == 0)
                return true;
            switch (report.parameters.level) {
            case rp::Level::itself:
                return false;
            case rp::Level::direct_partners:
                return n.depth == 1;
            case rp::Level::all_partners:
                return n.tenant.kind == rp::TenantKind::partner;
            case rp::Level::all_customers:
            case rp::Level::accounts:
                return true;
            }
            return false;
        }();
        if (covered)
            out.push_back(n.tenant);
    }
    return out;
}

Date day_before(Date d) {
    return Date(std::chrono::year_month_day{d.sys_days() - std::chrono::days{1}});
}

// usage_current: the day before generation; usage_daily and usage_breakdown: each day of the
// period; usage_summary: the period's last day (its deltas span the period). Without a period
// every kind reports the day before generation.
std::vector<Date> days_of(const rp::Report& report, Date generated_on) {
    const auto& p = report.parameters;
    if (!p.period || p.kind == rp::Kind::usage_current)
        return {day_before(generated_on)};
    if (p.kind == rp::Kind::usage_summary)
        return {p.period->end};
    std::vector<Date> out;
    for (auto d = p.period->start.sys_days();
         d <= p.period->end.sys_days() && out.size() < max_days; d += std::chrono::days{1})
        out.push_back(Date(std::chrono::year_month_day{d}));
    return out;
}

// One usage series: a tenant's item (on one infrastructure, in one edition).
struct Series {
    std::uint64_t hash;
    const Item* item;
    bool zero; // the tenant does not use the item at all
};

double unit_scale(const Item& item) {
    if (item.unit == bytes)
        return 1024.0 * 1024 * 1024; // whole GiB: storage comes in binary multiples
    if (item.unit == seconds)
        return 60; // whole minutes of compute
    return 1;
}

std::uint64_t day_number(Date d) {
    return static_cast<std::uint64_t>(d.sys_days().time_since_epoch().count() + 1'000'000);
}

// What a range item (compute points, shipped drives, notarizations, e-signatures) used on a day.
double used_on(const Series& s, Date d) {
    return static_cast<double>(mix(s.hash, day_number(d)) % 4) * unit_scale(*s.item);
}

// The value of a series on a day. A count or a size wanders up and down day by day; a range
// item counts what was used since the start of the month, its billing period.
double absolute_on(const Series& s, Date d) {
    if (s.zero)
        return 0;
    if (!s.item->is_range) {
        std::uint64_t base = s.hash % 40;
        std::uint64_t wobble = mix(s.hash, day_number(d)) % 5;
        return static_cast<double>(base + wobble) * unit_scale(*s.item);
    }
    auto ymd = std::chrono::year_month_day{d.sys_days()};
    double sum = 0;
    for (auto day = std::chrono::sys_days(ymd.year() / ymd.month() / 1); day <= d.sys_days();
         day += std::chrono::days{1})
        sum += used_on(s, Date(std::chrono::year_month_day{day}));
    return sum;
}

// The change after `from_exclusive` up to `to`: of the value for a count or a size, what was
// used in those days for a range item (across month starts).
double delta_over(const Series& s, Date from_exclusive, Date to) {
    if (s.zero)
        return 0;
    if (!s.item->is_range)
        return absolute_on(s, to) - absolute_on(s, from_exclusive);
    double sum = 0;
    for (auto day = from_exclusive.sys_days() + std::chrono::days{1}; day <= to.sys_days();
         day += std::chrono::days{1})
        sum += used_on(s, Date(std::chrono::year_month_day{day}));
    return sum;
}

rp::UsageValues split(double total, bool trial) {
    return trial ? rp::UsageValues{0, total, total} : rp::UsageValues{total, total, 0};
}

std::string sku_of(const Item& item, std::string_view edition) {
    std::string sku = "RK-";
    for (char c : item.name)
        sku += c == '_' ? '-' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (!edition.empty()) {
        sku += '-';
        for (char c : edition)
            sku += c == '_' ? '-' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return sku;
}

std::vector<const InfraSite*> sites_of(Where w) {
    switch (w) {
    case Where::none:
        return {nullptr};
    case Where::backup_storages:
        return {&backup_storages[0], &backup_storages[1]};
    case Where::dr_site:
        return {&dr_site};
    case Where::files_storage:
        return {&files_storage};
    case Where::notary_storage:
        return {&notary_storage};
    }
    return {nullptr};
}

bool all_zero(const rp::Usage& u) {
    for (const rp::UsageValues* v : {&u.absolute, &u.delta, &u.effective})
        if (v->production != 0 || v->total != 0 || v->trial != 0)
            return false;
    return true;
}

} // namespace

Date generation_day(const rp::Report& report, Date made_on) {
    return report.generation_date.value_or(made_on);
}

UsageData usage_data(const rp::Report& report, Date generated_on) {
    const auto& p = report.parameters;
    UsageData data{tenants_of(report), days_of(report, generated_on), {}};
    bool summary = p.kind == rp::Kind::usage_summary && p.period;
    bool hide_zero = p.hide_zero_usage && bool(*p.hide_zero_usage);
    bool skus = p.show_skus && bool(*p.show_skus);
    // A year of days for a large tree is hundreds of thousands of records: room for them all
    // at once, not doubled and moved over and again.
    std::size_t per_tenant_day = 0;
    for (const Item& item : items)
        per_tenant_day +=
            sites_of(item.where).size()
            * (item.editioned && p.kind == rp::Kind::usage_breakdown ? breakdown_editions.size()
                                                                     : 1);
    data.records.reserve(data.days.size() * data.tenants.size() * per_tenant_day);
    for (const Date& day : data.days)
        for (const TenantNode& t : data.tenants)
            for (const Item& item : items) {
                std::vector<std::string_view> editions{""};
                if (item.editioned)
                    editions = p.kind == rp::Kind::usage_breakdown
                                   ? std::vector<std::string_view>(breakdown_editions.begin(),
                                                                   breakdown_editions.end())
                                   : std::vector<std::string_view>{"standard"};
                for (const InfraSite* site : sites_of(item.where))
                    for (std::string_view edition : editions) {
                        std::uint64_t h = mix(mix(mix(mix(fnv_basis, t.id.to_string()), item.name),
                                                  site ? site->id : ""),
                                              edition);
                        // About one series in four is unused, so hide_zero_usage has rows to
                        // leave out.
                        Series s{h, &item, h % 4 == 0};
                        Date from = summary ? day_before(p.period->start) : day_before(day);
                        double absolute = absolute_on(s, day);
                        double delta = delta_over(s, from, day);
                        rp::UsageRecord r{};
                        r.application = {known(item.service->id), std::string(item.service->name)};
                        r.date = day;
                        if (site) {
                            if (!site->backend_type.empty())
                                r.infra.backend_type = std::string(site->backend_type);
                            r.infra.id = known(site->id);
                            r.infra.name = std::string(site->name);
                            r.infra.owner_id = known(infra_owner);
                        }
                        r.is_range = item.is_range;
                        r.measurement_unit = item.unit;
                        r.name = std::string(item.name);
                        // Quotas on the editioned items of customers, when set at all.
                        if (item.editioned && t.kind == rp::TenantKind::customer && h % 3 == 1)
                            r.quota.value = static_cast<double>(50 + h % 50) * unit_scale(item);
                        r.tenant = {t.kind == rp::TenantKind::customer
                                        ? std::optional<std::string>("C-" + std::to_string(t.v1_id))
                                        : std::nullopt,
                                    t.id, t.kind, t.name};
                        r.usage.absolute = split(absolute, t.trial);
                        r.usage.delta = split(delta, t.trial);
                        r.usage.effective = split(absolute, t.trial);
                        if (!edition.empty())
                            r.edition = std::string(edition);
                        if (skus)
                            r.sku = sku_of(item, edition);
                        if (hide_zero && all_zero(r.usage))
                            continue;
                        data.records.push_back(std::move(r));
                    }
            }
    return data;
}

} // namespace reportkit::mock::detail
