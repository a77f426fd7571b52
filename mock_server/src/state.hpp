// The mock's whole state as one reflected document: what GET /__admin/state exports and
// --load imports (the Store keeps the same records in SQLite tables).
#pragma once

#include <reportkit/mock/options.hpp>
#include <reportkit/mock/server.hpp>
#include <reportkit/reports/report.hpp>
#include <reportkit/reports/stored.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/hana/define_struct.hpp>

namespace reportkit::mock::detail {

inline constexpr std::string_view state_format = "reportkit-mock-state";
inline constexpr std::int64_t state_version = 1;

// A file of a `save` report. `source` is the report as it was when the file was made, so the
// download stays the same after the report is updated; `item.status` is recomputed from
// `ready_at_ms` whenever it is shown.
struct StoredFile {
    BOOST_HANA_DEFINE_STRUCT(StoredFile, (Uuid, report_id), (reports::StoredReport, item),
                             (reports::Report, source), (std::int64_t, ready_at_ms));
};

// A token from /idp/token or issue_token(); kept in the file so clients survive a restart.
struct TokenGrant {
    BOOST_HANA_DEFINE_STRUCT(TokenGrant, (std::string, token), (Scope, scope),
                             (std::int64_t, expires_at_ms));
};

struct State {
    BOOST_HANA_DEFINE_STRUCT(State, (std::string, format), (std::int64_t, version),
                             // How far the deterministic generators have gone, so that a
                             // restarted seeded server does not hand out the same ids again.
                             (std::int64_t, ids_drawn), (std::int64_t, tokens_drawn),
                             (std::int64_t, ticks),
                             // Deques: a store that grows never pauses every request
                             // to move what it holds (bench/mock.sh's p99).
                             (std::deque<reports::Report>, reports), // creation order
                             (std::deque<StoredFile>, stored), (std::deque<OutboxEntry>, outbox),
                             (std::vector<TokenGrant>, tokens));

    static State empty() {
        State s{}; // value-initialized: the counters start at zero
        s.format = std::string(state_format);
        s.version = state_version;
        return s;
    }
};

std::string to_text(const State& state);

// A document as GET /__admin/state exports it, for --load: refused whole, with the file and
// the first problem, when it is not one.
State read_state_export(const std::string& path);

} // namespace reportkit::mock::detail
