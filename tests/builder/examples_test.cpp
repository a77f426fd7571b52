// The example payloads: each is valid without a single warning, reads back to its own text, is
// what `reportkit example NAME` prints, and is what examples/generate_examples writes.
#include "../support/process.hpp"

#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace rk = reportkit;
namespace rp = reportkit::reports;
using reportkit::testing::run;

namespace {

const std::string cli = reportkit::testing::bin("reportkit");

template <class T>
rk::Result<T> read(const std::string& text) {
    return rk::from_json<T>(text);
}

// Reads `text` as the payload type `type` names; the diagnostics, and the canonical text.
std::pair<std::vector<rk::Diagnostic>, std::string> judge(const std::string& type,
                                                          const std::string& text) {
    auto canonical = [](const auto& result) {
        return std::make_pair(result.diagnostics(),
                              result ? rk::to_json_string(*result, {.indent = 4}) : "");
    };
    if (type == "request")
        return canonical(read<rp::ReportRequest>(text));
    if (type == "report")
        return canonical(read<rp::Report>(text));
    REQUIRE(type == "update");
    return canonical(read<rp::ReportUpdate>(text));
}

} // namespace

TEST_CASE("every example is valid, warning-free, and reads back to its own text", "[examples]") {
    for (const auto& example : rp::examples::all()) {
        INFO(example.name << '\n' << example.json);
        auto [diagnostics, canonical] = judge(example.type, example.json);
        CHECK(diagnostics.empty());
        CHECK(canonical == example.json);
    }
}

TEST_CASE("the examples cover every kind x result action x schedule, an update and a disable",
          "[examples]") {
    std::set<std::string> shapes;
    for (const auto& example : rp::examples::all()) {
        if (example.type != "request" || example.name.starts_with("seed-"))
            continue;
        auto request = rk::from_json<rp::ReportRequest>(example.json);
        REQUIRE(request);
        std::string schedule(rk::to_string(request->schedule.type));
        if (request->generation_date)
            schedule += " on a date";
        shapes.insert(std::string(rk::to_string(request->parameters.kind)) + ' '
                      + std::string(rk::to_string(request->result_action)) + ' ' + schedule);
    }
    CHECK(shapes.size() == 4 * 2 * 3);
    for (std::string_view kind : rk::enum_names<rp::Kind>())
        for (std::string_view action : rk::enum_names<rp::ResultAction>())
            for (std::string schedule : {"once", "once on a date", "monthly"})
                CHECK(shapes.count(std::string(kind) + ' ' + std::string(action) + ' ' + schedule));

    REQUIRE(rp::examples::find("disable"));
    CHECK(rk::to_json_string(*rk::from_json<rp::ReportUpdate>(rp::examples::find("disable")->json))
          == R"({"schedule":{"enabled":false}})");
    REQUIRE(rp::examples::find("update"));
    CHECK(rp::examples::find("update")->type == "update");
    REQUIRE(rp::examples::find("seed-request"));
    REQUIRE(rp::examples::find("seed-report"));
    CHECK_FALSE(rp::examples::find("no-such-example"));
}

TEST_CASE("`reportkit example` lists every example and prints each one", "[examples][cli]") {
    auto list = run(cli + " example");
    REQUIRE(list.status == 0);
    for (const auto& example : rp::examples::all()) {
        INFO(example.name);
        CHECK(list.out.find(example.name + ' ') != std::string::npos);
        auto printed = run(cli + " example " + example.name);
        CHECK(printed.status == 0);
        CHECK(printed.out == example.json + '\n');
    }
    CHECK(run(cli + " example no-such-example 2>/dev/null").status == 2);
}

TEST_CASE("examples/generate_examples writes the same payloads with the builder",
          "[examples][program]") {
    auto dir = std::filesystem::temp_directory_path() / "reportkit-generated-examples";
    std::filesystem::remove_all(dir);
    auto generated = run(reportkit::testing::bin("generate_examples") + " " + dir.string());
    REQUIRE(generated.status == 0);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++files;
        std::string name = entry.path().stem().string();
        INFO(name);
        const auto* example = rp::examples::find(name);
        REQUIRE(example);
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        CHECK(text.str() == example->json + '\n');
    }
    CHECK(files == rp::examples::all().size());
    std::filesystem::remove_all(dir);
}
