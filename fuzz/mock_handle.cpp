// libFuzzer target: the mock's socket-free core, detail::Core::handle(request) -> response,
// the whole documented pipeline (faults, routes, 404/405, authentication, scopes, ids, query,
// media type, body, operation, admin API) without a connection: many times the executions per
// second of fuzz_mock_request, which keeps covering the HTTP adapter over a real socket.
//
// Input format: the one of fuzz_mock_request (fuzz/mock_input.hpp), whose seeds it starts from.
// The path is percent-decoded as the adapter's HTTP layer does before the core sees it.
//
// Checked: the status is one API.md documents (0 only for an injected drop); an error answer
// is the platform error body in JSON; a 500 is a finding; the journal holds the request; and
// the core keeps answering a well-formed request.
#include "mock_input.hpp"

#include <core.hpp> // mock_server/src

#include <reportkit/core/read.hpp>
#include <reportkit/reports.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;
namespace detail = reportkit::mock::detail;

namespace {

[[noreturn]] void finding(const std::string& what, const detail::Request& request,
                          const detail::Response& answer) {
    std::fprintf(stderr, "mock core: %s\n--- request ---\n%s %s?%s\n%s\n--- answer ---\n%d %s\n",
                 what.c_str(), request.method.c_str(), request.path.c_str(), request.query.c_str(),
                 request.body.c_str(), answer.status, answer.body.c_str());
    std::abort();
}

struct World {
    std::unique_ptr<detail::Core> core;
    rk::fuzz::Placeholders names;
    std::size_t inputs = 0;

    World() { start(); }

    // A fresh core now and then: what a long run accumulates (reports, tokens) is dropped, so
    // that what an input costs does not depend on how many came before.
    void start() {
        core.reset();
        core = std::make_unique<detail::Core>(mock::Options{.clients = {{"reporter", "s3cret"}},
                                                            .seed = 7,
                                                            .today = rk::Date(2024, 6, 1),
                                                            .journal_limit = 64});
        names.token = core->auth().issue(mock::Scope::admin).access_token;
        names.read_only = core->auth().issue(mock::Scope::read_only).access_token;
        names.make_reports(
            [&](const rp::ReportRequest& r) { return core->operations().create_report(r); },
            [&](const rk::Uuid& id) { return core->store().read().stored(id).at(0).item.id; });
    }
};

World& world() {
    static World* w = new World; // never destroyed: libFuzzer may exit from any thread
    return *w;
}

// %XX decoded, '+' kept: what the HTTP layer makes of a request target's path.
std::string decode_path(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]))
            && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

const std::set<int> documented = {200, 204, 400, 401, 403, 404, 405, 409, 413, 414, 415};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World& w = world();
    rk::fuzz::MockInput input =
        rk::fuzz::read_input({reinterpret_cast<const char*>(data), size}, w.names);
    detail::Request request;
    request.method = std::move(input.method);
    std::size_t q = input.target.find('?');
    request.path = decode_path(std::string_view(input.target).substr(0, q));
    request.query = q == std::string::npos ? std::string() : input.target.substr(q + 1);
    request.headers = std::move(input.headers);
    request.body = std::move(input.body);
    request.remote_addr = "127.0.0.1";

    std::size_t journaled = w.core->journal().size() + w.core->journal().dropped();
    detail::Response answer = w.core->handle(request);
    if (answer.drop ? !answer.faulted : !documented.count(answer.status))
        finding("undocumented status", request, answer);
    if (answer.status >= 400) {
        if (answer.content_type != "application/json")
            finding("an error without a JSON body", request, answer);
        if (!rk::from_json<rp::ApiError>(answer.body))
            finding("an error body that is not the platform's", request, answer);
    }
    if (!answer.admin && w.core->journal().size() + w.core->journal().dropped() != journaled + 1)
        finding("the request is not in the journal", request, answer);
    // Faults set through /__admin/faults (a delay would stall later inputs): none outlives its
    // input.
    w.core->faults().clear();
    if (++w.inputs % 64 == 0) {
        detail::Request health{.method = "GET",
                               .path = "/api/2/reports/" + w.names.monthly_id,
                               .headers = {{"Authorization", "Bearer " + w.names.token}}};
        detail::Response fetched = w.core->handle(health);
        if (fetched.status != 200 && fetched.status != 404)
            finding("the core stopped answering", health, fetched);
    }
    if (w.inputs % 8192 == 0)
        w.start();
    return 0;
}
