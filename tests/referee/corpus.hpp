// The referees' corpus: valid payloads of every type, and the payloads made from them by
// systematic mutation, each judged by reportkit. The mutations know nothing of the API: they
// walk the JSON and break each part in every way JSON allows.
#pragma once

#include <reportkit/core/schema.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>
#include <reportkit/reports/payload_types.hpp>

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

namespace referee {

namespace rk = reportkit;
namespace rp = reportkit::reports;

// Far in the future, so that "not in the future" never fires and the clock does not matter.
inline const rk::Date today{9999, 12, 31};

struct Payload {
    std::string type;   // request, report, update, stored, error, token, tenant-reports
    std::string origin; // the seed and the mutation that made it
    std::string text;
};

// What reportkit says about a payload, and what a JSON Schema validator must therefore say.
struct Judgement {
    bool valid = false;
    // reportkit's verdict, less the rules a JSON Schema cannot carry (see library_only).
    bool schema_valid = false;
    std::vector<rk::Diagnostic> diagnostics;
};

// The documented rules that live only in the library: comparing two fields (start <= end), a
// repeated key (a schema judges the parsed value, in which the repeat has collapsed), and a
// date of the right shape that is not in the calendar (2017-02-30). "Not in the future" is one
// too, but the fixed `today` keeps it out of the corpus; warnings never affect a verdict.
inline bool library_only(const rk::Diagnostic& d, const boost::json::value* doc) {
    if (d.code == rk::code::ordered || d.code == rk::code::duplicate_key)
        return true;
    if (d.code != rk::code::format || !doc)
        return false;
    boost::system::error_code ec;
    const boost::json::value* v = doc->find_pointer(d.pointer, ec);
    static const std::regex date_shape(std::string(rk::text_schema<rk::Date>::value.pattern));
    return v && v->is_string() && std::regex_search(std::string(v->get_string()), date_shape);
}

template <class T>
Judgement judge_as(const std::string& text) {
    auto result = rk::from_json<T>(text, {.today = today});
    Judgement j{bool(result), bool(result), result.diagnostics()};
    if (!j.valid) {
        boost::system::error_code ec;
        boost::json::value doc = boost::json::parse(text, ec);
        j.schema_valid = true;
        for (const auto& d : j.diagnostics)
            if (d.severity == rk::Severity::error && !library_only(d, ec ? nullptr : &doc))
                j.schema_valid = false;
    }
    return j;
}

struct PayloadType {
    Judgement (*judge)(const std::string&);
    boost::json::object (*schema)(const rk::SchemaOptions&);
};

template <class T>
PayloadType payload_type() {
    return {&judge_as<T>, &rk::json_schema<T>};
}

inline const std::map<std::string, PayloadType>& payload_types() {
    static const std::map<std::string, PayloadType> types = [] {
        std::map<std::string, PayloadType> out;
        rp::for_each_payload_type([&](std::string_view name, auto type) {
            out.emplace(name, payload_type<typename decltype(type)::type>());
        });
        return out;
    }();
    return types;
}

// ---- seeds: valid payloads of every type --------------------------------------------------

inline std::vector<Payload> seeds() {
    std::vector<Payload> out;
    for (const auto& e : rp::examples::all())
        out.push_back({e.type, e.name, e.json});
    auto id = *rk::Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc");
    for (const auto& e : rp::examples::all())
        if (e.name.starts_with("usage_daily-"))
            out.push_back({"report", e.name + " (stored)",
                           rk::to_json_string(
                               rp::make_report(*rk::from_json<rp::ReportRequest>(e.json), id))});
    // What the platform's own billing integration sends: save, `"recipients": []`, no formats.
    out.push_back({"request", "billing integration's save request",
                   R"({"recipients":[],"parameters":{"kind":"usage_current",)"
                   R"("tenant_id":"ede9f834-70b3-476c-83d9-736f9f8c7dae","level":"accounts"},)"
                   R"("schedule":{"type":"once"},"result_action":"save"})"});
    out.push_back({"update", "full update",
                   rk::to_json_string(*rp::report_update()
                                           .send_to({"ca451758-b48a-45d9-9ae6-8f1059f67619"})
                                           .kind(rp::Kind::usage_daily)
                                           .level(rp::Level::itself)
                                           .show_skus(true)
                                           .enable()
                                           .build())});
    // The platform's own samples send these booleans as strings, which are read with a warning.
    for (const auto& e : rp::examples::all())
        if (e.type == "request" && e.name.starts_with("usage_daily-")) {
            boost::json::value doc = boost::json::parse(e.json);
            auto& parameters = doc.at("parameters").as_object();
            parameters["show_skus"] = "true";
            parameters["hide_zero_usage"] = "false";
            out.push_back({"request", e.name + " (string booleans)", boost::json::serialize(doc)});
            break;
        }
    out.push_back({"update", "string booleans",
                   R"({"parameters":{"hide_zero_usage":"true","show_skus":"false"}})"});
    out.push_back(
        {"stored", "stored files",
         R"({"items":[{"id":"6a1cd7a8-4c64-4b0b-8a16-0e2e7c9a1f31","report_format":"csv",)"
         R"("size":1024,"created_at":"2019-08-08T07:36:57+00:00","status":"saved"},)"
         R"({"id":"0b9f2a44-1e5d-4c1a-9b7e-2d6f3c8e5a90","report_format":"json_v2_0",)"
         R"("size":0,"created_at":"2019-08-08T07:37:01.250Z","status":"in_progress"}]})"});
    auto bad = rk::from_json<rp::ReportRequest>(R"({"parameters":{"kind":"usage_current"},)"
                                                R"("schedule":{"type":"monthly"}})");
    out.push_back(
        {"error", "validation error", rk::to_json_string(rp::validation_error(bad.diagnostics()))});
    out.push_back({"error", "platform error",
                   R"({"error":{"code":"1005","message":"Tenant not found.",)"
                   R"("domain":"PlatformAccountServer","details":{"info":"no such tenant"},)"
                   R"("context":{"tenant":"x","trace":[1,2]}}})"});
    out.push_back({"token", "token",
                   R"({"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln",)"
                   R"("token_type":"bearer","expires_in":7200,"expires_on":1565250000})"});
    out.push_back({"tenant-reports", "tenant reports",
                   R"({"items":["20dffb36-d77b-45c6-b2fa-39276e98d5fc",)"
                   R"("6a1cd7a8-4c64-4b0b-8a16-0e2e7c9a1f31"]})"});
    return out;
}

// ---- mutations ------------------------------------------------------------------------------

// Compact JSON, with the key `repeat` of the object at `in` written twice.
inline void write_repeating(std::string& out, const boost::json::value& v,
                            const boost::json::object* in, std::string_view repeat) {
    if (!v.is_object() && !v.is_array()) {
        out += boost::json::serialize(v);
        return;
    }
    if (v.is_array()) {
        out += '[';
        bool first = true;
        for (const auto& item : v.get_array()) {
            out += first ? "" : ",";
            first = false;
            write_repeating(out, item, in, repeat);
        }
        out += ']';
        return;
    }
    out += '{';
    bool first = true;
    for (const auto& kv : v.get_object()) {
        for (int copy = 0; copy < (&v.get_object() == in && kv.key() == repeat ? 2 : 1); ++copy) {
            out += first ? "" : ",";
            first = false;
            out += boost::json::serialize(boost::json::value(kv.key()));
            out += ':';
            write_repeating(out, kv.value(), in, repeat);
        }
    }
    out += '}';
}

struct Node {
    std::string pointer;
    std::string parent; // pointer of the parent; unused for the root
    std::string key;    // key in the parent object, or index in the parent array
    bool in_array = false;
};

inline std::string token(std::string_view key) {
    std::string p;
    rk::append_pointer_token(p, key);
    return p;
}

inline void collect(const boost::json::value& v, const std::string& pointer,
                    std::vector<Node>& out) {
    if (v.is_object())
        for (const auto& kv : v.get_object()) {
            std::string child = pointer + token(kv.key());
            out.push_back({child, pointer, std::string(kv.key()), false});
            collect(kv.value(), child, out);
        }
    else if (v.is_array())
        for (std::size_t i = 0; i < v.get_array().size(); ++i) {
            std::string child = pointer + '/' + std::to_string(i);
            out.push_back({child, pointer, std::to_string(i), true});
            collect(v.get_array()[i], child, out);
        }
}

inline boost::json::value& at(boost::json::value& doc, const std::string& pointer) {
    return pointer.empty() ? doc : doc.at_pointer(pointer);
}

// The strings of each enum in the schema: a broken enum value is another value of its enum,
// which is how the conditional rules get flipped (send <-> save, once <-> monthly).
inline std::map<std::string, std::vector<std::string>> enum_siblings() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [type, t] : payload_types()) {
        auto schema = t.schema({});
        const auto* defs = schema.if_contains("$defs");
        for (const auto& def : defs ? defs->as_object() : boost::json::object{})
            if (const auto* values = def.value().as_object().if_contains("enum"))
                for (const auto& v : values->as_array())
                    for (const auto& other : values->as_array())
                        if (other != v)
                            out[std::string(v.as_string())].push_back(
                                std::string(other.as_string()));
    }
    for (auto& [value, others] : out) {
        std::sort(others.begin(), others.end());
        others.erase(std::unique(others.begin(), others.end()), others.end());
    }
    return out;
}

