// The files behind a `save` report's downloads: the report's usage records (usage_records.hpp)
// in the stored item's format (renderings.hpp), and the gzip layer they travel in.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/reports/report.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace reportkit::mock::detail {

// The file of `format` for `report`, made at `made_at` (a stored item's created_at). Only the
// day of `made_at` counts (usage_current reports the day before it, json_v2_0's gen_date is its
// 00:00:00 UTC), so the same report and day always give the same bytes.
std::string synthetic_usage(const reports::Report& report, reports::Format format,
                            const Timestamp& made_at);

// The compressed size of that file: gzip(synthetic_usage(...)).size(), the `size` a stored item
// shows. Making a large file (a daily report over years) takes seconds, and the same report is
// created again and again (a client's retries, a test suite's fixtures, a schedule's runs), so
// the sizes are remembered per what the bytes depend on: the report's parameters, the
// generation day and the format. Thread-safe; the memory is bounded.
std::int64_t compressed_size(const reports::Report& report, reports::Format format,
                             const Timestamp& made_at);

// The UTC day of a timestamp.
Date day_of(const Timestamp& t);

// gzip with a zero modification time, so equal input gives equal output.
std::string gzip(std::string_view data);

} // namespace reportkit::mock::detail
