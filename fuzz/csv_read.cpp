// libFuzzer target: the CSV reader on any bytes, read as UsageRecord rows (csv_v2_0).
// - it never crashes, and a rejection names at least one error, each with its line and column;
// - reading the text in place and streaming it in small chunks find the same rows and the
//   same diagnostics (the chunk size comes from the input's first byte);
// - what it accepts writes out as CSV that reads back to the same text.
#include <reportkit/core/csv.hpp>
#include <reportkit/core/csv_write.hpp>
#include <reportkit/reports/usage_record.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

const rk::CsvReadOptions options{.today = rk::Date(2024, 6, 30),
                                 .max_field_bytes = 4096,
                                 .max_record_bytes = 1 << 16,
                                 .buffer_bytes = 64};

[[noreturn]] void fail(const std::string& what, std::string_view text) {
    std::fprintf(stderr, "csv: %s\ninput: %.*s\n", what.c_str(), static_cast<int>(text.size()),
                 text.data());
    std::abort();
}

std::string describe(const rk::Result<std::vector<rp::UsageRecord>>& r) {
    std::ostringstream os;
    for (const auto& d : r.diagnostics())
        os << d.code << ' ' << d << '\n';
    if (r)
        os << rk::to_csv(*r);
    return os.str();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto whole = rk::from_csv<rp::UsageRecord>(text, options);
    if (!whole && whole.errors().empty())
        fail("rejected without an error", text);
    for (const auto& d : whole.diagnostics())
        if (d.code != "too_many"
            && (d.line == 0 || d.column == 0 || d.message.empty()
                || !(d.pointer.starts_with("/row/") || d.pointer.starts_with("/header"))))
            fail("a diagnostic without its place: " + d.pointer + " " + d.code, text);

    std::size_t chunk = size ? 1 + data[0] % 17 : 1, at = 0;
    rk::CsvReader<rp::UsageRecord> reader{[&](char* out, std::size_t n) {
                                              n = std::min({n, chunk, size - at});
                                              std::copy_n(text.data() + at, n, out);
                                              at += n;
                                              return n;
                                          },
                                          options};
    auto streamed = rk::from_csv(reader, options.max_diagnostics);
    if (describe(whole) != describe(streamed))
        fail("streamed in chunks of " + std::to_string(chunk) + " it reads differently:\n"
                 + describe(whole) + "---\n" + describe(streamed),
             text);

    if (whole) {
        std::string written = rk::to_csv(*whole);
        auto again = rk::from_csv<rp::UsageRecord>(written, options);
        if (!again || rk::to_csv(*again) != written)
            fail("written out it does not read back:\n" + written + "---\n" + describe(again),
                 text);
    }
    return 0;
}