class Mutator {
public:
    // Every mutation of every seed, deduplicated by text, seeds included.
    std::vector<Payload> corpus() {
        auto all = seeds();
        for (const auto& s : all)
            grafts_[s.type].push_back(boost::json::parse(s.text));
        for (const auto& s : all)
            add(s.type, s.origin, s.text);
        for (const auto& s : all)
            mutate(s);
        return std::move(out_);
    }

    // How many payloads each kind of mutation contributed (before deduplication).
    const std::map<std::string, std::size_t>& counts() const { return counts_; }

private:
    void add(const std::string& type, const std::string& origin, std::string text) {
        if (seen_.insert(type + '\n' + text).second)
            out_.push_back({type, origin, std::move(text)});
    }

    template <class Edit>
    void variant(const Payload& seed, const std::string& kind, const std::string& what, Edit edit) {
        boost::json::value doc = boost::json::parse(seed.text);
        edit(doc);
        ++counts_[kind];
        add(seed.type, seed.origin + ": " + what, boost::json::serialize(doc));
    }

    void mutate(const Payload& seed) {
        const boost::json::value original = boost::json::parse(seed.text);
        std::vector<Node> nodes;
        collect(original, "", nodes);
        static const std::vector<std::pair<std::string, boost::json::value>> retypes{
            {"a string", "text"},
            {"an integer", 7},
            {"a fraction", 1.5},
            {"a boolean", true},
            {"null", nullptr},
            {"an array", boost::json::array{}},
            {"an object", boost::json::object{}}};

        for (const Node& n : nodes) {
            const boost::json::value& v = at(const_cast<boost::json::value&>(original), n.pointer);
            // removed
            variant(seed, "removed", "removed " + n.pointer, [&](boost::json::value& d) {
                auto& parent = at(d, n.parent);
                if (n.in_array)
                    parent.as_array().erase(parent.as_array().begin() + std::stol(n.key));
                else
                    parent.as_object().erase(n.key);
            });
            // retyped
            for (const auto& retype : retypes)
                if (retype.second.kind() != v.kind())
                    variant(seed, "retyped", n.pointer + " as " + retype.first,
                            [&](boost::json::value& d) { at(d, n.pointer) = retype.second; });
            // a boolean as a string: its own spelling, the other one, and one no reader takes
            if (v.is_bool())
                for (const char* text : {"true", "false", "True", "1"})
                    variant(seed, "boolean as a string", n.pointer + " = \"" + text + '"',
                            [&](boost::json::value& d) { at(d, n.pointer) = text; });
            if (v.is_int64())
                for (std::int64_t bound : {std::int64_t{-1}, std::int64_t{0}})
                    variant(seed, "out of range", n.pointer + " = " + std::to_string(bound),
                            [&](boost::json::value& d) { at(d, n.pointer) = bound; });
            // emptied
            if ((v.is_string() && !v.get_string().empty())
                || (v.is_array() && !v.get_array().empty())
                || (v.is_object() && !v.get_object().empty()))
                variant(seed, "emptied", "emptied " + n.pointer, [&](boost::json::value& d) {
                    auto& target = at(d, n.pointer);
                    if (target.is_string())
                        target = "";
                    else if (target.is_array())
                        target = boost::json::array{};
                    else
                        target = boost::json::object{};
                });
            // duplicated: an array's first item again, or an object's key written twice
            if (v.is_array() && !v.get_array().empty())
                variant(seed, "duplicated", "first item of " + n.pointer + " repeated",
                        [&](boost::json::value& d) {
                            auto& a = at(d, n.pointer).as_array();
                            a.push_back(boost::json::value(a.front()));
                        });
            if (!n.in_array) {
                std::string text;
                const auto* parent = &at(const_cast<boost::json::value&>(original), n.parent);
                write_repeating(text, original, &parent->get_object(), n.key);
                ++counts_["duplicated"];
                add(seed.type, seed.origin + ": key " + n.pointer + " repeated", text);
            }
            if (v.is_string())
                strings(seed, n, std::string(v.get_string()));
            if (v.is_object() || v.is_array())
                nesting(seed, n, v);
        }
        objects(seed, original, nodes);
    }

