// libFuzzer target: the mock's socket-free core, detail::Core::handle(request) -> response,
// the whole documented pipeline (faults, routes, 404/405, authentication, scopes, ids, query,
// media type, body, operation, admin API) without a connection: many times the executions per
// second of fuzz_mock_request, which keeps covering the HTTP adapter over a real socket.
//
// Input format: the one of fuzz_mock_request (whose seeds it starts from):
//     METHOD\n
//     TARGET\n                 path and query, e.g. /api/2/reports/$ID?version=1
//     Name: value\n ...        headers, up to an empty line
//     \n
//     BODY                     the rest
// with the same placeholders ($TOKEN, $READONLY, $ID, $MONTHLY, $SAVE, $STORED). The path is
// percent-decoded as the adapter's HTTP layer does before the core sees it.
//
// Checked: the status is one API.md documents (0 only for an injected drop); an error answer
// is the platform error body in JSON; a 500 is a finding; the journal holds the request; and
// the core keeps answering a well-formed request.
#include <core.hpp> // mock_server/src

#include <reportkit/core/read.hpp>
#include <reportkit/reports.hpp>
#include <reportkit/reports/examples.hpp>

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
    std::string token, read_only, once_id, monthly_id, save_id, stored_id;
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
        token = core->auth().issue(mock::Scope::admin).access_token;
        read_only = core->auth().issue(mock::Scope::read_only).access_token;
        rp::ReportRequest once = rp::examples::seed_request();
        once_id = core->operations().create_report(once).id.to_string();
        rp::ReportRequest monthly = once;
        monthly.schedule.type = rp::ScheduleType::monthly;
        monthly.generation_date.reset();
        monthly_id = core->operations().create_report(monthly).id.to_string();
        rp::ReportRequest save = once;
        save.result_action = rp::ResultAction::save;
        save.recipients.reset();
        rp::Report saved = core->operations().create_report(save);
        save_id = saved.id.to_string();
        stored_id = core->store().read().stored(saved.id).at(0).item.id.to_string();
    }

    std::string expand(std::string s) const {
        for (auto [name, value] : {std::pair<const char*, const std::string*>{"$TOKEN", &token},
                                   {"$READONLY", &read_only},
                                   {"$ID", &once_id},
                                   {"$MONTHLY", &monthly_id},
                                   {"$SAVE", &save_id},
                                   {"$STORED", &stored_id}}) {
            std::string_view n = name;
            for (std::size_t at = s.find(n); at != std::string::npos;
                 at = s.find(n, at + value->size()))
                s.replace(at, n.size(), *value);
        }
        return s;
    }
};

World& world() {
    static World* w = new World; // never destroyed: libFuzzer may exit from any thread
    return *w;
}

std::string take_line(std::string_view& in) {
    std::size_t nl = in.find('\n');
    std::string line(in.substr(0, nl));
    in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
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
    std::string_view in(reinterpret_cast<const char*>(data), size);
    detail::Request request;
    request.method = take_line(in);
    std::string target = w.expand(take_line(in));
    std::size_t q = target.find('?');
    request.path = decode_path(target.substr(0, q));
    request.query = q == std::string::npos ? std::string() : target.substr(q + 1);
    while (!in.empty()) {
        std::string line = take_line(in);
        if (line.empty())
            break;
        std::size_t colon = line.find(':');
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.erase(0, 1);
        request.headers.emplace_back(line.substr(0, colon), w.expand(value));
    }
    request.body = w.expand(std::string(in));
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
                               .path = "/api/2/reports/" + w.monthly_id,
                               .headers = {{"Authorization", "Bearer " + w.token}}};
        detail::Response fetched = w.core->handle(health);
        if (fetched.status != 200 && fetched.status != 404)
            finding("the core stopped answering", health, fetched);
    }
    if (w.inputs % 8192 == 0)
        w.start();
    return 0;
}
