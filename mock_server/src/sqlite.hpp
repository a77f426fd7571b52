// A thin RAII layer over SQLite's C API: a prepared statement that binds, steps and reads
// columns, and the error a failed call means.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace reportkit::mock::detail::sql {

// Thrown by any failed call; `code` is SQLite's extended result code.
struct Error : std::runtime_error {
    Error(int code, const std::string& what) : std::runtime_error(what), code(code) {}
    int code;
};

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view doing);

void exec(sqlite3* db, const char* sql);

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, const char* sql);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    ~Statement();

    // Resets the statement and binds the parameters, in order.
    template <class... Args>
    Statement& bind(const Args&... args) {
        reset();
        int i = 0;
        (bind_one(++i, args), ...);
        return *this;
    }
    bool step(); // true: a row is ready; false: done. Throws Error.
    void run() { // steps a statement that returns no row
        while (step()) {
        }
    }

    std::int64_t integer(int column) const;
    std::string_view text(int column) const;

private:
    void reset();
    void bind_one(int i, std::int64_t value);
    void bind_one(int i, int value) { bind_one(i, std::int64_t{value}); }
    void bind_one(int i, std::string_view value);
    void bind_one(int i, const std::string& value) { bind_one(i, std::string_view(value)); }
    void bind_one(int i, const char* value) { bind_one(i, std::string_view(value)); }

    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace reportkit::mock::detail::sql
