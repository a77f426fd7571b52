// UsageRecord: one row of a `csv_v2_0` report file (API.md, "Report files"). The 29 columns are
// the leaves of these nested structs in the platform's order; a dotted column name is the path
// of members (`usage.delta.total` is UsageRecord::usage -> Usage::delta -> UsageValues::total),
// so rk::from_csv / rk::to_csv (core/csv.hpp) read and write the file from this declaration,
// and rk::from_json / rk::to_json_string give the same records as JSON.
//
// Types are as strict as the platform and no stricter: enums only where API.md lists a closed
// set (tenant.kind, measurement_unit), numbers as double since usage and prices may have
// fractions, strings where the platform adds values over time (application and offering-item
// names, editions).
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/define_struct.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/uuid.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace reportkit::reports {

// `root` appears in the platform's tenant tree above the partners.
REPORTKIT_ENUM(TenantKind, partner, customer, folder, unit, root);

// Storage in bytes, disaster-recovery compute points in seconds; empty (absent) for counts.
REPORTKIT_ENUM(MeasurementUnit, bytes, seconds);

// The services API.md names. `application.name` is read as a string, not an enum of these: the
// platform adds services, and a reader that refused a new one would fail its users' files for a
// column they may not even use. The mock writes only these.
inline constexpr std::array<std::string_view, 5> known_application_names{
    "platform", "backup", "files_cloud", "physical_data_shipping", "notary"};

struct Application {
    REPORTKIT_DEFINE_STRUCT(Application, (Uuid, id), (std::string, name));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The service (application) the item belongs to.",
            describe(&Application::id, "UUID of the service; never empty."),
            describe(&Application::name,
                     "Service name: platform, backup, files_cloud, physical_data_shipping, "
                     "notary, or one the platform adds."));
    }
};

// The storage or infrastructure of an infrastructure item; every field empty for other items.
struct Infra {
    REPORTKIT_DEFINE_STRUCT(Infra, (std::optional<std::string>, backend_type),
                            (std::optional<Uuid>, id), (std::optional<std::string>, name),
                            (std::optional<Uuid>, owner_id));

    // An infrastructure is named by all three or not at all; its backend type may be empty
    // either way (the platform's own files leave it empty beside a named storage).
    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(present_together(&Infra::id, &Infra::name, &Infra::owner_id));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The storage or infrastructure of an infrastructure item; empty otherwise.",
            describe(&Infra::backend_type, "Storage backend type; may be empty."),
            describe(&Infra::id, "UUID of the storage or infrastructure."),
            describe(&Infra::name, "Its name."),
            describe(&Infra::owner_id, "UUID of the tenant owning it."));
    }
};

struct Pricing {
    REPORTKIT_DEFINE_STRUCT(Pricing, (std::optional<std::string>, currency),
                            (std::optional<std::string>, mode), (std::optional<double>, price),
                            (std::optional<double>, total_cost));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions("Pricing of the item; empty when the tenant has none.",
                                       describe(&Pricing::currency, "Currency of the price."),
                                       describe(&Pricing::mode, "Pricing mode."),
                                       describe(&Pricing::price, "Price per unit."),
                                       describe(&Pricing::total_cost, "Total cost of the usage."));
    }
};

struct Quota {
    REPORTKIT_DEFINE_STRUCT(Quota, (std::optional<double>, value));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions("The item's soft quota.",
                                       describe(&Quota::value, "The quota; may be empty."));
    }
};

struct Tenant {
    REPORTKIT_DEFINE_STRUCT(Tenant, (std::optional<std::string>, customer_id), (Uuid, id),
                            (TenantKind, kind), (std::string, name));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The tenant the usage is of.",
            describe(&Tenant::customer_id, "The tenant's external id; may be empty."),
            describe(&Tenant::id, "UUID of the tenant; never empty."),
            describe(&Tenant::kind, "partner, customer, folder, unit or root."),
            describe(&Tenant::name, "The tenant's latest name within the period."));
    }
};

// One axis of usage: production (tenants in production pricing mode), trial, and their total.
struct UsageValues {
    REPORTKIT_DEFINE_STRUCT(UsageValues, (double, production), (double, total), (double, trial));

    // A warning, not an error: the figures are the platform's, and a consumer is better served
    // by the file and a note than by no file.
    template <class = void>
    static constexpr auto rules() {
        return reportkit::rules(
            sum_of(&UsageValues::total, &UsageValues::production, &UsageValues::trial));
    }

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "Usage on one axis; total = production + trial.",
            describe(&UsageValues::production, "Usage of tenants in production mode."),
            describe(&UsageValues::total, "production + trial."),
            describe(&UsageValues::trial, "Usage of tenants in trial mode."));
    }
};

struct Usage {
    REPORTKIT_DEFINE_STRUCT(Usage, (UsageValues, absolute), (UsageValues, delta),
                            (UsageValues, effective));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "The usage figures.", describe(&Usage::absolute, "The value on the row's date."),
            describe(&Usage::delta, "The change over the day or period; may be negative."),
            describe(&Usage::effective, "The billable value within the tenant's billing period."));
    }
};

struct UsageRecord {
    REPORTKIT_DEFINE_STRUCT(UsageRecord, (Application, application), (Date, date), (Infra, infra),
                            (bool, is_range), (std::optional<MeasurementUnit>, measurement_unit),
                            (std::string, name), (Pricing, pricing), (Quota, quota),
                            (Tenant, tenant), (Usage, usage), (std::optional<std::string>, edition),
                            (std::optional<std::string>, sku));

    template <class = void>
    static constexpr auto descriptions() {
        return reportkit::descriptions(
            "One row of a csv_v2_0 report file: one tenant, application and offering item (and "
            "infrastructure and edition) on one day.",
            describe(&UsageRecord::application, "The service."),
            describe(&UsageRecord::date, "The day the figures are for."),
            describe(&UsageRecord::infra, "The infrastructure of an infrastructure item."),
            describe(&UsageRecord::is_range,
                     "True for items counted over a range (compute_points, "
                     "drives_shipped_to_cloud, notarizations, esignatures)."),
            describe(&UsageRecord::measurement_unit, "bytes, seconds, or absent for counts."),
            describe(&UsageRecord::name, "Offering-item name (storage, workstations, ...)."),
            describe(&UsageRecord::pricing, "Pricing of the item."),
            describe(&UsageRecord::quota, "The item's soft quota."),
            describe(&UsageRecord::tenant, "The tenant."),
            describe(&UsageRecord::usage, "The usage figures."),
            describe(&UsageRecord::edition, "Edition of the item; absent for items without one."),
            describe(&UsageRecord::sku,
                     "The item's SKU: a column only in reports with show_skus (decision)."));
    }
};

} // namespace reportkit::reports
