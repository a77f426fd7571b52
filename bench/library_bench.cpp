// reportkit-bench: reading, writing and building a report request with reportkit, against the
// baselines issue 6 names, all in one run so the ratios compare like with like on a noisy
// machine. bench/run.sh prints the ratio table from this program's JSON output.
#include "counting_new.hpp"
#include "csv_bench.hpp"
#ifdef REPORTKIT_BENCH_GLAZE
#include "glaze_baseline.hpp"
#endif
#include "payloads.hpp"
#include "plain_request.hpp"
#include "read_loop.hpp"

#include <reportkit/reports.hpp>
#include <reportkit/reports/builder.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace rb = reportkit::bench;

namespace {

// The heap blocks a value's own strings and vectors need at the least: one per non-empty vector,
// one per string too long for the small-string buffer. Uuid, Date and enums live inline.
template <class T>
std::size_t heap_blocks_needed(const T& v) {
    if constexpr (rk::is_optional_v<T>) {
        return v ? heap_blocks_needed(*v) : 0;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return v.size() > std::string().capacity() ? 1 : 0;
    } else if constexpr (rk::is_sequence_v<T>) {
        std::size_t n = v.empty() ? 0 : 1;
        for (const auto& item : v)
            n += heap_blocks_needed(item);
        return n;
    } else if constexpr (rk::Reflected<T>) {
        std::size_t n = 0;
        rk::for_each_field(v, [&](std::size_t, std::string_view, const auto& field) {
            n += heap_blocks_needed(field);
        });
        return n;
    } else {
        return 0;
    }
}

// ---- reportkit ---------------------------------------------------------------------------------

void read_reportkit(benchmark::State& state, const std::string& text) {
    rb::read_loop(state, text, [&] {
        auto request = rk::from_json<rp::ReportRequest>(text);
        benchmark::DoNotOptimize(request);
        return request.has_value();
    });
    if (auto request = rk::from_json<rp::ReportRequest>(text))
        state.counters["allocs_needed"] = static_cast<double>(heap_blocks_needed(*request));
}

void write_reportkit(benchmark::State& state, const rp::ReportRequest& request) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = rk::to_json_string(request);
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    rb::set_bytes(state, bytes);
}

void build_reportkit(benchmark::State& state) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        rk::Result<rp::ReportRequest> request =
            rp::usage_report()
                .kind(rp::Kind::usage_summary)
                .tenant("ede9f834-70b3-476c-83d9-736f9f8c7dae")
                .level(rp::Level::accounts)
                .period("2017-05-01", "2017-05-07")
                .formats({rp::Format::csv, rp::Format::html})
                .once_on("2017-05-08")
                .send_to({"ca451758-b48a-45d9-9ae6-8f1059f67619",
                          "ab00e527-219b-481b-b01b-311b5be0ed3c"})
                .build();
        if (!request) {
            state.SkipWithError("the builder rejected the seed request");
            return;
        }
        std::string text = rk::to_json_string(*request);
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    rb::set_bytes(state, bytes);
}

// ---- baselines ---------------------------------------------------------------------------------

void read_boost_json_parse(benchmark::State& state, const std::string& text) {
    rb::read_loop(state, text, [&] {
        boost::json::value v = boost::json::parse(text);
        benchmark::DoNotOptimize(v);
        return v.is_object();
    });
}

void read_boost_json_value_to(benchmark::State& state, const std::string& text) {
    rb::read_loop(state, text, [&] {
        auto request = boost::json::value_to<rb::plain::ReportRequest>(boost::json::parse(text));
        benchmark::DoNotOptimize(request);
        return !request.result_action.empty();
    });
}

void write_boost_json_serialize(benchmark::State& state, const boost::json::value& dom) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = boost::json::serialize(dom);
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    rb::set_bytes(state, bytes);
}

