// Test helpers: payloads made by editing a known-good document, and diagnostics as the plain
// (pointer, code) pairs that tests compare against.
#pragma once

#include <reportkit/core.hpp>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

namespace reportkit::testing {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string test_data(const std::string& name) {
    return read_file(std::string(REPORTKIT_TEST_DATA) + "/" + name);
}

// The text of `base` after `edit` changed its DOM: one mutation, everything else valid.
inline std::string edited(const std::string& base,
                          const std::function<void(boost::json::object&)>& edit) {
    boost::json::value doc = boost::json::parse(base);
    edit(doc.as_object());
    return boost::json::serialize(doc);
}

using Finding = std::pair<std::string, std::string>; // (pointer, code)

inline std::vector<Finding> findings(const std::vector<Diagnostic>& diagnostics,
                                     Severity severity = Severity::error) {
    std::vector<Finding> out;
    for (const auto& d : diagnostics)
        if (d.severity == severity)
            out.emplace_back(d.pointer, d.code);
    return out;
}

template <class T>
std::vector<Finding> errors_of(const std::string& text, const ReadOptions& options = {}) {
    return findings(from_json<T>(text, options).diagnostics());
}

template <class T>
std::vector<Finding> warnings_of(const std::string& text, const ReadOptions& options = {}) {
    return findings(from_json<T>(text, options).diagnostics(), Severity::warning);
}

// The message of the only diagnostic at `pointer`, or "" when there is none.
template <class T>
std::string message_at(const std::string& text, const std::string& pointer,
                       const ReadOptions& options = {}) {
    for (const auto& d : from_json<T>(text, options).diagnostics())
        if (d.pointer == pointer)
            return d.message;
    return "";
}

} // namespace reportkit::testing
