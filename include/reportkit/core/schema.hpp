// json_schema<T>: the JSON Schema of a reflected struct, made from the same declarations that
// reading and validation use: field names and types, optional or not, the declared rules, the
// declared descriptions.
//
//     boost::json::object schema = rk::json_schema<MyStruct>();                 // draft 2020-12
//     auto draft7 = rk::json_schema<MyStruct>({.draft = rk::SchemaDraft::draft07});
//     std::cout << rk::to_json_string(schema, {.indent = 2});
//
// Nested structs, enums and value types are written once under `$defs` (`definitions` in
// draft-07) and referred to with `$ref`. Rules a schema cannot express (comparing two fields,
// "not in the future", warnings) are listed in the struct's `$comment`: only the library checks
// them.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/describe.hpp>
#include <reportkit/core/enum.hpp>
#include <reportkit/core/reflect.hpp>
#include <reportkit/core/rules.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/core/value_kind.hpp>
#include <reportkit/core/write.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cxxabi.h>

namespace reportkit {

enum class SchemaDraft { draft2020_12, draft07 };

struct SchemaOptions {
    SchemaDraft draft = SchemaDraft::draft2020_12;
    std::string id = {}; // written as `$id` when not empty
};

// How a string-shaped value type (TextValue) appears in a schema. Specialize `text_schema` for a
// value type of your own; the pattern must accept what T::parse accepts, short of the checks a
// regular expression cannot make (which then live only in the library, e.g. calendar dates).
struct TextSchema {
    std::string_view name;
    std::string_view description;
    std::string_view pattern;
    std::size_t min_length = 0; // 0: unbounded
    std::size_t max_length = 0; // 0: unbounded
    std::string_view format;    // an annotation: validators may or may not assert it
};

template <class T>
struct text_schema; // static constexpr TextSchema value

template <>
struct text_schema<Uuid> {
    static constexpr TextSchema value{"Uuid",
                                      "A UUID in lower-case 8-4-4-4-12 hexadecimal form.",
                                      "^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$",
                                      36,
                                      36,
                                      {}};
};

template <>
struct text_schema<Date> {
    // The pattern bounds months and days; that the day exists in its month (no 2017-02-30) is
    // checked by the library only.
    static constexpr TextSchema value{"Date",
                                      "A calendar date, YYYY-MM-DD.",
                                      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
                                      10,
                                      10,
                                      {}};
};

template <>
struct text_schema<Timestamp> {
    static constexpr TextSchema value{
        "Timestamp",
        "An RFC 3339 date-time, e.g. 2019-08-08T07:36:57+00:00.",
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:"
        "([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
        20,
        0,
        "date-time"};
};

namespace detail {

// "reportkit::reports::ReportRequest" -> "ReportRequest": the name under `$defs`.
template <class T>
std::string schema_type_name() {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(
        abi::__cxa_demangle(typeid(T).name(), nullptr, nullptr, &status), std::free);
    std::string name = status == 0 ? demangled.get() : typeid(T).name();
    auto colon = name.rfind("::");
    return colon == std::string::npos ? name : name.substr(colon + 2);
}

// Direct initialization, so std::string and std::string_view convert as well as JSON values.
template <class V>
void put(boost::json::object& o, std::string_view key, V&& v) {
    o[key] = boost::json::value(std::forward<V>(v));
}

class SchemaWriter {
public:
    explicit SchemaWriter(const SchemaOptions& options) : options_(options) {}

    template <class T>
    boost::json::object document() {
        boost::json::object doc;
        put(doc, "$schema",
            draft07() ? "http://json-schema.org/draft-07/schema#"
                      : "https://json-schema.org/draft/2020-12/schema");
        if (!options_.id.empty())
            put(doc, "$id", options_.id);
        if constexpr (Reflected<T>) {
            put(doc, "title", schema_type_name<T>());
            for (auto& kv : object_schema<T>())
                doc.insert(kv);
        } else {
            boost::json::value schema = of<T>();
            for (auto& kv : schema.as_object())
                doc.insert(kv);
        }
        if (!defs_.empty())
            put(doc, draft07() ? "definitions" : "$defs", std::move(defs_));
        return doc;
    }

