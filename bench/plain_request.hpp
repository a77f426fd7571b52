// The baseline's model of a report request: plain structs of strings filled by
// boost::json::value_to, with no validation at all. It is what reading the payload costs
// without reportkit, the shape a hand-written client would have.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

namespace reportkit::bench::plain {

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

namespace detail {
template <class T>
void optional_member(const boost::json::object& o, const char* key, std::optional<T>& out) {
    if (const boost::json::value* v = o.if_contains(key))
        out = boost::json::value_to<T>(*v);
}
inline std::string string_member(const boost::json::object& o, const char* key) {
    return boost::json::value_to<std::string>(o.at(key));
}
} // namespace detail

inline Period tag_invoke(boost::json::value_to_tag<Period>, const boost::json::value& jv) {
    const auto& o = jv.as_object();
    return {detail::string_member(o, "start"), detail::string_member(o, "end")};
}

inline Parameters tag_invoke(boost::json::value_to_tag<Parameters>, const boost::json::value& jv) {
    const auto& o = jv.as_object();
    Parameters p;
    p.kind = detail::string_member(o, "kind");
    p.tenant_id = detail::string_member(o, "tenant_id");
    p.level = detail::string_member(o, "level");
    detail::optional_member(o, "period", p.period);
    detail::optional_member(o, "formats", p.formats);
    detail::optional_member(o, "hide_zero_usage", p.hide_zero_usage);
    detail::optional_member(o, "show_skus", p.show_skus);
    return p;
}

inline Schedule tag_invoke(boost::json::value_to_tag<Schedule>, const boost::json::value& jv) {
    const auto& o = jv.as_object();
    Schedule s;
    s.type = detail::string_member(o, "type");
    detail::optional_member(o, "enabled", s.enabled);
    return s;
}

inline ReportRequest tag_invoke(boost::json::value_to_tag<ReportRequest>,
                                const boost::json::value& jv) {
    const auto& o = jv.as_object();
    ReportRequest r;
    detail::optional_member(o, "recipients", r.recipients);
    r.parameters = boost::json::value_to<Parameters>(o.at("parameters"));
    r.schedule = boost::json::value_to<Schedule>(o.at("schedule"));
    detail::optional_member(o, "generation_date", r.generation_date);
    r.result_action = detail::string_member(o, "result_action");
    return r;
}

} // namespace reportkit::bench::plain
