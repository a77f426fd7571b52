// libFuzzer target: the mock server's request handling, with arbitrary method, path, headers
// and body, over a real loopback connection (the mock has no socket-free entry point).
//
// Input format: fuzz/mock_input.hpp (fuzz/corpus/fuzz_mock_request holds examples), with its
// placeholders for tokens and ids. Content-Length is always set right (a wrong one would only
// make the server wait) and Connection is ours to set. Accept-Encoding and Range are dropped:
// compression and byte ranges are httplib's transport features (a gzip error body is still the
// platform's, just not readable here), not the mock's handling.
//
// One keep-alive connection serves input after input, as a client's would: a connection per
// input spends most of the time in connect and accept and caps the run near 2,000 inputs/s.
// It is given up whenever the server may have left bytes of the request unread (then they
// would be taken for the next request): on a body the method does not carry, on the HTTP-level
// refusals, on Connection: close and on a connection the server closed meanwhile; the request
// is then sent again on a fresh one, so every input gets its answer.
//
// Checked: an answer always comes; its status is one API.md documents; an error answer carries
// the platform error body; a 500 (an exception in a handler) is a finding; and the server keeps
// answering a well-formed request.
#include "../tests/hostile/raw_http.hpp"
#include "mock_input.hpp"

#include <reportkit/mock/server.hpp>
#include <reportkit/reports.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace rk = reportkit;
namespace rp = reportkit::reports;
namespace mock = reportkit::mock;

namespace {

[[noreturn]] void finding(const std::string& what, const std::string& request,
                          const std::string& answer) {
    std::fprintf(stderr, "mock request handling: %s\n--- request ---\n%s\n--- answer ---\n%s\n",
                 what.c_str(), request.c_str(), answer.c_str());
    std::abort();
}

struct World {
    std::unique_ptr<mock::Server> server;
    rk::fuzz::Placeholders names;
    std::size_t inputs = 0;
    std::unique_ptr<rk::testing::RawConnection> kept; // the keep-alive connection, if any

    World() { start(); }

    // A new server: what a long run accumulates (reports, stored files, and the tokens inputs
    // fetch from /idp/token, which every authentication compares) is dropped, so that what an
    // input costs does not depend on how many came before.
    void start() {
        kept.reset();
        server.reset(); // stopped before its successor binds
        server = std::make_unique<mock::Server>(
            mock::Options{.clients = {{"reporter", "s3cret"}},
                          .seed = 7,
                          .today = rk::Date(2024, 6, 1),
                          .request_timeout = std::chrono::seconds(2)});
        names.token = server->issue_token();
        names.read_only = server->issue_token(mock::Scope::read_only);
        names.make_reports([&](const rp::ReportRequest& r) { return *server->create(r); },
                           [&](const rk::Uuid& id) { return server->stored(id).at(0).id; });
    }
};

World& world() {
    static World* w = new World; // never destroyed: libFuzzer may exit from any thread
    return *w;
}

bool header_we_set(std::string_view name) {
    for (std::string_view ours : {"content-length", "transfer-encoding", "connection", "expect",
                                  "accept-encoding", "range", "te"})
        if (boost::algorithm::iequals(name, ours))
            return true;
    return false;
}

// The method as httplib reads it from a request line: the line is split at spaces, each part
// trimmed of spaces and tabs, empty parts skipped; the first part is the method. ("HEAD\t /a",
// " HEAD x" and "HEAD /a  HTTP/1.1" are all HEAD.)
std::string server_method(std::string_view line) {
    std::vector<std::string> words;
    boost::algorithm::split(words, line, boost::algorithm::is_any_of(" "));
    for (std::string& word : words) {
        boost::algorithm::trim_if(word, boost::algorithm::is_any_of(" \t"));
        if (!word.empty())
            return word;
    }
    return {};
}

// A new connection to the server. The fuzzer opens hundreds a second: each is reset when
// closed rather than left in TIME_WAIT, and a refused connect is retried for a while before it
// counts as a finding.
std::unique_ptr<rk::testing::RawConnection> connect(int port, const std::string& request) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        auto c = std::make_unique<rk::testing::RawConnection>(port);
        if (c->connected()) {
            c->reset_on_close();
            return c;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    finding("cannot connect for 10 s", request, "");
}

const std::set<int> documented = {200, 204, 400, 401, 403, 404, 405, 409, 413, 414, 415};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World& w = world();
    rk::fuzz::MockInput input =
        rk::fuzz::read_input({reinterpret_cast<const char*>(data), size}, w.names);
    const std::string &method = input.method, &target = input.target, &body = input.body;
    std::vector<std::pair<std::string, std::string>> headers;
    for (auto& header : input.headers)
        if (!header_we_set(header.first))
            headers.push_back(std::move(header));
    // httplib reads a body only for these methods; after any other it would take the body's
    // bytes for the next request.
    bool keep = body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
    headers.emplace_back("Content-Length", std::to_string(body.size()));
    headers.emplace_back("Connection", keep ? "keep-alive" : "close");
    std::string request = rk::testing::raw_request(method, target, headers, body);

    int port = w.server->port();
    std::optional<rk::testing::RawResponse> answer;
    // The answer to HEAD has no body. The server takes the method also from a line it then
    // refuses, as the request line's first word (see server_method).
    bool head = server_method(request.substr(0, request.find("\r\n"))) == "HEAD";
    // On the kept connection first; the server may have closed it since (idle timeout, request
    // count), which shows as no answer: then once more on a fresh one.
    if (w.kept && w.kept->send(request))
        answer = w.kept->read_response(std::chrono::seconds(8), head);
    if (!answer) {
        w.kept = connect(port, request);
        w.kept->send(request);
        answer = w.kept->read_response(std::chrono::seconds(8), head);
    }
    // Refusals made before the body is read (411, 413, 414, 415, an unreadable request) may
    // leave bytes of it behind; bytes after the answer mean the stream is out of step.
    if (!answer || !keep || answer->header("Connection") == "close"
        || (answer->status == 400 && !body.empty()) || answer->status == 411
        || answer->status == 413 || answer->status == 414 || answer->status == 415
        || w.kept->has_unread())
        w.kept.reset();
    // httplib closes without an answer only when it cannot read a request line at all.
    if (answer) {
        std::string shown = std::to_string(answer->status) + " " + answer->body;
        if (!documented.count(answer->status))
            finding("undocumented status", request, shown);
        if (answer->status >= 400 && !head) {
            if (answer->header("Content-Type") != "application/json")
                finding("an error without a JSON body", request, shown);
            if (!rk::from_json<rp::ApiError>(answer->body))
                finding("an error body that is not the platform's", request, shown);
        }
    }
    // Faults set through /__admin/faults would slow every later input: none outlives its input.
    w.server->clear_faults();
    if (++w.inputs % 16 == 0) {
        auto health = connect(port, request);
        health->send(rk::testing::raw_request("GET", "/api/2/reports/" + w.names.monthly_id,
                                              {{"Authorization", "Bearer " + w.names.token}}));
        auto fetched = health->read_response(std::chrono::seconds(8));
        if (!fetched || (fetched->status != 200 && fetched->status != 404))
            finding("the server stopped answering", request,
                    fetched ? std::to_string(fetched->status) + " " + fetched->body : "(nothing)");
    }
    // The journal grows by one entry per input and /__admin/journal returns all of it: kept
    // short, so that what an input costs does not depend on how many came before.
    if (w.inputs % 64 == 0)
        w.server->journal().clear();
    if (w.inputs % 4096 == 0)
        w.start();
    return 0;
}
