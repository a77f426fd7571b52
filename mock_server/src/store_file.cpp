#include "store_file.hpp"

#include "sqlite.hpp"
#include "store.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace reportkit::mock::detail {

namespace fs = std::filesystem;

namespace {

// PRAGMA application_id: marks the file as this program's ("RKMK").
constexpr std::int64_t application_id = 0x524b4d4b;

// Below this size the whole file is checked at start (PRAGMA quick_check); a larger one is
// checked by its header and schema, so that a million reports still open within a second.
constexpr std::uintmax_t full_check_below = 64u << 20;

const char* const schema = R"sql(
CREATE TABLE reports (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tenant TEXT NOT NULL,
                      body TEXT NOT NULL);
CREATE INDEX reports_by_tenant ON reports (tenant, seq);
CREATE TABLE stored (seq INTEGER PRIMARY KEY, report_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX stored_by_report ON stored (report_id, seq);
CREATE TABLE outbox (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE tokens (digest TEXT PRIMARY KEY, token TEXT NOT NULL, scope TEXT NOT NULL,
                     expires_at_ms INTEGER NOT NULL);
CREATE INDEX tokens_by_expiry ON tokens (expires_at_ms);
CREATE TABLE counters (ids_drawn INTEGER NOT NULL, tokens_drawn INTEGER NOT NULL,
                       ticks INTEGER NOT NULL);
INSERT INTO counters VALUES (0, 0, 0);
)sql";

std::int64_t pragma(sqlite3* db, const char* sql) {
    sql::Statement q(db, sql);
    return q.bind().step() ? q.integer(0) : 0;
}

std::uint32_t big_endian(const unsigned char* p, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

// What the file's first bytes say, before SQLite opens it: SQLite would take an empty file
// for a new database, and some damage only shows at the first read of a lost page.
void check_header(const std::string& path) {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        throw std::runtime_error("cannot read state file " + path + ": " + ec.message());
    std::array<unsigned char, 100> header{};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    std::size_t got = static_cast<std::size_t>(in.gcount());
    if (size == 0)
        throw std::runtime_error(refusal(path, "the file is empty"));
    std::string_view magic(reinterpret_cast<const char*>(header.data()),
                           std::min<std::size_t>(got, 16));
    if (magic != std::string_view("SQLite format 3\0", 16)) {
        std::size_t first = 0;
        while (first < got && std::isspace(header[first]))
            ++first;
        if (first < got && header[first] == '{')
            throw std::runtime_error(
                "state file " + path
                + " is in the old JSON format; this version keeps its state in a SQLite "
                  "database. Import it into a new one with --load "
                + path + " --state-file NEW.db, or move it away to start empty.");
        throw std::runtime_error(refusal(path, "it is not a SQLite database"));
    }
    if (got < header.size())
        throw std::runtime_error(refusal(path, "the database header is cut short"));
    std::uint32_t page_size = big_endian(&header[16], 2);
    if (page_size == 1)
        page_size = 65536;
    bool count_valid = std::equal(&header[24], &header[28], &header[92]);
    std::uint64_t pages = big_endian(&header[28], 4);
    // Pages still in the write-ahead log are not in the main file yet.
    std::uintmax_t wal = fs::exists(path + "-wal", ec) ? fs::file_size(path + "-wal", ec) : 0;
    if (count_valid && wal == 0 && size < pages * page_size)
        throw std::runtime_error(refusal(path, "the file has " + std::to_string(size)
                                                   + " bytes, its header says "
                                                   + std::to_string(pages * page_size)));
}

// Without --state-file the database lives in SQLite's memdb VFS: one growing buffer that reads
// and writes as memcpy, where a file (even one in /dev/shm) costs a system call per page.
// Not ":memory:", whose pager keeps every page in its cache and walks that cache at every
// commit (POST/s halved by 240,000 reports); memdb's cache stays bounded like a file's.
std::string memory_database() {
    static std::atomic<unsigned> count{0};
    // No leading slash: private to its connection, so memdb takes no lock of its own.
    return "file:reportkit-mock-" + std::to_string(count.fetch_add(1)) + "?vfs=memdb";
}

// memdb's default limit is 1 GiB; SQLite allocates at most 2 GiB in one piece. Past it a write
// fails as a full disk would (503, nothing changed): about 2.5 million reports.
constexpr sqlite3_int64 memory_limit = 0x7fff0000;

} // namespace

std::string refusal(std::string_view path, std::string_view why) {
    return "state file " + std::string(path)
           + " is truncated or corrupt; refusing to load any of it (" + std::string(why)
           + "). Move it away to start empty.";
}

sqlite3* open_database(const std::optional<std::string>& path) {
    bool exists = false;
    if (path) {
        fs::path folder = fs::path(*path).parent_path();
        std::error_code ec;
        if (!folder.empty() && !fs::is_directory(folder, ec))
            throw std::runtime_error("cannot open state file " + *path + ": the folder "
                                     + folder.string() + " does not exist");
        exists = fs::exists(*path, ec);
        if (exists)
            check_header(*path);
    }
    // Before SQLite's first use in the process (later it is refused, harmlessly): without
    // memory statistics, no allocation takes SQLite's global mutex.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    std::string memory = path ? std::string() : memory_database();
    int rc = sqlite3_open_v2(path ? path->c_str() : memory.c_str(), &db,
                             path ? flags : flags | SQLITE_OPEN_URI, nullptr);
    try {
        if (rc != SQLITE_OK)
            sql::fail(db, rc, "cannot open state file " + path.value_or(":memory:"));
        sqlite3_extended_result_codes(db, 1);
        if (!path) {
            sqlite3_int64 limit = memory_limit;
            sqlite3_file_control(db, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
            // Nothing outlives the process: no fsync, the rollback journal in memory (a
            // transaction can still roll back), and the database locked once for the
            // connection's life instead of at every transaction. A small page cache: reading
            // a memdb page is a memcpy, and a commit's work grows with the cache it walks
            // (measured: 200 pages ~1.3x the default 2 MiB's POST/s, 64 MiB ~0.3x).
            sql::exec(db, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; "
                          "PRAGMA synchronous = OFF; PRAGMA cache_size = 200");
            sql::exec(db, schema);
            return db;
        }
        std::int64_t version = pragma(db, "PRAGMA user_version");
        if (version > schema_version)
            throw std::runtime_error("state file " + *path
                                     + " was written by a newer "
                                       "reportkit-mock (schema "
                                     + std::to_string(version) + ", this build reads up to "
                                     + std::to_string(schema_version) + "); refusing to open it");
        std::int64_t tables = pragma(db, "SELECT count(*) FROM sqlite_schema");
        if (exists && tables > 0 && pragma(db, "PRAGMA application_id") != application_id)
            throw std::runtime_error("state file " + *path
                                     + " is a SQLite database of another program; refusing to "
                                       "open it");
        // Write-ahead logging: a commit appends to the log instead of rewriting pages, readers
        // never wait for it, and a crash at any point leaves the last committed transaction.
        sql::Statement wal(db, "PRAGMA journal_mode = WAL");
        if (!wal.bind().step() || wal.text(0) != "wal")
            throw std::runtime_error("cannot open state file " + *path
                                     + ": it cannot be put in WAL mode");
        wal = {};
        // synchronous = FULL: every commit fsyncs the log before COMMIT returns, so an
        // acknowledged write survives a power cut too. NORMAL would survive kill -9 only (its
        // last commits can be lost when the machine, not the process, goes down).
        sql::exec(db, "PRAGMA synchronous = FULL");
        std::error_code ec;
        if (exists && fs::file_size(*path, ec) < full_check_below) {
            sql::Statement check(db, "PRAGMA quick_check");
            if (check.bind().step() && check.text(0) != "ok")
                throw std::runtime_error(refusal(*path, check.text(0)));
        }
        if (version == 0) {
            if (tables > 0)
                throw std::runtime_error(refusal(*path, "it has tables but no schema version"));
            sql::exec(db, "BEGIN IMMEDIATE");
            sql::exec(db, schema);
            sql::exec(db, ("PRAGMA user_version = " + std::to_string(schema_version)).c_str());
            sql::exec(db, ("PRAGMA application_id = " + std::to_string(application_id)).c_str());
            sql::exec(db, "COMMIT");
        } else if (pragma(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                              "('reports', 'stored', 'outbox', 'tokens', 'counters')")
                   != 5) {
            throw std::runtime_error(refusal(*path, "tables of the schema are missing"));
        }
        return db;
    } catch (const sql::Error& e) {
        sqlite3_close(db);
        int primary = e.code & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            throw std::runtime_error(refusal(path.value_or(":memory:"), e.what()));
        throw std::runtime_error("cannot open state file " + path.value_or(":memory:") + ": "
                                 + e.what());
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
}

} // namespace reportkit::mock::detail
