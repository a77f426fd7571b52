// Two JSON Schema validators written elsewhere judge every payload of the corpus against
// reportkit's own schema export, and must agree with reportkit's reader: valijson against the
// draft-07 export, ajv 8 (Node.js) against the draft 2020-12 export. The only payloads on which
// a schema may accept what reportkit rejects are those whose every error is a rule JSON Schema
// cannot carry (corpus.hpp, library_only); there the schema must accept.
#include "corpus.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace {

using namespace referee;

struct Judged {
    Payload payload;
    Judgement judgement;
};

const std::vector<Judged>& corpus() {
    static const std::vector<Judged> judged = [] {
        std::vector<Judged> out;
        for (auto& p : Mutator().corpus())
            out.push_back({p, payload_types().at(p.type).judge(p.text)});
        return out;
    }();
    return judged;
}

struct Verdict {
    bool valid;
    std::string errors;
};

// Compares a referee's verdicts with reportkit's; prints every disagreement with its payload.
void require_agreement(const std::string& referee, const std::vector<Verdict>& verdicts) {
    const auto& judged = corpus();
    REQUIRE(verdicts.size() == judged.size());
    std::size_t valid = 0, invalid = 0, library_only = 0, disagreements = 0;
    for (std::size_t i = 0; i < judged.size(); ++i) {
        const auto& [payload, judgement] = judged[i];
        bool expected = judgement.schema_valid;
        if (verdicts[i].valid != expected) {
            ++disagreements;
            std::ostringstream report;
            report << referee << " says " << (verdicts[i].valid ? "valid" : "invalid")
                   << ", reportkit says " << (judgement.valid ? "valid" : "invalid")
                   << (judgement.valid == expected ? "" : " (only for library-only rules)")
                   << "\n  type:    " << payload.type << "\n  origin:  " << payload.origin
                   << "\n  payload: " << payload.text << "\n  " << referee << ": "
                   << verdicts[i].errors << "\n  reportkit:";
            for (const auto& d : judgement.diagnostics)
                report << "\n    " << d;
            FAIL_CHECK(report.str());
            continue;
        }
        if (judgement.valid)
            ++valid;
        else if (expected)
            ++library_only;
        else
            ++invalid;
    }
    std::cout << referee << ": " << judged.size() << " payloads, agreement on "
              << judged.size() - disagreements << " (" << valid << " valid, " << invalid
              << " invalid, " << library_only
              << " rejected by reportkit for library-only rules and accepted by the schema), "
              << disagreements << " disagreements\n";
    REQUIRE(disagreements == 0);
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

TEST_CASE("the corpus: seeds of every type and every kind of mutation, valid and invalid",
          "[referee][corpus]") {
    Mutator mutator;
    auto payloads = mutator.corpus();
    CHECK(payloads.size() >= 300);
    for (const char* kind :
         {"removed", "retyped", "emptied", "duplicated", "enum flipped", "string broken",
          "calendar", "nesting", "unknown key", "swapped", "grafted", "out of range"}) {
        INFO(kind);
        CHECK(mutator.counts().count(kind));
    }
    std::set<std::string> types;
    for (const auto& p : payloads)
        types.insert(p.type);
    CHECK(types.size() == payload_types().size());

    std::size_t valid = 0, library_only = 0;
    for (const auto& [payload, judgement] : corpus()) {
        valid += judgement.valid;
        library_only += !judgement.valid && judgement.schema_valid;
    }
    std::cout << "corpus: " << corpus().size() << " payloads, " << valid << " valid, "
              << corpus().size() - valid << " invalid, of which " << library_only
              << " only for library-only rules\n";
    // Every side of the comparison is exercised.
    CHECK(valid >= 50);
    CHECK(corpus().size() - valid - library_only >= 300);
    CHECK(library_only >= 10);
}

TEST_CASE("valijson, against the draft-07 export, agrees with reportkit on every payload",
          "[referee][valijson]") {
    std::map<std::string, valijson::Schema> schemas;
    std::map<std::string, boost::json::value> schema_docs;
    for (const auto& [type, t] : payload_types()) {
        schema_docs[type] = t.schema({.draft = rk::SchemaDraft::draft07});
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::BoostJsonAdapter adapter(schema_docs[type]);
        parser.populateSchema(adapter, schemas[type]);
    }
    valijson::Validator validator;
    std::vector<Verdict> verdicts;
    for (const auto& [payload, judgement] : corpus()) {
        boost::json::value doc = boost::json::parse(payload.text);
        valijson::adapters::BoostJsonAdapter target(doc);
        valijson::ValidationResults results;
        bool valid = validator.validate(schemas.at(payload.type), target, &results);
        std::string errors;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const auto& step : error.context)
                where += step;
            errors += where + ": " + error.description + "; ";
        }
        verdicts.push_back({valid, errors});
    }
    require_agreement("valijson", verdicts);
}

TEST_CASE("ajv 8 with ajv-formats, against the 2020-12 export, agrees with reportkit on every "
          "payload",
          "[referee][ajv]") {
    // No skipping: without Node.js or the pinned ajv this test fails and says what is missing.
    const std::string node = REPORTKIT_NODE;
    INFO("Node.js: " << node);
    REQUIRE_FALSE(node.empty());
    REQUIRE(node.find("NOTFOUND") == std::string::npos);
    const std::filesystem::path dir = REPORTKIT_REFEREE_DIR;
    INFO("the pinned ajv is installed by `npm ci` in " << dir << " (scripts/install-deps.sh)");
    REQUIRE(std::filesystem::exists(dir / "node_modules" / "ajv" / "package.json"));
    REQUIRE(std::filesystem::exists(dir / "node_modules" / "ajv-formats" / "package.json"));

    boost::json::object schemas;
    for (const auto& [type, t] : payload_types())
        schemas[type] = t.schema({});
    boost::json::array payloads;
    for (const auto& [payload, judgement] : corpus())
        payloads.push_back(boost::json::object{{"type", payload.type}, {"text", payload.text}});
    auto work =
        std::filesystem::temp_directory_path() / ("reportkit-ajv-" + std::to_string(::getpid()));
    std::filesystem::create_directories(work);
    std::ofstream(work / "input.json") << boost::json::serialize(
        boost::json::object{{"schemas", schemas}, {"payloads", payloads}});

    std::string command =
        node + " " + (dir / "ajv_referee.js").string() + " " + (work / "input.json").string()
        + " > " + (work / "verdicts.json").string() + " 2> " + (work / "stderr.txt").string();
    int status = std::system(command.c_str());
    std::string verdict_text = read_text(work / "verdicts.json");
    std::string stderr_text = read_text(work / "stderr.txt");
    if (std::getenv("REPORTKIT_KEEP_AJV_FILES") == nullptr)
        std::filesystem::remove_all(work);
    INFO(command << "\n" << stderr_text);
    REQUIRE(status == 0);

    std::vector<Verdict> verdicts;
    boost::json::value parsed = boost::json::parse(verdict_text);
    for (const auto& v : parsed.as_array())
        verdicts.push_back({v.at("valid").as_bool(), std::string(v.at("errors").as_string())});
    require_agreement("ajv", verdicts);
}
