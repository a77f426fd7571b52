// The Store: everything the mock remembers (reports, stored files, outbox, tokens, and how far
// its id generators have gone) in one SQLite database, on disk with --state-file or in memory
// without. It owns its lock, its ids, its clock stamps and its transactions: every read and
// write goes through a Transaction, so handlers and the Server facade run the same code.
#pragma once

#include "state.hpp"

#include <reportkit/mock/clock.hpp>
#include <reportkit/mock/options.hpp>
#include <reportkit/reports/report.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace reportkit::mock::detail {

// A write that could not be stored (disk full, read-only file, I/O error): nothing of it was
// made, and the mock goes on serving. Answered 503.
struct StorageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The database schema this build writes (PRAGMA user_version); a newer one is refused.
inline constexpr int schema_version = 1;

class Store {
public:
    // Opens (or creates) options.state_file, or an in-memory database without one. Throws
    // std::runtime_error naming the file when it cannot be used: missing folder, not a
    // database, truncated or corrupt, a newer schema, the old JSON state format.
    explicit Store(const Options& options, const Clock& clock);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Holds the store's lock for its lifetime. A writing transaction is one SQL transaction:
    // commit() makes it durable before it returns (or throws StorageError); destroyed without
    // commit, it changes nothing, generators included.
    class Transaction {
    public:
        Transaction(Transaction&&) = delete;
        ~Transaction();

        std::optional<reports::Report> report(const Uuid& id);
        std::vector<reports::Report> reports(); // in creation order
        std::vector<Uuid> tenant_reports(const Uuid& tenant);
        // What a schedule may still owe something: every monthly report, and the one-time
        // reports whose generation_date is `from` or later (in creation order).
        std::vector<reports::Report> scheduled(const Date& from);
        std::vector<StoredFile> stored(const Uuid& report_id);
        std::vector<OutboxEntry> outbox();
        std::vector<TokenGrant> tokens(); // by expiry
        State state();                    // everything, as GET /__admin/state shows it

        // Adds a report, or replaces the one with its id (keeping its place in the order).
        // Returns the JSON stored, which is the API's rendering of the report: an answer that
        // shows the report need not write it again.
        std::string put(const reports::Report& report);
        void remove(const Uuid& id); // the report and its stored files
        void add(const StoredFile& file);
        void add(const OutboxEntry& entry);
        void add(const TokenGrant& grant);
        void purge_tokens(std::int64_t expired_before_ms);
        void clear();                    // reports, stored files, outbox (tokens stay valid)
        void import(const State& state); // adds what an exported state holds

        Uuid next_id();
        std::string next_token();
        // A written timestamp: the mock clock (a clock standing still gives equal stamps, so
        // equal request sequences give equal answers).
        std::chrono::system_clock::time_point stamp();

        void commit();

    private:
        friend class Store;
        Transaction(Store& store, bool write);
        Store& store_;
        std::unique_lock<std::mutex> lock_;
        bool write_ = false, done_ = false;
        struct Generators;
        std::unique_ptr<Generators> saved_; // restored when the transaction is not committed
    };

    Transaction read();
    Transaction write();

    std::chrono::system_clock::time_point now() const;
    std::int64_t now_ms() const;
    Date today() const; // of the mock clock: the "period not in the future" rule's
    // About when a write begun now would be stamped, without taking the lock.
    std::chrono::system_clock::time_point expected_stamp() const;

    // A stored file's item with its status as of now.
    reports::StoredReport shown(const StoredFile& file) const;

private:
    struct Statements;
    void load_counters();
    void save_counters();

    Options options_;
    const Clock& clock_;
    std::mutex mutex_;
    sqlite3* db_ = nullptr;
    std::unique_ptr<Statements> sql_;
    std::int64_t ids_drawn_ = 0, tokens_drawn_ = 0, ticks_ = 0;
    std::mt19937_64 id_rng_, token_rng_;
};

} // namespace reportkit::mock::detail
