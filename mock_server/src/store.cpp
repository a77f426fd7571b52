// The Store on SQLite. One connection behind one mutex: a mock's writes are small, and one
// writer at a time keeps "committed before acknowledged" simple. Rows hold the payloads as the
// JSON the API shows (reportkit's writer and reader), with the columns lookups need beside.
#include "store.hpp"

#include "access.hpp"
#include "sqlite.hpp"
#include "store_file.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/write.hpp>

namespace reportkit::mock::detail {

namespace rp = reportkit::reports;
using namespace std::chrono_literals;

namespace {

// Rows were checked against the clock when they were written; reading them back must not judge
// their periods against a later "today".
constexpr Date far_future{9999, 12, 31};

template <class T>
T parse_row(std::string_view json, std::string_view table) {
    auto value = from_json<T>(json, {.today = far_future, .max_bytes = json.size() + 1});
    if (!value)
        throw std::runtime_error("the state database is corrupt: a row of " + std::string(table)
                                 + " does not read back");
    return std::move(*value);
}

[[noreturn]] void storage_failed(const sql::Error& e) {
    throw StorageError(e.what());
}

} // namespace

struct Store::Statements {
    explicit Statements(sqlite3* db)
        : report(db, "SELECT body FROM reports WHERE id = ?"),
          reports(db, "SELECT body FROM reports ORDER BY seq"),
          tenant(db, "SELECT id FROM reports WHERE tenant = ? ORDER BY seq"),
          scheduled(db, "SELECT body FROM reports WHERE json_extract(body, '$.schedule.type') = "
                        "'monthly' OR json_extract(body, '$.generation_date') >= ? ORDER BY seq"),
          put(db, "INSERT INTO reports(id, tenant, body) VALUES (?, ?, ?) ON CONFLICT(id) DO "
                  "UPDATE SET tenant = excluded.tenant, body = excluded.body"),
          remove(db, "DELETE FROM reports WHERE id = ?"),
          remove_stored(db, "DELETE FROM stored WHERE report_id = ?"),
          stored(db, "SELECT body FROM stored WHERE report_id = ? ORDER BY seq"),
          all_stored(db, "SELECT body FROM stored ORDER BY seq"),
          add_stored(db, "INSERT INTO stored(report_id, body) VALUES (?, ?)"),
          outbox(db, "SELECT body FROM outbox ORDER BY seq"),
          add_outbox(db, "INSERT INTO outbox(body) VALUES (?)"),
          tokens(db, "SELECT token, scope, expires_at_ms FROM tokens ORDER BY expires_at_ms"),
          add_token(db, "INSERT OR REPLACE INTO tokens(digest, token, scope, expires_at_ms) "
                        "VALUES (?, ?, ?, ?)"),
          purge(db, "DELETE FROM tokens WHERE expires_at_ms < ?"),
          counters(db, "SELECT ids_drawn, tokens_drawn, ticks FROM counters"),
          save_counters(db, "UPDATE counters SET ids_drawn = ?, tokens_drawn = ?, ticks = ?"),
          begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT"), rollback(db, "ROLLBACK") {}

    sql::Statement report, reports, tenant, scheduled, put, remove, remove_stored, stored,
        all_stored, add_stored, outbox, add_outbox, tokens, add_token, purge, counters,
        save_counters, begin, commit, rollback;
};

struct Store::Transaction::Generators {
    std::int64_t ids_drawn, tokens_drawn, ticks;
    std::mt19937_64 id_rng, token_rng;
};

Store::Store(const Options& options, const Clock& clock) : options_(options), clock_(clock) {
    if (options.seed) {
        id_rng_.seed(*options.seed);
        token_rng_.seed(*options.seed ^ 0x9e3779b97f4a7c15ull);
    } else {
        std::random_device entropy;
        id_rng_.seed((std::uint64_t{entropy()} << 32) | entropy());
        token_rng_.seed((std::uint64_t{entropy()} << 32) | entropy());
    }
    try {
        db_ = open_database(options.state_file);
        sql_ = std::make_unique<Statements>(db_);
        load_counters();
    } catch (...) {
        sql_.reset();
        sqlite3_close(db_);
        throw;
    }
    if (options.seed) {
        id_rng_.discard(2 * static_cast<unsigned long long>(ids_drawn_));
        token_rng_.discard(4 * static_cast<unsigned long long>(tokens_drawn_));
    }
}

Store::~Store() {
    sql_.reset(); // statements before the connection they belong to
    sqlite3_close(db_);
}

void Store::load_counters() {
    auto& q = sql_->counters.bind();
    if (!q.step())
        throw std::runtime_error(
            refusal(options_.state_file.value_or(":memory:"), "its counters row is missing"));
    ids_drawn_ = q.integer(0);
    tokens_drawn_ = q.integer(1);
    ticks_ = q.integer(2);
    q.run();
}

void Store::save_counters() {
    sql_->save_counters.bind(ids_drawn_, tokens_drawn_, ticks_).run();
}

std::chrono::system_clock::time_point Store::now() const {
    return clock_.now();
}

Date Store::today() const {
    return clock_.today();
}

std::int64_t Store::now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
}

