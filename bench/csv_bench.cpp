// The CSV benchmarks of issue 14, on a 100,000-row csv_v2_0 file made in memory: reading it into
// UsageRecords with every rule against fast-cpp-csv-parser reading it into the same struct with
// no rule, writing it, and the heap that streaming it holds at its peak.
#include "csv_bench.hpp"

#include "counting_new.hpp"
#include "fccp_baseline.hpp"
#include "usage_file.hpp"

#include <reportkit/core/csv.hpp>
#include <reportkit/core/csv_write.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace reportkit::bench {

namespace {

constexpr std::size_t file_rows = 100'000;

struct UsageFile {
    std::vector<reports::UsageRecord> records = usage_records(file_rows);
    std::string text = [&] {
        std::string out;
        to_csv<reports::UsageRecord>(records, out, csv_v2_0_options());
        return out;
    }();
};

const UsageFile& usage_file() {
    static const UsageFile file;
    return file;
}

void read_reportkit(benchmark::State& state) {
    const std::string& text = usage_file().text;
    for (auto _ : state) {
        double sum = 0;
        CsvReader<reports::UsageRecord> reader{std::string_view(text)};
        auto summary = for_each_csv_row(
            reader, [&](const reports::UsageRecord& r) { sum += r.usage.effective.total; });
        if (summary.rows != file_rows || !summary.valid())
            throw std::runtime_error("the benchmark's file does not read");
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void read_fccp(benchmark::State& state) {
    const std::string& text = usage_file().text;
    for (auto _ : state) {
        double sum = 0;
        std::size_t rows = read_usage_fccp(
            text, [&](const reports::UsageRecord& r) { sum += r.usage.effective.total; });
        if (rows != file_rows)
            throw std::runtime_error("fast-cpp-csv-parser does not read the file");
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void write_reportkit(benchmark::State& state) {
    const UsageFile& file = usage_file();
    const CsvWriteOptions options = csv_v2_0_options();
    std::string out;
    for (auto _ : state) {
        out.clear();
        to_csv<reports::UsageRecord>(file.records, out, options);
        benchmark::DoNotOptimize(out.data());
    }
    if (out != file.text)
        throw std::runtime_error("writing does not give the file back");
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
}

// The file streamed through the reader a 64 KiB read at a time, as from a file or a socket:
// the most heap it holds at once, next to one row's size (the struct and the heap blocks of its
// strings) and the I/O buffer.
void stream_memory(benchmark::State& state) {
    const UsageFile& file = usage_file();
    constexpr std::size_t buffer = 64 << 10;
    std::size_t row_bytes = 0;
    for (const auto& r : file.records) {
        std::size_t before = heap_live_bytes();
        auto copy = std::make_unique<reports::UsageRecord>(r);
        row_bytes = std::max(row_bytes, heap_live_bytes() - before);
        benchmark::DoNotOptimize(copy.get());
    }
    std::size_t peak = 0;
    for (auto _ : state) {
        std::size_t at = 0;
        std::size_t before = heap_live_bytes();
        reset_heap_peak();
        {
            CsvReader<reports::UsageRecord> reader{[&](char* out, std::size_t n) {
                                                       n = std::min(n, file.text.size() - at);
                                                       std::memcpy(out, file.text.data() + at, n);
                                                       at += n;
                                                       return n;
                                                   },
                                                   {.buffer_bytes = buffer}};
            auto summary = for_each_csv_row(reader, [](const reports::UsageRecord&) {});
            if (summary.rows != file_rows)
                throw std::runtime_error("the streamed file does not read");
        }
        peak = heap_peak_bytes() - before;
    }
    state.counters["peak_heap_bytes"] = static_cast<double>(peak);
    state.counters["row_bytes"] = static_cast<double>(row_bytes);
    state.counters["buffer_bytes"] = static_cast<double>(buffer);
    state.counters["file_bytes"] = static_cast<double>(file.text.size());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file.text.size()));
}

} // namespace

void register_csv_benchmarks() {
    benchmark::RegisterBenchmark("read_usage_csv/reportkit", &read_reportkit)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("read_usage_csv/fccp", &read_fccp)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("write_usage_csv/reportkit", &write_reportkit)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("stream_usage_csv/reportkit", &stream_memory)
        ->Unit(benchmark::kMillisecond);
}

} // namespace reportkit::bench