    // The schema of a C++ type: inline for JSON's own types, a `$ref` for named ones.
    template <class T>
    boost::json::value of() {
        constexpr ValueKind kind = value_kind<T>;
        if constexpr (kind == ValueKind::optional) {
            return of<typename T::value_type>();
        } else if constexpr (kind == ValueKind::boolean) {
            return boost::json::object{{"type", "boolean"}};
        } else if constexpr (kind == ValueKind::lenient_boolean) {
            // The strings are accepted (with a warning the schema cannot give), so a validator
            // must accept them too.
            return define<T>("LenientBool", [] {
                return boost::json::object{
                    {"description", "A boolean; the strings \"true\" and \"false\" are read as "
                                    "one, with a warning."},
                    {"anyOf", boost::json::array{
                                  boost::json::object{{"type", "boolean"}},
                                  boost::json::object{
                                      {"type", "string"},
                                      {"enum", boost::json::array{LenientBool::true_text,
                                                                  LenientBool::false_text}}}}}};
            });
        } else if constexpr (kind == ValueKind::integer) {
            return boost::json::object{{"type", "integer"}};
        } else if constexpr (kind == ValueKind::floating) {
            return boost::json::object{{"type", "number"}};
        } else if constexpr (kind == ValueKind::string) {
            return boost::json::object{{"type", "string"}};
        } else if constexpr (kind == ValueKind::enumeration) {
            return define<T>(std::string(enum_type_name<T>()), [] {
                boost::json::array names;
                for (std::string_view n : enum_names<T>())
                    names.emplace_back(n);
                return boost::json::object{{"type", "string"}, {"enum", std::move(names)}};
            });
        } else if constexpr (kind == ValueKind::text) {
            constexpr TextSchema ts = text_schema<T>::value;
            return define<T>(std::string(ts.name), [&] { return text(ts); });
        } else if constexpr (kind == ValueKind::sequence) {
            return boost::json::object{{"type", "array"}, {"items", of<typename T::value_type>()}};
        } else if constexpr (kind == ValueKind::variant) {
            return variant_schema(static_cast<T*>(nullptr));
        } else if constexpr (kind == ValueKind::json_object) {
            return boost::json::object{{"type", "object"}};
        } else if constexpr (kind == ValueKind::json_value) {
            return boost::json::object{}; // any JSON value
        } else {
            assert_structure_kind<T>();
            return define<T>(schema_type_name<T>(), [&] { return object_schema<T>(); });
        }
    }

    bool draft07() const { return options_.draft == SchemaDraft::draft07; }

private:
    template <class T, class Make>
    boost::json::value define(const std::string& name, Make make) {
        std::string ref = (draft07() ? "#/definitions/" : "#/$defs/") + name;
        if (!defs_.contains(name)) {
            defs_[name] = boost::json::object{}; // claimed first, so a recursive type terminates
            boost::json::object made = make();
            defs_[name] = std::move(made);
        }
        return boost::json::object{{"$ref", ref}};
    }

    static boost::json::object text(const TextSchema& ts) {
        boost::json::object o{{"type", "string"}, {"description", ts.description}};
        // Signed, as most validators (valijson among them) read lengths.
        if (ts.min_length)
            put(o, "minLength", static_cast<std::int64_t>(ts.min_length));
        if (ts.max_length)
            put(o, "maxLength", static_cast<std::int64_t>(ts.max_length));
        put(o, "pattern", ts.pattern);
        if (!ts.format.empty())
            put(o, "format", ts.format);
        return o;
    }

    // `anyOf` rather than a `type` list: ajv's strict mode refuses union types by default.
    template <class... Alts>
    boost::json::value variant_schema(std::variant<Alts...>*) {
        return boost::json::object{{"anyOf", boost::json::array{of<Alts>()...}}};
    }

