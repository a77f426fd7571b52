// fast-cpp-csv-parser reading a csv_v2_0 file into UsageRecords, fields converted as plainly as
// they can be: what reading costs without validation or diagnostics.
#define CSV_IO_NO_THREAD
#include "fccp_baseline.hpp"

#include <libfccp/csv.h>

#include <array>
#include <charconv>
#include <cstring>
#include <tuple>

namespace reportkit::bench {

namespace {

double number(const char* s) {
    double v = 0;
    std::from_chars(s, s + std::strlen(s), v);
    return v;
}

template <class T>
std::optional<T> optional_text(const char* s) {
    if (!*s)
        return std::nullopt;
    if constexpr (std::is_same_v<T, std::string>)
        return std::string(s);
    else if constexpr (std::is_same_v<T, double>)
        return number(s);
    else if constexpr (WireEnum<T>)
        return enum_from_string<T>(s);
    else
        return T::parse(s);
}

} // namespace

std::size_t read_usage_fccp(const std::string& text,
                            const std::function<void(const reports::UsageRecord&)>& f) {
    io::CSVReader<29, io::trim_chars<>, io::double_quote_escape<',', '"'>> in(
        "usage.csv", text.data(), text.data() + text.size());
    static constexpr std::array<const char*, 29> names{"application.id",
                                                       "application.name",
                                                       "date",
                                                       "infra.backend_type",
                                                       "infra.id",
                                                       "infra.name",
                                                       "infra.owner_id",
                                                       "is_range",
                                                       "measurement_unit",
                                                       "name",
                                                       "pricing.currency",
                                                       "pricing.mode",
                                                       "pricing.price",
                                                       "pricing.total_cost",
                                                       "quota.value",
                                                       "tenant.customer_id",
                                                       "tenant.id",
                                                       "tenant.kind",
                                                       "tenant.name",
                                                       "usage.absolute.production",
                                                       "usage.absolute.total",
                                                       "usage.absolute.trial",
                                                       "usage.delta.production",
                                                       "usage.delta.total",
                                                       "usage.delta.trial",
                                                       "usage.effective.production",
                                                       "usage.effective.total",
                                                       "usage.effective.trial",
                                                       "edition"};
    std::apply([&](auto... n) { in.read_header(io::ignore_extra_column, n...); }, names);
    std::array<char*, 29> c{};
    reports::UsageRecord r{};
    std::size_t rows = 0;
    while (std::apply([&](auto&... field) { return in.read_row(field...); }, c)) {
        r.application.id = *Uuid::parse(c[0]);
        r.application.name = c[1];
        r.date = *Date::parse(c[2]);
        r.infra.backend_type = optional_text<std::string>(c[3]);
        r.infra.id = optional_text<Uuid>(c[4]);
        r.infra.name = optional_text<std::string>(c[5]);
        r.infra.owner_id = optional_text<Uuid>(c[6]);
        r.is_range = std::strcmp(c[7], "True") == 0;
        r.measurement_unit = optional_text<reports::MeasurementUnit>(c[8]);
        r.name = c[9];
        r.pricing.currency = optional_text<std::string>(c[10]);
        r.pricing.mode = optional_text<std::string>(c[11]);
        r.pricing.price = optional_text<double>(c[12]);
        r.pricing.total_cost = optional_text<double>(c[13]);
        r.quota.value = optional_text<double>(c[14]);
        r.tenant.customer_id = optional_text<std::string>(c[15]);
        r.tenant.id = *Uuid::parse(c[16]);
        r.tenant.kind = *enum_from_string<reports::TenantKind>(c[17]);
        r.tenant.name = c[18];
        reports::UsageValues* axes[] = {&r.usage.absolute, &r.usage.delta, &r.usage.effective};
        for (int a = 0; a < 3; ++a) {
            axes[a]->production = number(c[19 + 3 * a]);
            axes[a]->total = number(c[20 + 3 * a]);
            axes[a]->trial = number(c[21 + 3 * a]);
        }
        r.edition = optional_text<std::string>(c[28]);
        f(r);
        ++rows;
    }
    return rows;
}

} // namespace reportkit::bench
