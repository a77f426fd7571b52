// Opening the state database: refused clearly and never half-opened when the file is not one
// this build can use, and set up for durability when it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace reportkit::mock::detail {

// "state file PATH is truncated or corrupt; refusing to load any of it (WHY). ..."
std::string refusal(std::string_view path, std::string_view why);

// The database at `path` (created with the schema when the file does not exist), or an
// in-memory one without a path. Throws std::runtime_error naming the file: missing folder, the
// old JSON format, not a SQLite database, truncated, corrupt, a newer schema, another program's.
sqlite3* open_database(const std::optional<std::string>& path);

} // namespace reportkit::mock::detail
