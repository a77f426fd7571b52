// The schedules, run on the mock clock: what a report produces when its time comes (API.md and
// reports/generation.hpp: a one-time report on its generation_date, a monthly one at 23:59:59
// UTC on each 1st, e-mailed on the 2nd for `send`). Nothing ticks: before every request, and
// whenever the clock is moved, `run()` makes everything that came due since the last run, each
// at its own instant, so a clock moved by a year makes twelve monthly generations; a clock set
// back makes nothing twice.
#pragma once

#include "store.hpp"

#include <reportkit/mock/clock.hpp>
#include <reportkit/mock/options.hpp>
#include <reportkit/reports/report.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace reportkit::mock::detail {

// Records what `source` produces at `at`: one stored file per format (`save`, each saved
// options.stored_delay after `at`) or one outbox entry (`send`). `source` is the report as its
// file shows it (a monthly one with the month it covers as its period).
void generate(Store::Transaction& tx, const Options& options, const reports::Report& source,
              std::chrono::system_clock::time_point at);

class Schedules {
public:
    Schedules(const Options& options, Store& store);

    // Makes what came due in (last run, now]; one atomic load when nothing is due. Throws
    // StorageError (nothing of the run is kept; the next request tries again).
    void run();
    // A report just stored or changed (call it after the write's transaction): its next
    // instant may be earlier than any known.
    void noted(const reports::Report& report);

private:
    const Options& options_;
    Store& store_;
    std::mutex mutex_;                         // one run at a time, taken before the store's lock
    std::atomic<std::int64_t> next_due_ms_{0}; // 0: run at the first request (reads the store)
    // The clock at the last run (set back, the clock goes back with it), and the latest it
    // ever was: instants up to that may have been made already.
    std::chrono::system_clock::time_point last_run_, high_water_;
    std::atomic<std::int64_t> last_run_ms_{0};
};

} // namespace reportkit::mock::detail
