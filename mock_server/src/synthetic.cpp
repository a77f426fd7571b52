#include "synthetic.hpp"

#include "renderings.hpp"
#include "usage_records.hpp"

#include <reportkit/core/write.hpp>

#include <array>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <zlib.h>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;

namespace {

// In place: zlib's state points back at its z_stream, which must not move.
void start_deflate(z_stream& z) {
    // windowBits 15 + 16: a gzip wrapper; zlib writes a zero mtime when no header is given.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
}

// gzip(data).size(), without holding the output: the same stream, through a small buffer.
std::int64_t gzip_size(std::string_view data) {
    z_stream z{};
    start_deflate(z);
    std::array<Bytef, 64 * 1024> chunk;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = chunk.data();
        z.avail_out = static_cast<uInt>(chunk.size());
        rc = deflate(&z, Z_FINISH);
    }
    auto size = static_cast<std::int64_t>(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish");
    return size;
}

} // namespace

std::string synthetic_usage(const rp::Report& report, rp::Format format, const Timestamp& made_at) {
    Date generated_on = generation_day(report, day_of(made_at));
    UsageData data = usage_data(report, generated_on);
    switch (format) {
    case rp::Format::csv_v2_0:
        return csv_v2_0_file(report, data);
    case rp::Format::json_v2_0:
        return to_json_string(json_v2_0_document(report, data, generated_on)) + "\n";
    case rp::Format::csv:
        return csv_file(report, data);
    case rp::Format::html:
        return html_file(report, data);
    case rp::Format::json_v1:
        return json_v1_file(report, data);
    }
    return {};
}

std::int64_t compressed_size(const rp::Report& report, rp::Format format,
                             const Timestamp& made_at) {
    // Every input of synthetic_usage's bytes (usage_records.cpp and renderings.cpp read only the
    // parameters and the generation day), so that equal keys mean equal files.
    std::string key = std::string(to_string(format)) + ' '
                      + generation_day(report, day_of(made_at)).to_string() + ' '
                      + to_json_string(report.parameters);
    static std::mutex lock;
    static std::unordered_map<std::string, std::int64_t> known;
    constexpr std::size_t most = 4096; // keys of a few hundred bytes: a few MB at most
    {
        std::lock_guard hold(lock);
        if (auto it = known.find(key); it != known.end())
            return it->second;
    }
    // Made outside the lock: two threads may both make one file, and store the same size.
    std::int64_t size = gzip_size(synthetic_usage(report, format, made_at));
    std::lock_guard hold(lock);
    if (known.size() >= most)
        known.clear(); // a new generation: the common sizes are soon back
    known.emplace(std::move(key), size);
    return size;
}

Date day_of(const Timestamp& t) {
    return Date(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t.time())});
}

std::string gzip(std::string_view data) {
    z_stream z{};
    start_deflate(z);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

} // namespace reportkit::mock::detail
