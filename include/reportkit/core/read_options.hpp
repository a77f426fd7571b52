// The options of from_json (core/read.hpp): the clock, the limits, and what an unknown key is.
#pragma once

#include <reportkit/core/date.hpp>
#include <reportkit/core/diagnostic.hpp>

#include <cstddef>
#include <optional>

namespace reportkit {

struct ReadOptions {
    std::optional<Date> today{};                   // clock for not_in_future; empty: UTC today
    std::size_t max_depth = 64;                    // deeper nesting is a `too_deep` error
    std::size_t max_bytes = std::size_t{16} << 20; // longer input is a `too_large` error
    // A key the struct does not declare is an error (API.md: additionalProperties false). A
    // reader of a server's answers may make it a warning, to tolerate fields added later.
    Severity unknown_keys = Severity::error;
};

} // namespace reportkit
