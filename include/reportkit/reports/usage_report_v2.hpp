// UsageReportV2: a `json_v2_0` report file (API.md, "json_v2_0"): `params` about the report and
// `tenants`, one tenant service usage object per csv_v2_0 row of the same report.
#pragma once

#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/reports/enums.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reportkit::reports {

// The numbers json_v2_0 writes for a kind (4 daily, 5 summary, 8 current; 6 breakdown is a
// decision) and a level (1 direct_partners, 2 all_customers, 3 accounts, 4 all_partners; 0
// itself is a decision).
constexpr std::int64_t kind_number(Kind k) {
    switch (k) {
    case Kind::usage_daily:
        return 4;
    case Kind::usage_summary:
        return 5;
    case Kind::usage_breakdown:
        return 6;
    case Kind::usage_current:
        return 8;
    }
    return 0;
}

constexpr std::int64_t level_number(Level l) {
    switch (l) {
    case Level::itself:
        return 0;
    case Level::direct_partners:
        return 1;
    case Level::all_customers:
        return 2;
    case Level::accounts:
        return 3;
    case Level::all_partners:
        return 4;
    }
    return -1;
}

// The kind or level a number stands for; nullopt for a number json_v2_0 does not use.
constexpr std::optional<Kind> kind_of_number(std::int64_t n) {
    for (Kind k :
         {Kind::usage_daily, Kind::usage_summary, Kind::usage_current, Kind::usage_breakdown})
        if (kind_number(k) == n)
            return k;
    return std::nullopt;
}

constexpr std::optional<Level> level_of_number(std::int64_t n) {
    for (Level l : {Level::direct_partners, Level::all_partners, Level::all_customers,
                    Level::accounts, Level::itself})
        if (level_number(l) == n)
            return l;
    return std::nullopt;
}

struct UsageReportParams {
    REPORTKIT_DEFINE_STRUCT(UsageReportParams, (std::int64_t, kind), (std::int64_t, gen_date),
                            (std::int64_t, begin_date), (std::int64_t, end_date),
                            (std::int64_t, group_id), (std::string, name),
                            (std::int64_t, report_level), (std::int64_t, report_type));

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(minimum(&UsageReportParams::kind, 0),
                                minimum(&UsageReportParams::report_level, 0),
                                minimum(&UsageReportParams::report_type, 0));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "What the report is: its kind, period, tenant and level.",
            describe(&UsageReportParams::kind,
                     "The kind as a number: 4 daily, 5 summary, 6 breakdown, 8 current."),
            describe(&UsageReportParams::gen_date, "When the file was generated, UNIX seconds."),
            describe(&UsageReportParams::begin_date,
                     "00:00:00 UTC of the period's first day, UNIX seconds."),
            describe(&UsageReportParams::end_date,
                     "23:59:59 UTC of the period's last day, UNIX seconds."),
            describe(&UsageReportParams::group_id, "The tenant's API v1 integer id."),
            describe(&UsageReportParams::name, "The tenant's name."),
            describe(&UsageReportParams::report_level,
                     "The level as a number: 0 itself, 1 direct_partners, 2 all_customers, 3 "
                     "accounts, 4 all_partners."),
            describe(&UsageReportParams::report_type, "The kind's number again."));
    }
};

REPORTKIT_ENUM(UsageType, count, feature, infra);

struct OfferingQuota {
    REPORTKIT_DEFINE_STRUCT(OfferingQuota, (std::optional<double>, value),
                            (std::optional<double>, overage), (std::int64_t, version));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The offering item's quota.", describe(&OfferingQuota::value, "Soft quota."),
            describe(&OfferingQuota::overage, "Allowed overage above the quota."),
            describe(&OfferingQuota::version, "Version of the quota."));
    }
};

struct OfferingItem {
    REPORTKIT_DEFINE_STRUCT(OfferingItem, (std::optional<OfferingQuota>, quota),
                            (std::int64_t, status));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The tenant's offering item for this usage.",
            describe(&OfferingItem::quota, "Its quota."),
            describe(&OfferingItem::status, "1 when the item is enabled for the tenant, else 0."));
    }
};

// A "tenant service usage object" of the platform's usages API.
struct TenantUsage {
    REPORTKIT_DEFINE_STRUCT(TenantUsage, (Uuid, tenant_uuid), (std::int64_t, tenant_id),
                            (Uuid, application_id), (std::optional<std::string>, edition),
                            (std::string, name), (std::string, usage_name), (UsageType, type),
                            (std::optional<Uuid>, infra_id),
                            (std::optional<MeasurementUnit>, measurement_unit),
                            (std::optional<OfferingItem>, offering_item), (Timestamp, range_start),
                            (double, value), (double, absolute_value));

    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(
            required_if(&TenantUsage::infra_id, is(&TenantUsage::type, UsageType::infra)),
            forbidden_unless(&TenantUsage::infra_id, is(&TenantUsage::type, UsageType::infra)));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "One usage of one tenant: one csv_v2_0 row of the same report (decision).",
            describe(&TenantUsage::tenant_uuid, "UUID of the tenant."),
            describe(&TenantUsage::tenant_id, "The tenant's API v1 integer id."),
            describe(&TenantUsage::application_id, "UUID of the service."),
            describe(&TenantUsage::edition, "Edition of the item; absent for items without one."),
            describe(&TenantUsage::name, "Offering-item name with the edition prefix."),
            describe(&TenantUsage::usage_name, "Offering-item name."),
            describe(&TenantUsage::type, "count, feature or infra."),
            describe(&TenantUsage::infra_id, "UUID of the infrastructure; infra items only."),
            describe(&TenantUsage::measurement_unit, "bytes, seconds, or absent for counts."),
            describe(&TenantUsage::offering_item, "The tenant's offering item, when one exists."),
            describe(&TenantUsage::range_start, "Start of the range `value` counts from."),
            describe(&TenantUsage::value, "Usage since range_start (usage.effective.total)."),
            describe(&TenantUsage::absolute_value, "Accumulated usage (usage.absolute.total)."));
    }
};

struct UsageReportV2 {
    REPORTKIT_DEFINE_STRUCT(UsageReportV2, (UsageReportParams, params),
                            (std::vector<TenantUsage>, tenants));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "A json_v2_0 report file.", describe(&UsageReportV2::params, "What the report is."),
            describe(&UsageReportV2::tenants, "One usage object per csv_v2_0 row."));
    }
};

} // namespace reportkit::reports