    template <Reflected T>
    boost::json::object object_schema();

    const SchemaOptions& options_;
    boost::json::object defs_;
};

// Turns one struct's declared rules into keywords of its schema. Paths of more than one step
// reach into nested objects with nested `properties`; each level says `type: object` so a
// validator in strict mode knows what the keywords apply to.
class RuleSchema {
public:
    RuleSchema(boost::json::object& properties, boost::json::array& required)
        : properties_(properties), required_(required) {}

    template <class P, class V>
    void keyword(const P& target, std::string_view name, V value) {
        auto names = target.names();
        boost::json::object leaf{{name, boost::json::value(value)}};
        auto* prop = names.size() == 1 ? properties_.if_contains(names[0]) : nullptr;
        if (prop && !prop->as_object().contains("$ref")) {
            for (auto& kv : leaf)
                prop->as_object().insert(kv);
            return;
        }
        all_of_.push_back(nest(names, names.size(), std::move(leaf)));
    }

    template <class P>
    void required(const P& target) {
        auto names = target.names();
        if (names.size() == 1) {
            required_.emplace_back(names[0]);
            return;
        }
        all_of_.push_back(nest(names, names.size() - 1, required_leaf(names)));
    }

    template <class P, class Condition>
    void required_if(const P& target, const Condition& condition) {
        auto names = target.names();
        all_of_.push_back(
            boost::json::object{{"if", holds(condition)},
                                {"then", nest(names, names.size() - 1, required_leaf(names))}});
    }

    // `type` beside `minItems`: ajv's strict mode wants to know what a keyword applies to.
    template <class P, class Condition>
    void min_items_if(const P& target, std::int64_t n, const Condition& condition) {
        auto names = target.names();
        all_of_.push_back(boost::json::object{
            {"if", holds(condition)},
            {"then",
             nest(names, names.size(), boost::json::object{{"type", "array"}, {"minItems", n}})}});
    }

    template <class P, class Condition>
    void forbidden_unless(const P& target, const Condition& condition) {
        auto names = target.names();
        all_of_.push_back(boost::json::object{{"if", present(names, boost::json::object{})},
                                              {"then", holds(condition)}});
    }

    // An array with items is "present"; `[]` is let through whatever the condition.
    template <class P, class Condition>
    void empty_unless(const P& target, const Condition& condition) {
        auto names = target.names();
        all_of_.push_back(boost::json::object{
            {"if", present(names, boost::json::object{{"type", "array"}, {"minItems", 1}})},
            {"then", holds(condition)}});
    }

    template <class P, class Items, class Condition>
    void items_one_of_if(const P& target, const Items& allowed, const Condition& condition) {
        boost::json::array values;
        for (const auto& v : allowed)
            values.push_back(to_json(v));
        all_of_.push_back(boost::json::object{
            {"if", holds(condition)},
            {"then", nest(target.names(), target.names().size(),
                          boost::json::object{
                              {"items", boost::json::object{{"enum", std::move(values)}}}})}});
    }

    // Each field, when present, requires the others.
    void together(const std::vector<std::vector<std::string_view>>& targets) {
        for (std::size_t i = 0; i < targets.size(); ++i) {
            boost::json::array then;
            for (std::size_t j = 0; j < targets.size(); ++j)
                if (j != i)
                    then.push_back(
                        nest(targets[j], targets[j].size() - 1, required_leaf(targets[j])));
            all_of_.push_back(
                boost::json::object{{"if", present(targets[i], boost::json::object{})},
                                    {"then", boost::json::object{{"allOf", std::move(then)}}}});
        }
    }

    void library_only(std::string rule) { library_only_.push_back(std::move(rule)); }

