// scripts/demo.sh, the README's demo command, run end to end on the programs this build made
// (REPORTKIT_DEMO_SKIP_BUILD: the test must not rebuild the tree it runs from). What the script
// does besides building is all exercised: the mock started on a free port, its base URL read,
// the example run over HTTP, the mock stopped, and stopped too when a step fails.
#include "../support/process.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <sys/types.h>

namespace fs = std::filesystem;
using reportkit::testing::bin;
using reportkit::testing::run;

namespace {

const std::string demo = std::string(REPORTKIT_SOURCE_DIR) + "/scripts/demo.sh";

std::string demo_in(const fs::path& build_dir) {
    return "env -u REPORTKIT_BASE_URL -u REPORTKIT_TOKEN REPORTKIT_DEMO_SKIP_BUILD=1 "
           "REPORTKIT_BUILD_DIR='"
           + build_dir.string() + "' " + demo + " 2>&1";
}

// The pid the script reports for the mock it started; 0 when it reported none.
pid_t mock_pid(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(R"(started reportkit-mock \(pid (\d+)\))")))
        return 0;
    return static_cast<pid_t>(std::stol(m[1].str()));
}

bool running(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno != ESRCH;
}

// A build directory of its own, whose programs the test chooses.
struct ScratchBuild {
    fs::path dir;
    ScratchBuild() {
        std::string pattern = (fs::temp_directory_path() / "reportkit-demo-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        fs::create_directories(dir / "bin");
    }
    ~ScratchBuild() { fs::remove_all(dir); }
    void link(const std::string& program) const {
        fs::create_symlink(bin(program), dir / "bin" / program);
    }
    void script(const std::string& program, const std::string& text) const {
        fs::path path = dir / "bin" / program;
        std::ofstream(path) << text;
        fs::permissions(path, fs::perms::owner_all);
    }
};

} // namespace

TEST_CASE("demo.sh: mock up, create_usage_report over HTTP, mock down, exit 0") {
    auto r = run(demo_in(fs::path(REPORTKIT_BIN_DIR).parent_path()));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(
        r.out,
        Catch::Matches(
            R"([\s\S]*demo: reportkit-mock listens at http://127\.0\.0\.1:\d+/api/2\n[\s\S]*)"));
    CHECK_THAT(r.out, !Catch::Contains("in-process"));
    CHECK_THAT(r.out, Catch::Contains("Status code: 200\n"));
    CHECK_THAT(r.out, Catch::Contains("POST /api/2/idp/token 200")); // client credentials used
    CHECK_THAT(r.out, Catch::Contains("(status 204)\n"));
    CHECK_THAT(r.out, Catch::EndsWith("demo: stopped reportkit-mock; done\n"));
    pid_t pid = mock_pid(r.out);
    REQUIRE(pid > 0);
    CHECK_FALSE(running(pid));
}

TEST_CASE("demo.sh: a failing step fails the script, and the mock is stopped all the same") {
    ScratchBuild build;
    build.link("reportkit-mock");
    build.script("create_usage_report",
                 "#!/bin/sh\necho 'create_usage_report: failing on purpose'\n"
                 "exit 3\n");
    auto r = run(demo_in(build.dir));
    INFO(r.out);
    CHECK(r.status == 3);
    CHECK_THAT(r.out, Catch::Contains("failing on purpose"));
    pid_t pid = mock_pid(r.out);
    REQUIRE(pid > 0);
    CHECK_FALSE(running(pid));
}

TEST_CASE("demo.sh: missing programs are named, not run") {
    ScratchBuild build;
    build.link("reportkit-mock");
    auto r = run(demo_in(build.dir));
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("bin/create_usage_report is missing"));
    CHECK(mock_pid(r.out) == 0);
}
