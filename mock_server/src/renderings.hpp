// The report files made from one report's usage records: csv_v2_0 and json_v2_0 as the platform
// writes them, csv and html as tables for people (one per tenant, compute points in hours),
// json_v1 as a flat list.
#pragma once

#include "usage_records.hpp"

#include <reportkit/core/timestamp.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/usage_report_v2.hpp>

#include <string>

namespace reportkit::mock::detail {

std::string csv_v2_0_file(const reports::Report& report, const UsageData& data);

// `generated_on`: the day of params.gen_date (its 00:00:00 UTC).
reports::UsageReportV2 json_v2_0_document(const reports::Report& report, const UsageData& data,
                                          Date generated_on);

std::string csv_file(const reports::Report& report, const UsageData& data);
std::string html_file(const reports::Report& report, const UsageData& data);
std::string json_v1_file(const reports::Report& report, const UsageData& data);

} // namespace reportkit::mock::detail
