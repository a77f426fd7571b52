#include "../support/process.hpp"

#include <reportkit/core/schema.hpp>
#include <reportkit/reports.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

const rk::SchemaOptions draft07{.draft = rk::SchemaDraft::draft07};

boost::json::value parse(std::string_view text) {
    return boost::json::parse(text);
}

// Calls f(pointer, object) for every object inside `v`.
void each_object(const boost::json::value& v, const std::string& pointer,
                 const std::function<void(const std::string&, const boost::json::object&)>& f) {
    if (v.is_object()) {
        f(pointer, v.get_object());
        for (const auto& kv : v.get_object())
            each_object(kv.value(), pointer + '/' + std::string(kv.key()), f);
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.get_array().size(); ++i)
            each_object(v.get_array()[i], pointer + '/' + std::to_string(i), f);
    }
}

const boost::json::object& def(const boost::json::object& schema, std::string_view name) {
    return schema.at("$defs").at(name).as_object();
}

// A struct of no API at all: the export knows only what the declarations say.
REPORTKIT_ENUM(Cabin, economy, business);

struct Seat {
    BOOST_HANA_DEFINE_STRUCT(Seat, (std::string, row), (std::int64_t, number));
};

struct Booking {
    BOOST_HANA_DEFINE_STRUCT(Booking, (rk::Date, from), (rk::Date, to), (Cabin, cabin),
                             (std::optional<std::vector<Seat>>, seats),
                             (std::optional<std::string>, lounge), (std::int64_t, guests));

    static constexpr auto rules() {
        return rk::rules(
            rk::ordered(&Booking::from, &Booking::to),
            rk::required_if(&Booking::seats, rk::is(&Booking::cabin, Cabin::business)),
            rk::forbidden_unless(&Booking::lounge, rk::is(&Booking::cabin, Cabin::business)),
            rk::minimum(&Booking::guests, 1), rk::non_empty(&Booking::seats));
    }
    static constexpr auto descriptions() {
        return rk::descriptions("A booking.", rk::describe(&Booking::guests, "How many travel."));
    }
};

} // namespace

