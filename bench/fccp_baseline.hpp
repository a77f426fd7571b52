// The baseline of the CSV read: Debian's fast-cpp-csv-parser (libfccp-dev) reading a csv_v2_0
// file into the same UsageRecord, converting each field without any rule or diagnostic.
#pragma once

#include <reportkit/reports/usage_record.hpp>

#include <functional>
#include <string>

namespace reportkit::bench {

// Calls f for each row; the parser's reading thread is compiled out (CSV_IO_NO_THREAD), so the
// CPU time measured is all of its work, as it is for reportkit.
std::size_t read_usage_fccp(const std::string& text,
                            const std::function<void(const reports::UsageRecord&)>& f);

} // namespace reportkit::bench
