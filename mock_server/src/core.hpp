// The socket-free core: handle(request) -> response runs the whole documented pipeline (README,
// "in this order of checks") and journals the request; the HTTP adapter only turns bytes into
// a Request and a Response into bytes. It owns every other room: store, authentication,
// faults, journal, log, the operations, the admin API, and the one clock all of them read, with
// the schedules that run on it.
#pragma once

#include "admin.hpp"
#include "auth.hpp"
#include "faults.hpp"
#include "message.hpp"
#include "operations.hpp"
#include "request_log.hpp"
#include "schedules.hpp"
#include "store.hpp"

#include <reportkit/mock/clock.hpp>
#include <reportkit/mock/journal.hpp>
#include <reportkit/mock/options.hpp>

namespace reportkit::mock::detail {

class Core {
public:
    // Opens the store (and imports options.load); throws std::runtime_error when it cannot.
    explicit Core(Options options);

    // Runs the pipeline; the request is in the journal before this returns (unless admin).
    Response handle(const Request& request);
    // An answer the HTTP layer gave itself (an unreadable request, 411, 413, an encoded body),
    // journaled like the core's own; what it returns is `answer`.
    Response refused(const Request& request, Response answer);
    // After the answer is out: the log line.
    void log(const Request& request, const Response& answer);

    // Forgets reports, stored files, outbox, journal and faults; tokens stay valid.
    void reset();
    void stop() { faults_.stop(); }

    const Options& options() const { return options_; }
    Clock& clock() { return clock_; }
    Schedules& schedules() { return schedules_; }
    Store& store() { return store_; }
    Auth& auth() { return auth_; }
    Faults& faults() { return faults_; }
    Journal& journal() { return journal_; }
    Operations& operations() { return operations_; }

private:
    Response pipeline(const Request& request);
    Response api(const Request& request);
    void record(const Request& request, const Response& answer);

    Options options_;
    Clock clock_;
    Store store_;
    Schedules schedules_;
    Auth auth_;
    Faults faults_;
    Journal journal_;
    Operations operations_;
    Admin admin_;
    RequestLog log_;
};

} // namespace reportkit::mock::detail
