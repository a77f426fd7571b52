// The compile-time benchmark's baseline: the same job done by hand with Boost.JSON and Hana
// structs, no validation: strings for UUIDs, dates and enums, a generic Hana walk for
// value_from/value_to, boost::json::serialize and parse.
#include <boost/hana.hpp>
#include <boost/json.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace hana = boost::hana;
namespace json = boost::json;

struct Period {
    BOOST_HANA_DEFINE_STRUCT(Period, (std::string, start), (std::string, end));
};
struct Parameters {
    BOOST_HANA_DEFINE_STRUCT(Parameters, (std::string, kind), (std::string, tenant_id),
                             (std::string, level), (std::optional<Period>, period),
                             (std::optional<std::vector<std::string>>, formats),
                             (std::optional<bool>, hide_zero_usage),
                             (std::optional<bool>, show_skus));
};
struct Schedule {
    BOOST_HANA_DEFINE_STRUCT(Schedule, (std::string, type), (std::optional<bool>, enabled));
};
struct ReportRequest {
    BOOST_HANA_DEFINE_STRUCT(ReportRequest, (std::optional<std::vector<std::string>>, recipients),
                             (Parameters, parameters), (Schedule, schedule),
                             (std::optional<std::string>, generation_date),
                             (std::string, result_action));
};
struct Report {
    BOOST_HANA_DEFINE_STRUCT(Report, (std::string, id), (std::int64_t, version),
                             (std::optional<std::vector<std::string>>, recipients),
                             (Parameters, parameters), (Schedule, schedule),
                             (std::optional<std::string>, generation_date),
                             (std::string, result_action));
};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T, class = std::enable_if_t<hana::Struct<T>::value>>
void tag_invoke(json::value_from_tag, json::value& jv, const T& v) {
    json::object& o = jv.emplace_object();
    hana::for_each(hana::accessors<T>(), [&](auto pair) {
        const auto& field = hana::second(pair)(v);
        const char* name = hana::to<const char*>(hana::first(pair));
        if constexpr (is_optional<std::decay_t<decltype(field)>>::value) {
            if (field)
                o[name] = json::value_from(*field);
        } else {
            o[name] = json::value_from(field);
        }
    });
}

template <class T, class = std::enable_if_t<hana::Struct<T>::value>>
T tag_invoke(json::value_to_tag<T>, const json::value& jv) {
    const json::object& o = jv.as_object();
    T v;
    hana::for_each(hana::accessors<T>(), [&](auto pair) {
        auto& field = hana::second(pair)(v);
        using F = std::decay_t<decltype(field)>;
        const char* name = hana::to<const char*>(hana::first(pair));
        if constexpr (is_optional<F>::value) {
            if (const json::value* p = o.if_contains(name))
                field = json::value_to<typename F::value_type>(*p);
        } else {
            field = json::value_to<F>(o.at(name));
        }
    });
    return v;
}

int main() {
    ReportRequest request;
    request.recipients = {"ca451758-b48a-45d9-9ae6-8f1059f67619",
                          "ab00e527-219b-481b-b01b-311b5be0ed3c"};
    request.parameters = {"usage_summary",
                          "ede9f834-70b3-476c-83d9-736f9f8c7dae",
                          "accounts",
                          Period{"2017-05-01", "2017-05-07"},
                          std::vector<std::string>{"csv", "html"},
                          std::nullopt,
                          std::nullopt};
    request.schedule = {"once", std::nullopt};
    request.generation_date = "2017-05-08";
    request.result_action = "send";

    Report report{"20dffb36-d77b-45c6-b2fa-39276e98d5fc",
                  1,
                  request.recipients,
                  request.parameters,
                  Schedule{request.schedule.type, true},
                  request.generation_date,
                  request.result_action};
    std::string text = json::serialize(json::value_from(report));
    Report back = json::value_to<Report>(json::parse(text));
    std::cout << text << '\n';
    return back.version == 1 ? 0 : 1;
}