// The read and write benchmarks of one payload, under `prefix` ("read_request", ...).
void register_payload(const std::string& suffix, std::string text) {
    auto shared = std::make_shared<const std::string>(std::move(text));
    auto request = std::make_shared<const rp::ReportRequest>(
        rk::from_json<rp::ReportRequest>(*shared).value());
    auto dom = std::make_shared<const boost::json::value>(boost::json::parse(*shared));
    auto reads = {
        std::pair{"reportkit", &read_reportkit},
        std::pair{"boost_json_parse", &read_boost_json_parse},
        std::pair{"boost_json_value_to", &read_boost_json_value_to},
        std::pair{"rapidjson_schema", &rb::read_rapidjson_schema},
        std::pair{"valijson", &rb::read_valijson},
    };
    for (auto [name, fn] : reads)
        benchmark::RegisterBenchmark(("read_request" + suffix + "/" + name).c_str(),
                                     [shared, fn = fn](benchmark::State& s) { fn(s, *shared); });
    benchmark::RegisterBenchmark(("write_request" + suffix + "/reportkit").c_str(),
                                 [request](benchmark::State& s) { write_reportkit(s, *request); });
    benchmark::RegisterBenchmark(
        ("write_request" + suffix + "/boost_json_serialize").c_str(),
        [dom](benchmark::State& s) { write_boost_json_serialize(s, *dom); });
#ifdef REPORTKIT_BENCH_GLAZE
    if (!rb::register_glaze("request", "read_request" + suffix, "write_request" + suffix, *shared))
        throw std::runtime_error("glaze rejects the request" + suffix);
#endif
}

template <class T>
void read_payload_reportkit(benchmark::State& state, const std::string& text) {
    rb::read_loop(state, text, [&] {
        auto value = rk::from_json<T>(text);
        benchmark::DoNotOptimize(value);
        return value.has_value() && value.diagnostics().empty();
    });
}

template <class T>
void write_payload_reportkit(benchmark::State& state, const T& value) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = rk::to_json_string(value);
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    rb::set_bytes(state, bytes);
}

// Issue 16's table: one document of every payload type, read (every rule) and written, under
// read_payload/<type>/... and write_payload/<type>/...; the written text must be the read one.
void register_payload_types() {
    for (const rb::PayloadExample& example : rb::payload_examples()) {
        std::string read = "read_payload/" + std::string(example.type);
        std::string write = "write_payload/" + std::string(example.type);
        bool found = false;
        rp::for_each_payload_type([&]<class T>(std::string_view name, std::type_identity<T>) {
            if (name != example.type)
                return;
            found = true;
            auto text = std::make_shared<const std::string>(example.text);
            auto value = std::make_shared<const T>(rk::from_json<T>(*text).value());
            if (rk::to_json_string(*value) != *text)
                throw std::runtime_error(read + ": writing does not give back the text read");
            benchmark::RegisterBenchmark(
                (read + "/reportkit").c_str(),
                [text](benchmark::State& s) { read_payload_reportkit<T>(s, *text); });
            benchmark::RegisterBenchmark(
                (write + "/reportkit").c_str(),
                [value](benchmark::State& s) { write_payload_reportkit<T>(s, *value); });
        });
        if (!found)
            throw std::runtime_error(read + ": not a payload type");
#ifdef REPORTKIT_BENCH_GLAZE
        if (!rb::register_glaze(example.type, read, write, example.text))
            throw std::runtime_error(read + ": glaze rejects the text");
#endif
    }
}

// The allocation count of one read next to what the struct needs, in words, on stderr so the
// JSON on stdout stays parseable.
void print_allocations(const char* label, const std::string& text) {
    auto request = rk::from_json<rp::ReportRequest>(text).value();
    std::size_t used = rb::allocations_of([&] {
        auto again = rk::from_json<rp::ReportRequest>(text);
        benchmark::DoNotOptimize(again);
    });
    std::size_t parse = rb::allocations_of([&] {
        auto v = boost::json::parse(text);
        benchmark::DoNotOptimize(v);
    });
    std::fprintf(stderr,
                 "heap allocations reading %s (%zu bytes): reportkit %zu; the struct's own "
                 "vectors and strings need %zu; boost::json::parse alone makes %zu\n",
                 label, text.size(), used, heap_blocks_needed(request), parse);
}

} // namespace

int main(int argc, char** argv) {
    const std::string& seed = rb::seed_request_text();
    std::string thousand = rb::request_text_with_recipients(1000);

    register_payload("", seed);
    benchmark::RegisterBenchmark("build_request/reportkit", &build_reportkit);
    register_payload("_1000", thousand);
    register_payload_types();
    rb::register_csv_benchmarks();

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    print_allocations("the seed request", seed);
    print_allocations("the 1,000-recipient request", thousand);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}