    // Adds `allOf` and `$comment` to the struct's schema when the rules produced any.
    void finish(boost::json::object& schema) {
        if (!all_of_.empty())
            put(schema, "allOf", std::move(all_of_));
        if (!library_only_.empty()) {
            std::string comment = "Checked by the library only, not expressible in JSON Schema: ";
            for (std::size_t i = 0; i < library_only_.size(); ++i)
                comment += (i ? "; " : "") + library_only_[i];
            put(schema, "$comment", comment);
        }
    }

private:
    using Names = std::vector<std::string_view>;

    // {properties: {a: {type: object, properties: {b: inner}}}} for the first `depth` names.
    static boost::json::object nest(const Names& names, std::size_t depth,
                                    boost::json::object inner) {
        for (std::size_t i = depth; i-- > 0;) {
            boost::json::object level{{"properties", boost::json::object{{names[i], inner}}}};
            if (i > 0)
                level = with_object_type(std::move(level));
            inner = std::move(level);
        }
        return inner;
    }

    static boost::json::object with_object_type(boost::json::object o) {
        boost::json::object typed{{"type", "object"}};
        for (auto& kv : o)
            typed.insert(kv);
        return typed;
    }

    static boost::json::object required_leaf(const Names& names) {
        boost::json::object leaf{{"required", boost::json::array{names.back()}}};
        return names.size() > 1 ? with_object_type(std::move(leaf)) : leaf;
    }

    // Every field on the path is present, and the last one matches `leaf`:
    // {required: [a], properties: {a: {type: object, required: [b], properties: {b: leaf}}}}.
    static boost::json::object present(const Names& names, boost::json::object leaf) {
        boost::json::value inner = std::move(leaf);
        for (std::size_t i = names.size(); i-- > 0;) {
            boost::json::object level{{"required", boost::json::array{names[i]}}};
            if (!inner.as_object().empty())
                put(level, "properties", boost::json::object{{names[i], inner}});
            inner = i > 0 ? with_object_type(std::move(level)) : level;
        }
        return inner.as_object();
    }

    template <class Condition>
    static boost::json::object holds(const Condition& condition) {
        boost::json::array values;
        for (const auto& v : condition.values)
            values.push_back(to_json(v));
        boost::json::object leaf;
        if (values.size() == 1)
            put(leaf, "const", values[0]);
        else
            put(leaf, "enum", std::move(values));
        return present(condition.path.names(), std::move(leaf));
    }

    boost::json::object& properties_;
    boost::json::array& required_;
    boost::json::array all_of_;
    std::vector<std::string> library_only_;
};

template <Reflected T>
boost::json::object SchemaWriter::object_schema() {
    boost::json::object properties;
    boost::json::array required;
    for_each_field_type<T>([&](std::size_t index, std::string_view name, auto tag) {
        using F = typename decltype(tag)::type;
        boost::json::object field;
        if (auto text = field_description<T>(index); !text.empty())
            put(field, "description", text);
        // Named: a range-for over a member of a temporary would dangle (before C++23).
        boost::json::value type_schema = of<F>();
        for (auto& kv : type_schema.as_object())
            field.insert(kv);
        properties[name] = std::move(field);
        if constexpr (!is_optional_v<F>)
            required.emplace_back(name);
    });
    RuleSchema rules(properties, required);
    if constexpr (HasRules<T>) {
        static constexpr auto declared = T::rules();
        detail::apply_pack([&](const auto&... rule) { (rule.schema(rules), ...); }, declared);
    }

    boost::json::object schema;
    if (auto text = struct_description<T>(); !text.empty())
        put(schema, "description", text);
    put(schema, "type", "object");
    put(schema, "properties", std::move(properties));
    if (!required.empty())
        put(schema, "required", std::move(required));
    put(schema, "additionalProperties", false);
    rules.finish(schema);
    return schema;
}

} // namespace detail

// The JSON Schema of T: the whole document, `$schema` first.
template <class T>
boost::json::object json_schema(const SchemaOptions& options = {}) {
    return detail::SchemaWriter(options).document<T>();
}

} // namespace reportkit
