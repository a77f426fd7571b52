// reportkit: validate, format and generate usage-report API payloads from the command line.
//
//   reportkit validate [--type T] [--json] [--today YYYY-MM-DD] [FILE|-]
//   reportkit format   [--type T] [--indent N] [--today YYYY-MM-DD] [FILE|-]
//   reportkit example  [NAME]
//   reportkit schema   [--type T] [--draft 2020-12|7]
//   reportkit --version
//
// Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable input.
#include <reportkit/core/schema.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>
#include <reportkit/reports/payload_types.hpp>
#include <reportkit/version.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/hana/define_struct.hpp>
#include <boost/program_options.hpp>

namespace po = boost::program_options;
namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

constexpr int exit_valid = 0, exit_invalid = 1, exit_usage = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string read_input(const std::string& file) {
    std::ostringstream buffer;
    if (file == "-") {
        buffer << std::cin.rdbuf();
        return buffer.str();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw UsageError("cannot read " + file);
    buffer << in.rdbuf();
    return buffer.str();
}

// What `validate --json` prints, written by the library's writer like every JSON it prints (a
// diagnostic quotes the input, which may hold bytes that are not UTF-8).
struct PrintedDiagnostic {
    BOOST_HANA_DEFINE_STRUCT(PrintedDiagnostic, (std::string, pointer), (std::string, code),
                             (std::string, severity), (std::string, message));
};
struct ValidationReport {
    BOOST_HANA_DEFINE_STRUCT(ValidationReport, (bool, valid),
                             (std::vector<PrintedDiagnostic>, diagnostics));
};

// What a subcommand does with a payload once it knows its C++ type.
struct Outcome {
    std::vector<rk::Diagnostic> diagnostics;
    std::string canonical; // canonical JSON when valid
    bool valid = false;
};

template <class T>
Outcome check(const std::string& text, const rk::ReadOptions& options, int indent) {
    auto result = rk::from_json<T>(text, options);
    Outcome out{result.diagnostics(), {}, bool(result)};
    if (result)
        out.canonical = rk::to_json_string(*result, {.indent = indent});
    return out;
}

template <class T>
std::string schema_of(const rk::SchemaOptions& options) {
    return rk::to_json_string(rk::json_schema<T>(options), {.indent = 2});
}

// What the command line can do with each payload type, found by its --type name.
struct PayloadType {
    Outcome (*check)(const std::string&, const rk::ReadOptions&, int);
    std::string (*schema)(const rk::SchemaOptions&);
};

template <class T>
constexpr PayloadType payload_type() {
    return {&check<T>, &schema_of<T>};
}

const std::map<std::string, PayloadType>& payload_types() {
    static const std::map<std::string, PayloadType> types = [] {
        std::map<std::string, PayloadType> out;
        rp::for_each_payload_type([&](std::string_view name, auto type) {
            out.emplace(name, payload_type<typename decltype(type)::type>());
        });
        return out;
    }();
    return types;
}

const PayloadType& payload_type_named(const std::string& type) {
    auto it = payload_types().find(type);
    if (it == payload_types().end()) {
        std::string names;
        rp::for_each_payload_type([&](std::string_view name, auto) {
            names += (names.empty() ? "" : ", ") + std::string(name);
        });
        throw UsageError("unknown --type \"" + type + "\"; expected one of " + names);
    }
    return it->second;
}

rk::ReadOptions read_options(const po::variables_map& vm) {
    rk::ReadOptions options;
    if (vm.count("today")) {
        std::string why;
        options.today = rk::Date::parse(vm["today"].as<std::string>(), &why);
        if (!options.today)
            throw UsageError("--today: " + why);
    }
    return options;
}

struct Subcommand {
    po::options_description options;
    po::positional_options_description positional;
};

po::variables_map parse(const std::string& name, Subcommand& sub,
                        const std::vector<std::string>& args, const std::string& synopsis) {
    sub.options.add_options()("help,h", "show this help");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(sub.options).positional(sub.positional).run(),
              vm);
    if (vm.count("help")) {
        std::cout << "usage: reportkit " << name << ' ' << synopsis << "\n\n" << sub.options;
        throw std::integral_constant<int, 0>{};
    }
    po::notify(vm);
    return vm;
}

void add_type_option(Subcommand& sub) {
    sub.options.add_options()("type,t", po::value<std::string>()->default_value("request"),
                              "payload type: request, report, update, stored, error, token, "
                              "tenant-reports")(
        "today", po::value<std::string>(),
        "the date rules call today (YYYY-MM-DD); default: the UTC date");
    sub.options.add_options()("input", po::value<std::string>()->default_value("-"),
                              "file to read, - for standard input");
    sub.positional.add("input", 1);
}

