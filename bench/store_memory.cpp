// reportkit-store-bench: how much resident memory the mock's store takes per report. It fills a
// mock::Server through Server::create (what POST /reports does, minus HTTP) with the seed
// request, N times, and reads the process's resident set from /proc/self/statm before and
// after. Issue 6's target: 1,000,000 reports under 1 GiB.
//
//     reportkit-store-bench [N]        # N defaults to 1000000
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/examples.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t total_pages = 0, resident_pages = 0;
    statm >> total_pages >> resident_pages;
    return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    if (n == 0) {
        std::fprintf(stderr, "usage: reportkit-store-bench [NUMBER_OF_REPORTS > 0]\n");
        return 2;
    }
    const auto request = reportkit::reports::examples::seed_request();
    reportkit::mock::Server server({.today = reportkit::Date(2017, 6, 1)});

    std::size_t before = resident_bytes();
    for (std::size_t i = 0; i < n; ++i)
        if (!server.create(request)) {
            std::fprintf(stderr, "reportkit-store-bench: the mock refused the seed request\n");
            return 1;
        }
    std::size_t after = resident_bytes();

    double per_report = static_cast<double>(after - before) / static_cast<double>(n);
    double million = per_report * 1e6 / (1024.0 * 1024.0 * 1024.0);
    std::printf("reports stored: %zu (seed request, result_action send: report + outbox entry)\n",
                n);
    std::printf("resident before: %.1f MiB, after: %.1f MiB\n", before / 1048576.0,
                after / 1048576.0);
    std::printf("bytes per report: %.0f\n", per_report);
    std::printf("1,000,000 reports: %.2f GiB resident (target < 1 GiB: %s)\n", million,
                million < 1.0 ? "met" : "MISSED");
    return million < 1.0 ? 0 : 1;
}
