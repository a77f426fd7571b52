// A million rows streamed through the CSV reader hold no more heap than one record's worth:
// this program replaces the global operator new to know how many bytes are live at the peak.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <malloc.h>
#include <new>
#include <string>

namespace {

std::size_t live_bytes = 0;
std::size_t peak_bytes = 0;

void* allocate(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    live_bytes += malloc_usable_size(p);
    peak_bytes = std::max(peak_bytes, live_bytes);
    return p;
}

void release(void* p) noexcept {
    if (!p)
        return;
    live_bytes -= malloc_usable_size(p);
    std::free(p);
}

} // namespace

void* operator new(std::size_t n) {
    return allocate(n);
}
void* operator new[](std::size_t n) {
    return allocate(n);
}
void operator delete(void* p) noexcept {
    release(p);
}
void operator delete[](void* p) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    release(p);
}

namespace {

namespace rk = reportkit;

struct Amount {
    BOOST_HANA_DEFINE_STRUCT(Amount, (double, value), (std::optional<std::string>, unit));
};

struct Line {
    BOOST_HANA_DEFINE_STRUCT(Line, (rk::Uuid, id), (std::string, name),
                             (std::optional<fixtures::Color>, color), (bool, active),
                             (std::int64_t, count), (Amount, amount),
                             (std::optional<rk::Date>, day));
    static constexpr auto rules() { return rk::rules(rk::minimum(&Line::count, 0)); }
};

// A file of `rows` records made as it is read, never held whole: `bad` makes every record's
// count negative (a minus one before its digits).
class GeneratedFile {
public:
    GeneratedFile(std::size_t rows, bool bad) : rows_(rows), bad_(bad) {
        pending_ = "id,name,color,active,count,amount.value,amount.unit,day\r\n";
    }
    std::size_t operator()(char* out, std::size_t n) {
        std::size_t written = 0;
        while (written < n) {
            if (at_ == pending_.size()) {
                if (made_ == rows_)
                    break;
                pending_ = "ede9f834-70b3-476c-83d9-736f9f8c7dae,\"tenant, number "
                           + std::to_string(made_) + "\",blue,True," + (bad_ ? "-1" : "")
                           + std::to_string(made_ % 1000) + ",0.5,bytes,2020-03-03\r\n";
                at_ = 0;
                ++made_;
            }
            std::size_t k = std::min(n - written, pending_.size() - at_);
            pending_.copy(out + written, k, at_);
            at_ += k;
            written += k;
        }
        return written;
    }

private:
    std::size_t rows_, made_ = 0, at_ = 0;
    bool bad_;
    std::string pending_;
};

} // namespace

TEST_CASE("CSV: a million rows are streamed in memory bounded by the buffer", "[csv][memory]") {
    constexpr std::size_t rows = 1'000'000;
    GeneratedFile file(rows, false);
    std::size_t read = 0;
    double sum = 0;
    std::size_t before = live_bytes;
    peak_bytes = live_bytes;
    {
        rk::CsvReader<Line> reader{std::ref(file), {.buffer_bytes = 64 << 10}};
        auto summary = rk::for_each_csv_row(reader, [&](const Line& row) {
            ++read;
            sum += static_cast<double>(row.count) + row.amount.value;
        });
        CHECK(summary.valid());
        CHECK(summary.rows == rows);
    }
    CHECK(read == rows);
    CHECK(sum == 1000.0 * (999 * 1000 / 2) + 0.5 * rows);
    std::size_t peak = peak_bytes - before;
    INFO("peak heap while reading: " << peak << " bytes");
    // The 64 KiB buffer, the header, one record's fields: far from the file's ~90 MB.
    CHECK(peak < (64 << 10) + (16 << 10));
}

TEST_CASE("CSV: a million bad rows keep a bounded list of diagnostics", "[csv][memory]") {
    constexpr std::size_t rows = 1'000'000;
    GeneratedFile file(rows, true);
    std::size_t before = live_bytes;
    peak_bytes = live_bytes;
    rk::CsvReader<Line> reader{std::ref(file)};
    std::size_t valid = 0;
    auto summary = rk::for_each_csv_row(
        reader, [&](const Line&) { ++valid; }, 100);
    CHECK(summary.rows == rows);
    CHECK(valid == 0);
    CHECK(summary.invalid_rows == rows);
    REQUIRE(summary.diagnostics.size() == 101);
    CHECK(summary.diagnostics[0].pointer == "/row/0/count");
    CHECK(summary.diagnostics[0].line == 2);
    CHECK(summary.diagnostics.back().code == "too_many");
    CHECK(summary.diagnostics.back().message
          == "999900 more diagnostics left out after the first 100");
    CHECK(peak_bytes - before < (1 << 20));
}