int run_validate(const std::vector<std::string>& args) {
    Subcommand sub{po::options_description("validate options"), {}};
    add_type_option(sub);
    sub.options.add_options()("json", "print {\"valid\", \"diagnostics\"} as JSON");
    auto vm = parse("validate", sub, args, "[--type T] [--json] [--today YYYY-MM-DD] [FILE|-]");
    const PayloadType& type = payload_type_named(vm["type"].as<std::string>());
    auto options = read_options(vm);
    Outcome out = type.check(read_input(vm["input"].as<std::string>()), options, 0);
    if (vm.count("json")) {
        ValidationReport report{out.valid, {}};
        for (const auto& d : out.diagnostics)
            report.diagnostics.push_back(
                {d.pointer, d.code, std::string(rk::to_string(d.severity)), d.message});
        std::cout << rk::to_json_string(report) << '\n';
    } else {
        for (const auto& d : out.diagnostics)
            std::cout << d << '\n';
        if (out.valid)
            std::cout << "valid\n";
    }
    return out.valid ? exit_valid : exit_invalid;
}

int run_format(const std::vector<std::string>& args) {
    Subcommand sub{po::options_description("format options"), {}};
    add_type_option(sub);
    sub.options.add_options()("indent", po::value<int>()->default_value(4),
                              "spaces per level; 0 for compact output");
    auto vm = parse("format", sub, args, "[--type T] [--indent N] [FILE|-]");
    int indent = vm["indent"].as<int>();
    if (indent < 0 || indent > 16)
        throw UsageError("--indent must be between 0 and 16");
    const PayloadType& type = payload_type_named(vm["type"].as<std::string>());
    Outcome out = type.check(read_input(vm["input"].as<std::string>()), read_options(vm), indent);
    for (const auto& d : out.diagnostics)
        std::cerr << d << '\n';
    if (!out.valid)
        return exit_invalid;
    std::cout << out.canonical << '\n';
    return exit_valid;
}

int run_example(const std::vector<std::string>& args) {
    Subcommand sub{po::options_description("example options"), {}};
    sub.options.add_options()("name", po::value<std::string>(), "example to print");
    sub.positional.add("name", 1);
    auto vm = parse("example", sub, args, "[NAME]");
    if (!vm.count("name")) {
        std::size_t width = 0;
        for (const auto& example : rp::examples::all())
            width = std::max(width, example.name.size());
        for (const auto& example : rp::examples::all())
            std::cout << example.name << std::string(width + 2 - example.name.size(), ' ')
                      << example.type << ": " << example.description << '\n';
        return exit_valid;
    }
    const auto* example = rp::examples::find(vm["name"].as<std::string>());
    if (!example)
        throw UsageError("no example named \"" + vm["name"].as<std::string>()
                         + "\"; run `reportkit example` for the list");
    std::cout << example->json << '\n';
    return exit_valid;
}

int run_schema(const std::vector<std::string>& args) {
    Subcommand sub{po::options_description("schema options"), {}};
    sub.options.add_options()("type,t", po::value<std::string>()->default_value("request"),
                              "payload type: request, report, update, stored, error, token, "
                              "tenant-reports")(
        "draft", po::value<std::string>()->default_value("2020-12"), "2020-12 or 7 (draft-07)");
    auto vm = parse("schema", sub, args, "[--type T] [--draft 2020-12|7]");
    const PayloadType& type = payload_type_named(vm["type"].as<std::string>());
    std::string draft = vm["draft"].as<std::string>();
    rk::SchemaOptions options;
    if (draft == "7" || draft == "07" || draft == "draft-07")
        options.draft = rk::SchemaDraft::draft07;
    else if (draft != "2020-12")
        throw UsageError("unknown --draft \"" + draft + "\"; expected 2020-12 or 7");
    std::cout << type.schema(options) << '\n';
    return exit_valid;
}

constexpr const char* overview = R"(usage: reportkit <command> [options]

commands:
  validate   check a payload against the usage-report API; one line per problem
  format     print a valid payload as canonical JSON
  example    list the example payloads, or print one by name
  schema     print the JSON Schema of a payload type (draft 2020-12 or draft-07)

Run `reportkit <command> --help` for a command's options, `reportkit --version` for the version.
)";

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << overview;
        return args.empty() ? exit_usage : exit_valid;
    }
    if (args[0] == "--version") {
        std::cout << "reportkit " << rk::version << '\n';
        return exit_valid;
    }
    std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "validate")
            return run_validate(args);
        if (command == "format")
            return run_format(args);
        if (command == "example")
            return run_example(args);
        if (command == "schema")
            return run_schema(args);
        throw UsageError("unknown command \"" + command + "\"");
    } catch (std::integral_constant<int, 0>) {
        return exit_valid; // --help was printed
    } catch (const po::error& e) {
        std::cerr << "reportkit " << command << ": " << e.what() << '\n';
        return exit_usage;
    } catch (const UsageError& e) {
        std::cerr << "reportkit " << command << ": " << e.what() << '\n';
        if (std::string_view(e.what()).starts_with("unknown command"))
            std::cerr << overview;
        return exit_usage;
    }
}
