// The files behind a `save` report's downloads: deterministic, made-up usage data for the
// report's tenant and period in the stored item's format, and the gzip layer they travel in.
#pragma once

#include <reportkit/reports/report.hpp>

#include <string>
#include <string_view>

namespace reportkit::mock::detail {

// The same report and format always give the same bytes.
std::string synthetic_usage(const reports::Report& report, reports::Format format);

// gzip with a zero modification time, so equal input gives equal output.
std::string gzip(std::string_view data);

} // namespace reportkit::mock::detail
