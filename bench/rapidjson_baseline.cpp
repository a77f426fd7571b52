// read_request*/rapidjson_schema: RapidJSON's DOM parse, then its SchemaValidator with a draft-04
// schema written by hand to say what ReportRequest's declaration says (bench/request.draft04.json).
#include "payloads.hpp"
#include "read_loop.hpp"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>

void reportkit::bench::read_rapidjson_schema(benchmark::State& state, const std::string& text) {
    std::string schema_text =
        read_file(std::string(REPORTKIT_SOURCE_DIR) + "/bench/request.draft04.json");
    rapidjson::Document schema_json;
    schema_json.Parse(schema_text.data(), schema_text.size());
    if (schema_json.HasParseError()) {
        state.SkipWithError("bench/request.draft04.json is not JSON");
        return;
    }
    rapidjson::SchemaDocument schema(schema_json);
    read_loop(state, text, [&] {
        rapidjson::Document doc;
        doc.Parse(text.data(), text.size());
        if (doc.HasParseError())
            return false;
        rapidjson::SchemaValidator validator(schema);
        doc.Accept(validator);
        return validator.IsValid();
    });
}
