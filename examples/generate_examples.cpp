// generate_examples DIR: writes one valid payload per report shape into DIR/<name>.json, each
// made with the fluent builders: every kind x result action x schedule, an update, a disable,
// and the documentation's own request and answer. `reportkit example` prints the same set.
#include <reportkit/reports.hpp>
#include <reportkit/reports/builder.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace rk = reportkit;
namespace rp = reportkit::reports;

namespace {

const char* const tenant = "ede9f834-70b3-476c-83d9-736f9f8c7dae";
const char* const alice = "ca451758-b48a-45d9-9ae6-8f1059f67619";
const char* const bob = "ab00e527-219b-481b-b01b-311b5be0ed3c";

std::filesystem::path out_dir;

// Writes the payload when it is valid; prints why not otherwise.
template <class T>
bool write(const std::string& name, const rk::Result<T>& payload) {
    for (const rk::Diagnostic& d : payload.diagnostics())
        std::cerr << name << ": " << d << '\n';
    if (!payload)
        return false;
    std::ofstream(out_dir / (name + ".json"))
        << rk::to_json_string(*payload, {.indent = 4}) << '\n';
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: generate_examples DIR\n";
        return 2;
    }
    out_dir = argv[1];
    std::filesystem::create_directories(out_dir);
    bool ok = true;

    // The documentation's request, as its Python code builds it.
    auto seed = rp::usage_report()
                    .kind(rp::Kind::usage_summary)
                    .tenant(tenant)
                    .level(rp::Level::accounts)
                    .period("2017-05-01", "2017-05-07")
                    .formats({rp::Format::csv, rp::Format::html})
                    .once_on("2017-05-08") // schedule once + generation_date
                    .send_to({alice, bob}) // result_action send + recipients
                    .build();
    ok &= write("seed-request", seed);
    auto id = *rk::Uuid::parse("20dffb36-d77b-45c6-b2fa-39276e98d5fc");
    ok &= write("seed-report", rk::Result<rp::Report>(rp::make_report(*seed, id)));

    for (rp::Kind kind : {rp::Kind::usage_daily, rp::Kind::usage_summary, rp::Kind::usage_current,
                          rp::Kind::usage_breakdown}) {
        auto report = rp::usage_report().kind(kind).tenant(tenant).level(rp::Level::accounts);
        if (kind != rp::Kind::usage_current) // the other kinds report over a period
            report = report.period("2017-05-01", "2017-05-31");
        if (kind == rp::Kind::usage_breakdown)
            report = report.hide_zero_usage(true);

        // Monthly reports support only csv and html.
        auto once = report.formats({rp::Format::csv_v2_0, rp::Format::json_v2_0});
        auto monthly = report.formats({rp::Format::csv, rp::Format::html});
        std::string k(rk::to_string(kind));

        ok &= write(k + "-send-once", once.once().send_to({alice, bob}).build());
        ok &= write(k + "-send-once_on", once.once_on("2017-06-01").send_to({alice, bob}).build());
        ok &= write(k + "-send-monthly", monthly.monthly().send_to({alice, bob}).build());
        ok &= write(k + "-save-once", once.show_skus(true).once().save().build());
        ok &= write(k + "-save-once_on", once.show_skus(true).once_on("2017-06-01").save().build());
        ok &= write(k + "-save-monthly", monthly.show_skus(true).monthly().save().build());
    }

    ok &= write("update",
                rp::report_update().level(rp::Level::all_customers).hide_zero_usage(true).build());
    ok &= write("disable", rp::report_update().disable().build());
    return ok ? 0 : 1;
}