rp::StoredReport Store::shown(const StoredFile& file) const {
    rp::StoredReport item = file.item;
    item.status =
        now_ms() >= file.ready_at_ms ? rp::StoredStatus::saved : rp::StoredStatus::in_progress;
    return item;
}

Store::Transaction Store::read() {
    return Transaction(*this, false);
}

Store::Transaction Store::write() {
    return Transaction(*this, true);
}

// ---- Transaction ------------------------------------------------------------------------------

Store::Transaction::Transaction(Store& store, bool write)
    : store_(store), lock_(store.mutex_), write_(write) {
    if (!write)
        return;
    saved_ = std::make_unique<Generators>(Generators{
        store.ids_drawn_, store.tokens_drawn_, store.ticks_, store.id_rng_, store.token_rng_});
    try {
        store.sql_->begin.bind().run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

Store::Transaction::~Transaction() {
    if (!write_ || done_)
        return;
    try {
        store_.sql_->rollback.bind().run();
    } catch (const sql::Error&) {
        // SQLite already rolled back (it does after some I/O errors): nothing is left to undo.
    }
    store_.ids_drawn_ = saved_->ids_drawn;
    store_.tokens_drawn_ = saved_->tokens_drawn;
    store_.ticks_ = saved_->ticks;
    store_.id_rng_ = saved_->id_rng;
    store_.token_rng_ = saved_->token_rng;
}

void Store::Transaction::commit() {
    try {
        // In memory, the counters live in the members alone: nothing outlives the process.
        bool moved = store_.ids_drawn_ != saved_->ids_drawn
                     || store_.tokens_drawn_ != saved_->tokens_drawn
                     || store_.ticks_ != saved_->ticks;
        if (moved && store_.options_.state_file)
            store_.save_counters();
        store_.sql_->commit.bind().run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
    done_ = true;
}

std::optional<rp::Report> Store::Transaction::report(const Uuid& id) {
    auto& q = store_.sql_->report.bind(id.to_string());
    if (!q.step())
        return std::nullopt;
    auto report = parse_row<rp::Report>(q.text(0), "reports");
    q.run();
    return report;
}

std::vector<rp::Report> Store::Transaction::reports() {
    std::vector<rp::Report> out;
    for (auto& q = store_.sql_->reports.bind(); q.step();)
        out.push_back(parse_row<rp::Report>(q.text(0), "reports"));
    return out;
}

std::vector<Uuid> Store::Transaction::tenant_reports(const Uuid& tenant) {
    std::vector<Uuid> out;
    for (auto& q = store_.sql_->tenant.bind(tenant.to_string()); q.step();)
        if (auto id = Uuid::parse(q.text(0)))
            out.push_back(*id);
    return out;
}

std::vector<rp::Report> Store::Transaction::scheduled(const Date& from) {
    std::vector<rp::Report> out;
    for (auto& q = store_.sql_->scheduled.bind(from.to_string()); q.step();)
        out.push_back(parse_row<rp::Report>(q.text(0), "reports"));
    return out;
}

std::vector<StoredFile> Store::Transaction::stored(const Uuid& report_id) {
    std::vector<StoredFile> out;
    for (auto& q = store_.sql_->stored.bind(report_id.to_string()); q.step();)
        out.push_back(parse_row<StoredFile>(q.text(0), "stored"));
    return out;
}

std::vector<OutboxEntry> Store::Transaction::outbox() {
    std::vector<OutboxEntry> out;
    for (auto& q = store_.sql_->outbox.bind(); q.step();)
        out.push_back(parse_row<OutboxEntry>(q.text(0), "outbox"));
    return out;
}

namespace {

TokenGrant grant_of(const sql::Statement& q) {
    auto scope = enum_from_string<Scope>(q.text(1));
    return TokenGrant{std::string(q.text(0)), scope.value_or(Scope::read_only), q.integer(2)};
}

} // namespace

std::vector<TokenGrant> Store::Transaction::tokens() {
    std::vector<TokenGrant> out;
    for (auto& q = store_.sql_->tokens.bind(); q.step();)
        out.push_back(grant_of(q));
    return out;
}

State Store::Transaction::state() {
    State s = State::empty();
    s.ids_drawn = store_.ids_drawn_;
    s.tokens_drawn = store_.tokens_drawn_;
    s.ticks = store_.ticks_;
    for (rp::Report& r : reports())
        s.reports.push_back(std::move(r));
    for (auto& q = store_.sql_->all_stored.bind(); q.step();)
        s.stored.push_back(parse_row<StoredFile>(q.text(0), "stored"));
    for (OutboxEntry& e : outbox())
        s.outbox.push_back(std::move(e));
    s.tokens = tokens();
    return s;
}

std::string Store::Transaction::put(const rp::Report& report) {
    std::string json = to_json_string(report);
    try {
        store_.sql_->put.bind(report.id.to_string(), report.parameters.tenant_id.to_string(), json)
            .run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
    return json;
}

void Store::Transaction::remove(const Uuid& id) {
    try {
        store_.sql_->remove.bind(id.to_string()).run();
        store_.sql_->remove_stored.bind(id.to_string()).run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::add(const StoredFile& file) {
    try {
        store_.sql_->add_stored.bind(file.report_id.to_string(), to_json_string(file)).run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::add(const OutboxEntry& entry) {
    try {
        store_.sql_->add_outbox.bind(to_json_string(entry)).run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::add(const TokenGrant& grant) {
    try {
        store_.sql_->add_token
            .bind(token_digest(grant.token), grant.token, std::string(to_string(grant.scope)),
                  grant.expires_at_ms)
            .run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::purge_tokens(std::int64_t expired_before_ms) {
    try {
        store_.sql_->purge.bind(expired_before_ms).run();
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::clear() {
    try {
        sql::exec(store_.db_, "DELETE FROM reports; DELETE FROM stored; DELETE FROM outbox;");
    } catch (const sql::Error& e) {
        storage_failed(e);
    }
}

void Store::Transaction::import(const State& state) {
    for (const rp::Report& r : state.reports)
        put(r);
    for (const StoredFile& f : state.stored)
        add(f);
    for (const OutboxEntry& e : state.outbox)
        add(e);
    for (const TokenGrant& g : state.tokens)
        add(g);
    // Generators only move forward: a seeded mock loaded with a fixture never hands out an id
    // the fixture's mock already did.
    if (state.ids_drawn > store_.ids_drawn_) {
        store_.id_rng_.discard(
            2 * static_cast<unsigned long long>(state.ids_drawn - store_.ids_drawn_));
        store_.ids_drawn_ = state.ids_drawn;
    }
    if (state.tokens_drawn > store_.tokens_drawn_) {
        store_.token_rng_.discard(
            4 * static_cast<unsigned long long>(state.tokens_drawn - store_.tokens_drawn_));
        store_.tokens_drawn_ = state.tokens_drawn;
    }
    store_.ticks_ = std::max(store_.ticks_, state.ticks);
}

Uuid Store::Transaction::next_id() {
    ++store_.ids_drawn_;
    boost::uuids::uuid u{};
    std::uint64_t a = store_.id_rng_(), b = store_.id_rng_();
    for (int i = 0; i < 8; ++i) {
        u.data[i] = static_cast<std::uint8_t>(a >> (8 * i));
        u.data[8 + i] = static_cast<std::uint8_t>(b >> (8 * i));
    }
    u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0f) | 0x40); // version 4
    u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3f) | 0x80); // RFC 4122 variant
    return Uuid(u);
}

std::string Store::Transaction::next_token() {
    ++store_.tokens_drawn_;
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token;
    for (int word = 0; word < 4; ++word) {
        std::uint64_t bits = store_.token_rng_();
        for (int i = 0; i < 10; ++i, bits >>= 6)
            token += alphabet[bits & 63];
    }
    return token;
}

std::chrono::system_clock::time_point Store::expected_stamp() const {
    return now();
}

std::chrono::system_clock::time_point Store::Transaction::stamp() {
    return store_.now();
}

} // namespace reportkit::mock::detail