TEST_CASE("a struct of no API exports exactly what its declarations say", "[schema][generic]") {
    auto schema = rk::json_schema<Booking>();
    CHECK(schema == parse(R"({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Booking",
        "description": "A booking.",
        "type": "object",
        "properties": {
            "from": {"$ref": "#/$defs/Date"},
            "to": {"$ref": "#/$defs/Date"},
            "cabin": {"$ref": "#/$defs/Cabin"},
            "seats": {"type": "array", "items": {"$ref": "#/$defs/Seat"}, "minItems": 1},
            "lounge": {"type": "string"},
            "guests": {"description": "How many travel.", "type": "integer", "minimum": 1}
        },
        "required": ["from", "to", "cabin", "guests"],
        "additionalProperties": false,
        "allOf": [
            {"if": {"required": ["cabin"], "properties": {"cabin": {"const": "business"}}},
             "then": {"required": ["seats"]}},
            {"if": {"required": ["lounge"]},
             "then": {"required": ["cabin"], "properties": {"cabin": {"const": "business"}}}}
        ],
        "$comment": "Checked by the library only, not expressible in JSON Schema: /from must not be after /to",
        "$defs": {
            "Date": {"type": "string", "description": "A calendar date, YYYY-MM-DD.",
                     "minLength": 10, "maxLength": 10,
                     "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
            "Cabin": {"type": "string", "enum": ["economy", "business"]},
            "Seat": {"type": "object",
                     "properties": {"row": {"type": "string"}, "number": {"type": "integer"}},
                     "required": ["row", "number"], "additionalProperties": false}
        }
    })"));
}

TEST_CASE("draft-07 on request: the same schema under `definitions`", "[schema][draft]") {
    auto latest = rk::json_schema<rp::ReportRequest>();
    auto seven = rk::json_schema<rp::ReportRequest>(draft07);
    CHECK(latest.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(seven.at("$schema") == "http://json-schema.org/draft-07/schema#");
    CHECK(latest.contains("$defs"));
    CHECK_FALSE(latest.contains("definitions"));
    CHECK(seven.contains("definitions"));
    CHECK_FALSE(seven.contains("$defs"));
    // Apart from where definitions live, the two are the same document.
    std::string a = boost::json::serialize(latest), b = boost::json::serialize(seven);
    for (auto [from, to] : {std::pair<std::string, std::string>{"#/$defs/", "#/definitions/"},
                            {"\"$defs\"", "\"definitions\""},
                            {"https://json-schema.org/draft/2020-12/schema",
                             "http://json-schema.org/draft-07/schema#"}})
        for (std::size_t at = a.find(from); at != std::string::npos; at = a.find(from, at))
            a.replace(at, from.size(), to);
    CHECK(a == b);
    CHECK(rk::json_schema<rp::ReportRequest>({.id = "https://example.test/request.json"}).at("$id")
          == "https://example.test/request.json");
}

TEST_CASE("every export: refs resolve, objects are closed, every property is described",
          "[schema]") {
    auto check = [](boost::json::object schema, const rk::SchemaOptions& options) {
        std::string defs = options.draft == rk::SchemaDraft::draft07 ? "definitions" : "$defs";
        boost::json::value doc = schema;
        each_object(doc, "", [&](const std::string& pointer, const boost::json::object& o) {
            INFO(pointer);
            if (const auto* ref = o.if_contains("$ref")) {
                std::string target(ref->as_string());
                REQUIRE(target.starts_with("#/" + defs + "/"));
                boost::system::error_code ec;
                CHECK(doc.find_pointer(target.substr(1), ec));
            }
            // Struct schemas (not the `if`/`then` fragments) are closed and fully described.
            if (o.contains("additionalProperties") || o.contains("required")) {
                if (!o.contains("additionalProperties"))
                    return; // a fragment: required alone, inside if/then/allOf
                CHECK(o.at("additionalProperties") == false);
                CHECK(o.at("type") == "object");
                CHECK_FALSE(o.at("description").as_string().empty());
                for (const auto& p : o.at("properties").as_object()) {
                    INFO(p.key());
                    CHECK(p.value().as_object().contains("description"));
                }
            }
        });
    };
    for (const auto& options : {rk::SchemaOptions{}, draft07}) {
        check(rk::json_schema<rp::ReportRequest>(options), options);
        check(rk::json_schema<rp::Report>(options), options);
        check(rk::json_schema<rp::ReportUpdate>(options), options);
        check(rk::json_schema<rp::StoredReports>(options), options);
        check(rk::json_schema<rp::TenantReports>(options), options);
        check(rk::json_schema<rp::ApiError>(options), options);
        check(rk::json_schema<rp::TokenResponse>(options), options);
    }
}

TEST_CASE("the request's schema: required lists, enums, conditionals, array rules",
          "[schema][request]") {
    auto s = rk::json_schema<rp::ReportRequest>();
    CHECK(s.at("required") == parse(R"(["parameters", "schedule", "result_action"])"));
    CHECK(def(s, "Parameters").at("required") == parse(R"(["kind", "tenant_id", "level"])"));
    CHECK(def(s, "Period").at("required") == parse(R"(["start", "end"])"));
    CHECK(def(s, "Schedule").at("required") == parse(R"(["type"])"));
    CHECK(def(s, "Kind").at("enum")
          == parse(R"(["usage_daily", "usage_summary", "usage_current", "usage_breakdown"])"));
    CHECK(
        def(s, "Level").at("enum")
        == parse(R"(["direct_partners", "all_partners", "all_customers", "accounts", "itself"])"));
    CHECK(def(s, "Format").at("enum")
          == parse(R"(["csv", "html", "json_v1", "csv_v2_0", "json_v2_0"])"));
    CHECK(def(s, "ScheduleType").at("enum") == parse(R"(["once", "monthly"])"));
    CHECK(def(s, "ResultAction").at("enum") == parse(R"(["save", "send"])"));

    const auto& recipients = s.at("properties").at("recipients").as_object();
    CHECK_FALSE(recipients.contains("minItems")); // `[]` is fine with save
    CHECK(recipients.at("uniqueItems") == true);
    const auto& formats = def(s, "Parameters").at("properties").at("formats").as_object();
    CHECK(formats.at("minItems") == 1);
    CHECK(formats.at("uniqueItems") == true);
    // The strings "true" and "false" are read (with a warning), so the schema accepts them.
    CHECK(def(s, "Parameters").at("properties").at("hide_zero_usage").at("$ref")
          == "#/$defs/LenientBool");
    CHECK(def(s, "LenientBool").at("anyOf") == parse(R"([{"type": "boolean"},
        {"type": "string", "enum": ["true", "false"]}])"));

    CHECK(s.at("allOf") == parse(R"([
        {"if": {"required": ["result_action"], "properties": {"result_action": {"const": "send"}}},
         "then": {"required": ["recipients"]}},
        {"if": {"required": ["result_action"], "properties": {"result_action": {"const": "send"}}},
         "then": {"properties": {"recipients": {"type": "array", "minItems": 1}}}},
        {"if": {"required": ["recipients"],
                "properties": {"recipients": {"type": "array", "minItems": 1}}},
         "then": {"required": ["result_action"], "properties": {"result_action": {"const": "send"}}}},
        {"if": {"required": ["generation_date"]},
         "then": {"required": ["schedule"],
                  "properties": {"schedule": {"type": "object", "required": ["type"],
                                              "properties": {"type": {"const": "once"}}}}}}
    ])"));
    CHECK(s.at("properties").at("recipients").at("description")
          == "UUIDs of the users who receive the report by email; required and non-empty when "
             "result_action is send, absent or empty when it is save.");
}

TEST_CASE("the report's schema adds id, version >= 1 and a required schedule.enabled",
          "[schema][report]") {
    auto s = rk::json_schema<rp::Report>();
    CHECK(s.at("required")
          == parse(R"(["id", "version", "parameters", "schedule", "result_action"])"));
    CHECK(s.at("properties").at("version").at("minimum") == 1);
    const auto& all_of = s.at("allOf").as_array();
    CHECK(std::find(
              all_of.begin(), all_of.end(),
              parse(R"({"properties": {"schedule": {"type": "object", "required": ["enabled"]}}})"))
          != all_of.end());
}

TEST_CASE("the update's schema: every field optional, schedule.enabled required inside",
          "[schema][update]") {
    auto s = rk::json_schema<rp::ReportUpdate>();
    CHECK_FALSE(s.contains("required"));
    CHECK(def(s, "UpdateSchedule").at("required") == parse(R"(["enabled"])"));
    CHECK(def(s, "UpdateParameters").at("properties").as_object().size() == 4);
    CHECK_FALSE(def(s, "UpdateParameters").contains("required"));
}

TEST_CASE("the error's code is an integer or a string, context any object", "[schema][error]") {
    auto s = rk::json_schema<rp::ApiError>();
    const auto& error = def(s, "PlatformError").at("properties").as_object();
    CHECK(error.at("code").at("anyOf") == parse(R"([{"type": "integer"}, {"type": "string"}])"));
    CHECK(error.at("context").at("type") == "object");
}

TEST_CASE("rules a schema cannot carry are named in the struct's $comment", "[schema][limits]") {
    auto s = rk::json_schema<rp::ReportRequest>();
    CHECK(def(s, "Period").at("$comment")
          == "Checked by the library only, not expressible in JSON Schema: /start must not be "
             "after /end; /start must not be in the future; /end must not be in the future");
    CHECK(def(s, "Parameters").at("$comment")
          == "Checked by the library only, not expressible in JSON Schema: warning: /period is "
             "recommended when /kind is one of \"usage_daily\", \"usage_summary\" or "
             "\"usage_breakdown\"");
    CHECK(s.at("$comment")
          == "Checked by the library only, not expressible in JSON Schema: warning: the items of "
             "/parameters/formats are one of \"csv\", \"html\" when /schedule/type is "
             "\"monthly\"");
}

TEST_CASE("value type patterns accept what the parsers accept, calendar aside", "[schema][text]") {
    auto pattern = [](const rk::TextSchema& ts) { return std::regex(std::string(ts.pattern)); };
    auto uuid = pattern(rk::text_schema<rk::Uuid>::value);
    auto date = pattern(rk::text_schema<rk::Date>::value);
    auto timestamp = pattern(rk::text_schema<rk::Timestamp>::value);

    // Every one-character edit of a valid value, judged both ways.
    auto edits = [](const std::string& valid) {
        std::vector<std::string> out{valid, "", valid + "0", valid.substr(1)};
        for (std::size_t i = 0; i < valid.size(); ++i)
            for (char c : std::string("09afAFgzT:-+.Z "))
                out.push_back(valid.substr(0, i) + c + valid.substr(i + 1));
        return out;
    };
    for (const auto& s : edits("ede9f834-70b3-476c-83d9-736f9f8c7dae")) {
        INFO(s);
        CHECK(std::regex_search(s, uuid) == bool(rk::Uuid::parse(s)));
        CHECK((s.size() == 36) == (rk::text_schema<rk::Uuid>::value.min_length == s.size()));
    }
    for (const auto& s : edits("2017-05-01")) {
        INFO(s);
        CHECK(std::regex_search(s, date) == bool(rk::Date::parse(s)));
    }
    for (const auto& s : edits("2019-08-08T07:36:57+00:00")) {
        INFO(s);
        CHECK(std::regex_search(s, timestamp) == bool(rk::Timestamp::parse(s)));
    }
    for (const auto& s : edits("2019-08-08T07:36:57.250Z")) {
        INFO(s);
        CHECK(std::regex_search(s, timestamp) == bool(rk::Timestamp::parse(s)));
    }
    // The one difference, documented: the pattern cannot know the calendar.
    CHECK(std::regex_search(std::string("2017-02-30"), date));
    CHECK_FALSE(rk::Date::parse("2017-02-30"));
    CHECK(rk::text_schema<rk::Timestamp>::value.format == "date-time");
}

TEST_CASE("`reportkit schema` prints the export for each --type and --draft", "[schema][cli]") {
    using reportkit::testing::run;
    const std::string cli = reportkit::testing::bin("reportkit");
    auto expected = [](auto schema) { return rk::to_json_string(schema, {.indent = 2}) + '\n'; };
    CHECK(run(cli + " schema").out == expected(rk::json_schema<rp::ReportRequest>()));
    CHECK(run(cli + " schema --type report --draft 7").out
          == expected(rk::json_schema<rp::Report>(draft07)));
    CHECK(run(cli + " schema --type update --draft 2020-12").out
          == expected(rk::json_schema<rp::ReportUpdate>()));
    CHECK(run(cli + " schema --type stored").out == expected(rk::json_schema<rp::StoredReports>()));
    CHECK(run(cli + " schema --type error --draft 7").out
          == expected(rk::json_schema<rp::ApiError>(draft07)));
    CHECK(run(cli + " schema --type token").out == expected(rk::json_schema<rp::TokenResponse>()));
    CHECK(run(cli + " schema --type tenant-reports").out
          == expected(rk::json_schema<rp::TenantReports>()));

    auto bad_draft = run(cli + " schema --draft 4 2>&1");
    CHECK(bad_draft.status == 2);
    CHECK(bad_draft.out == "reportkit schema: unknown --draft \"4\"; expected 2020-12 or 7\n");
    CHECK(run(cli + " schema --type nonsense 2>/dev/null").status == 2);
}
