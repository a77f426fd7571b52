// reportkit::mock::Server: the usage-report API (API.md) served from memory on a real socket,
// for tests in the same process.
//
//     reportkit::mock::Server server;                 // listening on 127.0.0.1, any free port
//     httplib::Client http(server.url());
//     http.set_bearer_token_auth(server.issue_token());
//     auto res = http.Post("/api/2/reports", body, "application/json");
//     REQUIRE(server.journal().count("POST", "/api/2/reports") == 1);
//
// Every member function is safe to call from any thread while requests are being served.
#pragma once

#include <reportkit/core/result.hpp>
#include <reportkit/core/timestamp.hpp>
#include <reportkit/core/uuid.hpp>
#include <reportkit/mock/clock.hpp>
#include <reportkit/mock/fault.hpp>
#include <reportkit/mock/journal.hpp>
#include <reportkit/mock/options.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/stored.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/hana/define_struct.hpp>

namespace reportkit::mock {

// What a `send` report would have e-mailed: one entry each time it is generated (a one-time
// report on creation or on its generation_date, a monthly one on each 2nd). `formats` is the
// report's list, or the default one when it has none.
struct OutboxEntry {
    BOOST_HANA_DEFINE_STRUCT(OutboxEntry, (Uuid, report_id), (std::vector<Uuid>, recipients),
                             (std::vector<reports::Format>, formats), (Timestamp, sent_at));
};

class Server {
public:
    // Listening when the constructor returns; throws std::runtime_error when the address cannot
    // be bound or the state file cannot be loaded.
    explicit Server(Options options = {});
    ~Server(); // stops, joins every worker, saves the state file
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    std::string url() const;      // "http://127.0.0.1:43121"
    std::string base_url() const; // "http://127.0.0.1:43121/api/2"
    const std::string& host() const;
    int port() const;
    const Options& options() const;

    // A bearer token valid for options().token_ttl, without the "Bearer " prefix.
    std::string issue_token(Scope scope = Scope::admin);

    Journal& journal();

    // The mock's one clock (clock.hpp): moving it runs the schedules that come due, before the
    // move returns.
    //     server.clock().set(*rk::Timestamp::parse("2017-06-02T00:00:00Z"));
    //     server.clock().advance(std::chrono::months(1));
    Clock& clock();

    void inject(Fault fault);
    void clear_faults();
    std::size_t pending_faults() const; // faults not used up yet

    // ---- the stored state, for assertions and seeding ----
    std::vector<reports::Report> reports() const; // in creation order
    std::optional<reports::Report> report(const Uuid& id) const;
    // As POST /reports would: validated against the clock's today (an invalid request comes
    // back as diagnostics), then, when it is generated at once, stored files made or outbox
    // entry recorded (the usage-history window is the HTTP API's alone).
    Result<reports::Report> create(const reports::ReportRequest& request);
    // Stores `report` as given (id and version included), replacing one with the same id; no
    // stored files, no outbox entry now (its schedule, if any, runs from now on).
    void put(const reports::Report& report);
    std::vector<reports::StoredReport> stored(const Uuid& report_id) const;
    // The uncompressed content of a stored file, as the download would inflate to.
    std::optional<std::string> stored_content(const Uuid& report_id, const Uuid& stored_id) const;
    std::vector<OutboxEntry> outbox() const;
    // Forgets reports, stored files, outbox, journal and faults; tokens stay valid.
    void reset();
    // The whole state as the state file holds it (JSON).
    std::string dump_state() const;

    // Stops serving (idempotent); the destructor calls it.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace reportkit::mock
