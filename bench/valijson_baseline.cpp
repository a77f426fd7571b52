// read_request*/valijson: Boost.JSON's parse, then valijson with the draft-07 schema reportkit
// exports for ReportRequest (rk::json_schema), the way a service validating against a published
// schema would do it.
#include "read_loop.hpp"

#include <reportkit/core/schema.hpp>
#include <reportkit/reports/request.hpp>

#include <boost/json.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

// The schema is compiled once and the validator keeps its compiled regular expressions between
// reads, as a long-running service would.
void reportkit::bench::read_valijson(benchmark::State& state, const std::string& text) {
    SchemaOptions options;
    options.draft = SchemaDraft::draft07;
    // Through text and back: valijson's Boost.JSON adapter reads integers only of kind int64,
    // while the export holds lengths as uint64; the parser gives int64 for both.
    boost::json::value schema_json =
        boost::json::parse(boost::json::serialize(json_schema<reports::ReportRequest>(options)));
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::BoostJsonAdapter schema_adapter(schema_json);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    read_loop(state, text, [&] {
        boost::json::value doc = boost::json::parse(text);
        valijson::adapters::BoostJsonAdapter adapter(doc);
        return validator.validate(schema, adapter, nullptr);
    });
}
