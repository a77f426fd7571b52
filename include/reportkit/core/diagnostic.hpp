// A problem found in a payload: where (JSON Pointer), what kind (a stable code), how bad, and
// what was expected against what came.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace reportkit {

enum class Severity { error, warning };

constexpr std::string_view to_string(Severity s) {
    return s == Severity::error ? "error" : "warning";
}

// Stable diagnostic codes. Tools and tests match on these; the messages may improve over time.
namespace code {
inline constexpr std::string_view syntax = "syntax";           // not JSON at all
inline constexpr std::string_view too_deep = "too_deep";       // nesting over the limit
inline constexpr std::string_view too_large = "too_large";     // input over the size limit
inline constexpr std::string_view type = "type";               // wrong JSON type
inline constexpr std::string_view enum_value = "enum";         // string outside the enum
inline constexpr std::string_view format = "format";           // UUID, date, timestamp shape
inline constexpr std::string_view required = "required";       // required field missing
inline constexpr std::string_view required_if = "required_if"; // conditional presence
inline constexpr std::string_view forbidden = "forbidden";     // present where not allowed
inline constexpr std::string_view unknown_key = "unknown_key"; // key the schema lacks
inline constexpr std::string_view duplicate_key = "duplicate_key";
inline constexpr std::string_view non_empty = "non_empty"; // empty array
inline constexpr std::string_view unique = "unique";       // repeated array item
inline constexpr std::string_view ordered = "ordered";     // e.g. period start after end
inline constexpr std::string_view not_in_future = "not_in_future";
inline constexpr std::string_view minimum = "minimum";         // number under its bound
inline constexpr std::string_view range = "range";             // number outside its C++ type
inline constexpr std::string_view recommended = "recommended"; // warning: advisable field absent
inline constexpr std::string_view allowed_subset = "allowed_subset"; // values outside a subset
inline constexpr std::string_view quoted_boolean = "quoted_boolean"; // warning: "true" as a string
inline constexpr std::string_view together = "together";             // fields present only together
inline constexpr std::string_view sum = "sum"; // warning: a total is not its parts' sum
// CSV (core/csv.hpp)
inline constexpr std::string_view quote = "quote";                   // malformed RFC 4180 quoting
inline constexpr std::string_view encoding = "encoding";             // bytes that are not UTF-8
inline constexpr std::string_view field_count = "field_count";       // row and header differ
inline constexpr std::string_view missing_column = "missing_column"; // required column absent
inline constexpr std::string_view unknown_column = "unknown_column"; // column the row lacks
inline constexpr std::string_view duplicate_column = "duplicate_column";
inline constexpr std::string_view too_many = "too_many"; // more diagnostics than the limit
} // namespace code

namespace detail {
// A value as a message quotes it: in double quotes, cut after 40 characters. The cut falls
// between UTF-8 characters, never inside one, so an excerpt of valid text stays valid text.
inline std::string quoted_excerpt(std::string_view s) {
    constexpr std::size_t limit = 40;
    auto continues = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    std::size_t cut = 0, characters = 0;
    while (cut < s.size() && characters < limit) {
        // A lead byte says how many continuation bytes follow; a stray one counts alone.
        auto lead = static_cast<unsigned char>(s[cut]);
        int more = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        ++cut, ++characters;
        for (; more > 0 && cut < s.size() && continues(s[cut]); --more)
            ++cut;
    }
    std::string out = "\"";
    out += s.substr(0, cut);
    out += cut < s.size() ? "...\"" : "\"";
    return out;
}
} // namespace detail

struct Diagnostic {
    std::string pointer; // RFC 6901 JSON Pointer; "" is the whole document
    std::string code;    // one of reportkit::code
    Severity severity = Severity::error;
    std::string message;
    // Where in a text file (CSV) the problem is, 1-based; 0 when the input is JSON, whose
    // pointer says it all.
    std::size_t line = 0;
    std::size_t column = 0;

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// "pointer: message", the form the command line prints; the document root shows as "(root)".
// A CSV diagnostic starts with its place: "line 3, column 17: /row/1/tenant/id: ...".
inline std::ostream& operator<<(std::ostream& os, const Diagnostic& d) {
    if (d.line)
        os << "line " << d.line << ", column " << d.column << ": ";
    os << (d.pointer.empty() ? std::string_view("(root)") : std::string_view(d.pointer)) << ": ";
    if (d.severity == Severity::warning)
        os << "warning: ";
    return os << d.message;
}

} // namespace reportkit
