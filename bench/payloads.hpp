// The payloads every benchmark reads and writes: the documentation's seed request, byte for byte
// as tests/data holds it, and the same request with 1,000 recipients in the same layout.
#pragma once

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace reportkit::bench {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline const std::string& seed_request_text() {
    static const std::string text =
        read_file(std::string(REPORTKIT_SOURCE_DIR) + "/tests/data/seed-request.json");
    return text;
}

// Distinct, valid, lower-case UUIDs (version 4 layout), the same on every run.
inline std::string synthetic_uuid(std::size_t i) {
    unsigned long long a = 0x9e3779b97f4a7c15ULL * (i + 1), b = a ^ (a >> 29);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-a%03llx-%012llx", a >> 32,
                  (a >> 16) & 0xffff, b & 0xfff, (b >> 12) & 0xfff,
                  (static_cast<unsigned long long>(i) << 20 ^ (b >> 24)) & 0xffffffffffffULL);
    return buf;
}

// The seed request with its recipients replaced by `n` distinct ones, one per line as in the seed.
inline std::string request_text_with_recipients(std::size_t n) {
    const std::string& seed = seed_request_text();
    std::size_t open = seed.find('[', seed.find("\"recipients\""));
    std::size_t close = seed.find(']', open);
    std::string items;
    for (std::size_t i = 0; i < n; ++i)
        items += (i ? ",\n        \"" : "\n        \"") + synthetic_uuid(i) + '"';
    return seed.substr(0, open + 1) + items + "\n    " + seed.substr(close);
}

} // namespace reportkit::bench