    // Broken enums, UUIDs and dates: another value of the same enum (conditionals flipped),
    // upper case, one character short or long, and for dates a wrong month and a day that
    // is not in the calendar.
    void strings(const Payload& seed, const Node& n, const std::string& s) {
        auto replace = [&](const std::string& kind, const std::string& with) {
            if (with != s)
                variant(seed, kind, n.pointer + " = \"" + with + '"',
                        [&](boost::json::value& d) { at(d, n.pointer) = with; });
        };
        if (auto it = siblings_.find(s); it != siblings_.end())
            for (const auto& other : it->second)
                replace("enum flipped", other);
        std::string upper = s;
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        replace("string broken", upper);
        replace("string broken", s.substr(0, s.size() - 1));
        replace("string broken", s + "0");
        static const std::regex date_shape(std::string(rk::text_schema<rk::Date>::value.pattern));
        if (std::regex_search(s, date_shape)) {
            replace("calendar", s.substr(0, 5) + "02-30");
            replace("calendar", s.substr(0, 5) + "04-31");
            replace("string broken", s.substr(0, 5) + "13-01");
            replace("string broken", s.substr(0, 5) + "00-10");
        }
    }

    // Nesting broken: a value wrapped in an array, an object's members lifted to its parent.
    void nesting(const Payload& seed, const Node& n, const boost::json::value& v) {
        variant(seed, "nesting", n.pointer + " wrapped in an array", [&](boost::json::value& d) {
            auto& target = at(d, n.pointer);
            target = boost::json::array{target};
        });
        if (v.is_object() && !n.in_array)
            variant(seed, "nesting", "members of " + n.pointer + " lifted to its parent",
                    [&](boost::json::value& d) {
                        auto members = at(d, n.pointer).as_object();
                        auto& parent = at(d, n.parent).as_object();
                        parent.erase(n.key);
                        for (const auto& kv : members)
                            parent[kv.key()] = kv.value();
                    });
    }

