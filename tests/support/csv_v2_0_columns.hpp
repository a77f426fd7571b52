// The contract of a csv_v2_0 file: API.md's 29 columns, in the order the platform writes them,
// written out once for every test that checks a header against it.
#pragma once

#include <string>
#include <vector>

namespace reportkit::testing {

inline const std::vector<std::string> csv_v2_0_columns{
    "application.id",
    "application.name",
    "date",
    "infra.backend_type",
    "infra.id",
    "infra.name",
    "infra.owner_id",
    "is_range",
    "measurement_unit",
    "name",
    "pricing.currency",
    "pricing.mode",
    "pricing.price",
    "pricing.total_cost",
    "quota.value",
    "tenant.customer_id",
    "tenant.id",
    "tenant.kind",
    "tenant.name",
    "usage.absolute.production",
    "usage.absolute.total",
    "usage.absolute.trial",
    "usage.delta.production",
    "usage.delta.total",
    "usage.delta.trial",
    "usage.effective.production",
    "usage.effective.total",
    "usage.effective.trial",
    "edition",
};

} // namespace reportkit::testing
