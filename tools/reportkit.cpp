// reportkit: validate, format and generate usage-report API payloads from the command line.
//
//   reportkit validate [--type T] [--json] [--today YYYY-MM-DD] [FILE|-]
//   reportkit format   [--type T] [--indent N] [--today YYYY-MM-DD] [FILE|-]
//   reportkit example  [NAME]
//
// Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable input.
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
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

using Checker = Outcome (*)(const std::string&, const rk::ReadOptions&, int);

const std::map<std::string, Checker>& payload_types() {
    static const std::map<std::string, Checker> types{
        {"request", &check<rp::ReportRequest>},
        {"report", &check<rp::Report>},
        {"update", &check<rp::ReportUpdate>},
        {"stored", &check<rp::StoredReports>},
        {"error", &check<rp::ApiError>},
        {"token", &check<rp::TokenResponse>},
        {"tenant-reports", &check<rp::TenantReports>},
    };
    return types;
}

Checker checker_for(const std::string& type) {
    auto it = payload_types().find(type);
    if (it == payload_types().end())
        throw UsageError("unknown --type \"" + type
                         + "\"; expected request, report, update, stored, error, token or "
                           "tenant-reports");
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
    Checker checker = checker_for(vm["type"].as<std::string>());
    auto options = read_options(vm);
    Outcome out = checker(read_input(vm["input"].as<std::string>()), options, 0);
    if (vm.count("json")) {
        boost::json::array list;
        for (const auto& d : out.diagnostics)
            list.push_back({{"pointer", d.pointer},
                            {"code", d.code},
                            {"severity", std::string(rk::to_string(d.severity))},
                            {"message", d.message}});
        std::cout << boost::json::serialize(
            boost::json::object{{"valid", out.valid}, {"diagnostics", list}})
                  << '\n';
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
    Checker checker = checker_for(vm["type"].as<std::string>());
    Outcome out = checker(read_input(vm["input"].as<std::string>()), read_options(vm), indent);
    for (const auto& d : out.diagnostics)
        std::cerr << d << '\n';
    if (!out.valid)
        return exit_invalid;
    std::cout << out.canonical << '\n';
    return exit_valid;
}

struct Example {
    std::string description;
    std::function<std::string()> json;
};

const std::map<std::string, Example>& example_payloads() {
    static const std::map<std::string, Example> examples{
        {"seed-request",
         {"the documentation's request: usage_summary, sent once to two recipients",
          [] { return rk::to_json_string(rp::examples::seed_request(), {.indent = 4}); }}},
        {"seed-report",
         {"the server's answer to seed-request",
          [] { return rk::to_json_string(rp::examples::seed_report(), {.indent = 4}); }}},
    };
    return examples;
}

int run_example(const std::vector<std::string>& args) {
    Subcommand sub{po::options_description("example options"), {}};
    sub.options.add_options()("name", po::value<std::string>(), "example to print");
    sub.positional.add("name", 1);
    auto vm = parse("example", sub, args, "[NAME]");
    const auto& examples = example_payloads();
    if (!vm.count("name")) {
        for (const auto& [name, example] : examples)
            std::cout << name << "  " << example.description << '\n';
        return exit_valid;
    }
    auto it = examples.find(vm["name"].as<std::string>());
    if (it == examples.end())
        throw UsageError("no example named \"" + vm["name"].as<std::string>()
                         + "\"; run `reportkit example` for the list");
    std::cout << it->second.json() << '\n';
    return exit_valid;
}

constexpr const char* overview = R"(usage: reportkit <command> [options]

commands:
  validate   check a payload against the usage-report API; one line per problem
  format     print a valid payload as canonical JSON
  example    list the example payloads, or print one by name

Run `reportkit <command> --help` for a command's options.
)";

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << overview;
        return args.empty() ? exit_usage : exit_valid;
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
