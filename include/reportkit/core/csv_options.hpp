// Options of the CSV reader and writer (core/csv.hpp, core/csv_write.hpp): plain aggregates,
// defaults after the conventions of API.md's `csv_v2_0` files.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/diagnostic.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit {

struct CsvReadOptions {
    std::optional<Date> today{}; // clock for not_in_future; empty: UTC today
    // A column the row type does not declare: the platform adds columns (e.g. `sku`), so by
    // default a warning, once, at the header. Severity::error refuses such files.
    Severity unknown_columns = Severity::warning;
    std::string_view true_text = "True"; // how booleans are spelled
    std::string_view false_text = "False";
    std::size_t max_field_bytes = std::size_t{1} << 20; // a longer field is `too_large`
    // A longer record is `too_large` and skipped; it bounds the buffer of a streamed input
    // (which grows from `buffer_bytes` only for a record that does not fit).
    std::size_t max_record_bytes = std::size_t{4} << 20;
    std::size_t buffer_bytes = std::size_t{64} << 10;
    // from_csv and for_each_csv_row keep this many diagnostics, then one `too_many`.
    std::size_t max_diagnostics = 1000;
};

struct CsvWriteOptions {
    // The columns to write, by dotted name, in this order; empty: every column of the row type
    // in declaration order. (A csv_v2_0 file without SKUs leaves out `sku`.)
    std::vector<std::string> columns{};
    std::string_view true_text = "True";
    std::string_view false_text = "False";
    std::string_view line_end = "\r\n";
};

} // namespace reportkit
