// The properties the payload fuzz targets check, shared with the regression tests that replay
// every input a fuzzer ever crashed on (tests/fuzz/). Each check returns what went wrong, or an
// empty string: a fuzz target aborts on it, a test prints it.
#pragma once

#include <reportkit/reports.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reportkit::fuzz {

// A fixed "today", so that the not-in-the-future rule judges an input the same on every day.
inline const ReadOptions& read_options() {
    static const ReadOptions options{.today = Date(2024, 6, 30)};
    return options;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Calls f.template operator()<T>() for each payload type of the API.
template <class F>
void for_each_payload(F&& f) {
    f.template operator()<reports::ReportRequest>();
    f.template operator()<reports::Report>();
    f.template operator()<reports::ReportUpdate>();
    f.template operator()<reports::StoredReports>();
    f.template operator()<reports::ApiError>();
}

// The reader's tokenizer takes for JSON exactly what Boost.JSON's parser takes, as the referee:
// a syntax or depth error where it refuses the text, none where it accepts it. One exception:
// Boost.JSON refuses an exponent beyond an int, which RFC 8259 allows (a double field then
// says it is out of range).
inline std::string syntax_problem(std::string_view text, const std::vector<Diagnostic>& found) {
    boost::json::parse_options options;
    options.max_depth = read_options().max_depth;
    boost::system::error_code ec;
    boost::json::parse(text, ec, {}, options);
    if (ec == boost::json::error::exponent_overflow)
        return {};
    bool refused =
        !found.empty() && (found[0].code == code::syntax || found[0].code == code::too_deep);
    if (refused == bool(ec))
        return {};
    return ec ? "Boost.JSON refuses what the tokenizer takes: " + ec.message()
              : "the tokenizer refuses what Boost.JSON takes: " + found[0].message;
}

// Reading never fails silently: a rejection names at least one error, and every diagnostic
// has a code, a message and a JSON Pointer ("" or starting with '/').
template <class T>
std::string read_problem(std::string_view text) {
    auto result = from_json<T>(text, read_options());
    if (!result && result.errors().empty())
        return "rejected without an error";
    for (const Diagnostic& d : result.diagnostics())
        if (d.code.empty() || d.message.empty() || (!d.pointer.empty() && d.pointer[0] != '/'))
            return "a diagnostic without code, message or a valid pointer: " + d.pointer + " "
                   + d.code + " " + d.message;
    return syntax_problem(text, result.diagnostics());
}

// read -> write -> read is the identity on every accepted input: the written text reads back
// with the same options and writes out byte for byte the same, compact and pretty.
template <class T>
std::string round_trip_problem(std::string_view text) {
    auto first = from_json<T>(text, read_options());
    if (!first)
        return {};
    for (int indent : {0, 4}) {
        std::string written = to_json_string(*first, {.indent = indent});
        auto second = from_json<T>(written, read_options());
        if (!second)
            return "the written text is refused: " + written + "\n  because "
                   + (second.errors().empty() ? std::string("?") : second.errors().front().message);
        std::string rewritten = to_json_string(*second, {.indent = indent});
        if (rewritten != written)
            return "the written texts differ:\n  " + written + "\n  " + rewritten;
    }
    return {};
}

// Both checks for every payload type, the first problem found.
inline std::string any_problem(std::string_view text) {
    std::string problem;
    for_each_payload([&]<class T>() {
        if (problem.empty())
            problem = read_problem<T>(text);
        if (problem.empty())
            problem = round_trip_problem<T>(text);
    });
    return problem;
}

} // namespace reportkit::fuzz
