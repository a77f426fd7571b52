// A csv_v2_0 file of any length for the benchmarks: the rows of the platform's sample, for
// ever more tenants and days, with usage figures that have fractions and add up.
#pragma once

#include <reportkit/core/csv.hpp>
#include <reportkit/core/csv_write.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace reportkit::bench {

inline std::vector<reports::UsageRecord> usage_records(std::size_t rows) {
    std::ifstream in(REPORTKIT_SOURCE_DIR "/tests/data/csv_v2_0-sample.csv", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto sample = from_csv<reports::UsageRecord>(text.str()).value();
    std::vector<reports::UsageRecord> out;
    out.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        reports::UsageRecord r = sample[i % sample.size()];
        char id[48];
        std::snprintf(id, sizeof id, "%08x-50dd-4557-ae6d-f687946821d4",
                      static_cast<unsigned>(i / sample.size()));
        r.tenant.id = *Uuid::parse(id);
        r.tenant.name = "Tenant " + std::to_string(i / sample.size());
        r.date =
            Date(2020, 1 + static_cast<unsigned>(i / 28 % 12), 1 + static_cast<unsigned>(i % 28));
        auto axis = [&](double scale) {
            reports::UsageValues v{};
            v.production =
                static_cast<double>(i % 1000) * scale + 0.25 * static_cast<double>(i % 4);
            v.trial = static_cast<double>(i % 7);
            v.total = v.production + v.trial;
            return v;
        };
        r.usage.absolute = axis(1073741824.0);
        r.usage.delta = axis(-1.5);
        r.usage.effective = axis(3.0);
        out.push_back(std::move(r));
    }
    return out;
}

// API.md's 29 columns: every column of UsageRecord but `sku`.
inline CsvWriteOptions csv_v2_0_options() {
    auto columns = csv_columns<reports::UsageRecord>();
    columns.pop_back();
    return {.columns = columns};
}

} // namespace reportkit::bench
