// Reading a downloaded report file: csv_v2_0 or json_v2_0, told apart by its content (a JSON
// document starts with `{`; a csv_v2_0 file with its header line).
//
//     rk::Result<rp::UsageFile> file = rp::read_usage_file(text);
//     if (file) for (const rp::UsageRecord& r : file->records) ...   // csv_v2_0
#pragma once

#include <reportkit/core/csv.hpp>
#include <reportkit/core/read.hpp>
#include <reportkit/reports/enums.hpp>
#include <reportkit/reports/usage_record.hpp>
#include <reportkit/reports/usage_report_v2.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportkit::reports {

struct UsageFile {
    Format format = Format::csv_v2_0;      // csv_v2_0 or json_v2_0
    std::vector<UsageRecord> records{};    // csv_v2_0: its rows
    std::optional<UsageReportV2> report{}; // json_v2_0: the document
};

// json_v2_0 when the first byte that is not white space is `{`, else csv_v2_0.
inline Format usage_file_format(std::string_view text) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{' ? Format::json_v2_0
                                                                 : Format::csv_v2_0;
}

// How report files are read: columns and keys the declarations do not know are warnings (the
// platform adds them, e.g. `sku`), everything else as strict as the JSON payloads.
inline CsvReadOptions usage_csv_options() {
    return CsvReadOptions{};
}
// A json_v2_0 file has an object per csv_v2_0 row: tens of MiB for a month of a large tenant,
// so its limit is that of a file, not of a request body.
inline ReadOptions usage_json_options() {
    ReadOptions options;
    options.unknown_keys = Severity::warning;
    options.max_bytes = std::size_t{1} << 30;
    return options;
}

// Every record of the file, or every problem in it (CSV: line and column; JSON: pointer).
// A template only so that a unit including this header but never reading a file does not
// compile the CSV and usage-file readers (they were a tenth of such a unit's compile time).
template <class = void>
Result<UsageFile> read_usage_file(std::string_view text) {
    UsageFile file;
    file.format = usage_file_format(text);
    if (file.format == Format::json_v2_0) {
        Result<UsageReportV2> doc = from_json<UsageReportV2>(text, usage_json_options());
        if (!doc)
            return Result<UsageFile>(doc.diagnostics());
        file.report = std::move(*doc);
        return Result<UsageFile>(std::move(file), doc.diagnostics());
    }
    Result<std::vector<UsageRecord>> rows = from_csv<UsageRecord>(text, usage_csv_options());
    if (!rows)
        return Result<UsageFile>(rows.diagnostics());
    file.records = std::move(*rows);
    return Result<UsageFile>(std::move(file), rows.diagnostics());
}

} // namespace reportkit::reports
