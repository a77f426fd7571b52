// The usage records behind every file of a `save` report: one set per report, made from the
// report's parameters and the day its files are generated, so that the csv_v2_0, json_v2_0,
// csv, html and json_v1 files of one report tell the same figures.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace reportkit::mock::detail {

// A tenant of the report's tree: the report's tenant and the tenants under it that its level
// covers. `v1_id` is the tenant's API v1 integer id (json_v2_0's tenant_id and group_id).
struct TenantNode {
    Uuid id;
    std::string name;
    reports::TenantKind kind;
    std::int64_t v1_id;
    bool trial; // in trial pricing mode: its usage counts as trial, not production
};

struct UsageData {
    std::vector<TenantNode> tenants; // the report's tenant first
    std::vector<Date> days;          // the days the rows are for
    std::vector<reports::UsageRecord> records;
};

// The day the report's files are generated: its generation_date, else the day they are made.
Date generation_day(const reports::Report& report, Date made_on);

// The same report and generation day always give the same records (the report's id does not
// count: a file's size is computed before the id is drawn).
UsageData usage_data(const reports::Report& report, Date generated_on);

} // namespace reportkit::mock::detail
