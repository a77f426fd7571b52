// The glaze side of issue 16's benchmarks (see glaze_baseline.hpp). The structs hold what a
// hand-written glaze client would: strings for UUIDs, dates, timestamps and enums, plain bools
// and integers, and no rule beyond "every non-optional key is present" and "no unknown key".
#include "glaze_baseline.hpp"
#include "read_loop.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <glaze/glaze.hpp>

namespace reportkit::bench::glaze_plain {

struct Period {
    std::string start, end;
};
struct Parameters {
    std::string kind, tenant_id, level;
    std::optional<Period> period;
    std::optional<std::vector<std::string>> formats;
    std::optional<bool> hide_zero_usage, show_skus;
};
struct Schedule {
    std::string type;
    std::optional<bool> enabled;
};
struct ReportRequest {
    std::optional<std::vector<std::string>> recipients;
    Parameters parameters;
    Schedule schedule;
    std::optional<std::string> generation_date;
    std::string result_action;
};
struct Report {
    std::string id;
    std::int64_t version;
    std::optional<std::vector<std::string>> recipients;
    Parameters parameters;
    Schedule schedule;
    std::optional<std::string> generation_date;
    std::string result_action;
};
struct UpdateParameters {
    std::optional<std::string> kind, level;
    std::optional<bool> hide_zero_usage, show_skus;
};
struct UpdateSchedule {
    bool enabled;
};
struct ReportUpdate {
    std::optional<std::vector<std::string>> recipients;
    std::optional<UpdateParameters> parameters;
    std::optional<UpdateSchedule> schedule;
};
struct StoredReport {
    std::string id, report_format;
    std::int64_t size;
    std::string created_at, status;
};
struct StoredReports {
    std::vector<StoredReport> items;
};
struct TenantReports {
    std::vector<std::string> items;
};
struct Violation {
    std::string pointer, code, message;
};
struct ErrorDetails {
    std::optional<std::string> info;
    std::optional<std::vector<Violation>> violations;
};
struct PlatformError {
    std::variant<std::int64_t, std::string> code;
    std::string message;
    std::optional<std::string> domain;
    std::optional<ErrorDetails> details;
    std::optional<std::map<std::string, glz::json_t>> context;
};
struct ApiError {
    PlatformError error;
};
struct TokenResponse {
    std::string access_token, token_type;
    std::int64_t expires_in, expires_on;
};

} // namespace reportkit::bench::glaze_plain

namespace reportkit::bench {
namespace {

constexpr glz::opts read_opts{.error_on_missing_keys = true};

template <class T>
void read_glaze(benchmark::State& state, const std::string& text) {
    read_loop(state, text, [&] {
        T value{};
        auto ec = glz::read<read_opts>(value, text);
        benchmark::DoNotOptimize(value);
        return !ec;
    });
}

template <class T>
void write_glaze(benchmark::State& state, const T& value) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text;
        if (glz::write_json(value, text)) {
            state.SkipWithError("glaze could not write the payload");
            return;
        }
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    set_bytes(state, bytes);
}

template <class T>
bool register_type(const std::string& read_name, const std::string& write_name,
                   const std::string& text) {
    auto value = std::make_shared<T>();
    if (glz::read<read_opts>(*value, text))
        return false;
    auto shared = std::make_shared<const std::string>(text);
    benchmark::RegisterBenchmark((read_name + "/glaze").c_str(),
                                 [shared](benchmark::State& s) { read_glaze<T>(s, *shared); });
    benchmark::RegisterBenchmark((write_name + "/glaze").c_str(),
                                 [value](benchmark::State& s) { write_glaze<T>(s, *value); });
    return true;
}

} // namespace

bool register_glaze(std::string_view type, const std::string& read_name,
                    const std::string& write_name, const std::string& text) {
    namespace g = glaze_plain;
    if (type == "request")
        return register_type<g::ReportRequest>(read_name, write_name, text);
    if (type == "report")
        return register_type<g::Report>(read_name, write_name, text);
    if (type == "update")
        return register_type<g::ReportUpdate>(read_name, write_name, text);
    if (type == "stored")
        return register_type<g::StoredReports>(read_name, write_name, text);
    if (type == "error")
        return register_type<g::ApiError>(read_name, write_name, text);
    if (type == "token")
        return register_type<g::TokenResponse>(read_name, write_name, text);
    if (type == "tenant-reports")
        return register_type<g::TenantReports>(read_name, write_name, text);
    return false;
}

} // namespace reportkit::bench