    void objects(const Payload& seed, const boost::json::value& original,
                 const std::vector<Node>& nodes) {
        std::vector<std::string> pointers{""};
        for (const Node& n : nodes)
            pointers.push_back(n.pointer);
        for (const auto& p : pointers) {
            const auto& v = at(const_cast<boost::json::value&>(original), p);
            if (!v.is_object())
                continue;
            // an unknown key
            variant(seed, "unknown key", "unknown key in " + (p.empty() ? "(root)" : p),
                    [&](boost::json::value& d) { at(d, p).as_object()["unexpected"] = 1; });
            // the values of two sibling strings swapped (start and end among them)
            const auto& o = v.get_object();
            for (auto a = o.begin(); a != o.end(); ++a)
                for (auto b = std::next(a); b != o.end(); ++b)
                    if (a->value().is_string() && b->value().is_string()
                        && a->value() != b->value())
                        variant(seed, "swapped",
                                p + ": " + std::string(a->key()) + " <-> " + std::string(b->key()),
                                [&](boost::json::value& d) {
                                    auto& obj = at(d, p).as_object();
                                    std::swap(obj[a->key()], obj[b->key()]);
                                });
            // grafted: a key that other seeds of this type have here and this one lacks (a
            // conditional flipped the other way: recipients on a save report, a generation
            // date on a monthly one, ...)
            for (const auto& donor : grafts_[seed.type]) {
                boost::system::error_code ec;
                const auto* there = donor.find_pointer(p, ec);
                if (!there || !there->is_object())
                    continue;
                for (const auto& kv : there->get_object())
                    if (!o.contains(kv.key()))
                        variant(seed, "grafted", "added " + p + token(kv.key()),
                                [&](boost::json::value& d) {
                                    at(d, p).as_object()[kv.key()] = kv.value();
                                });
            }
        }
    }

    std::map<std::string, std::vector<std::string>> siblings_ = enum_siblings();
    std::map<std::string, std::vector<boost::json::value>> grafts_;
    std::map<std::string, std::size_t> counts_;
    std::set<std::string> seen_;
    std::vector<Payload> out_;
};

} // namespace referee
