// `reportkit usage FILE`: a downloaded report file (csv_v2_0 or json_v2_0, gzip or plain)
// summarised per tenant and item, or its records as JSON.
#pragma once

#include <string>
#include <vector>

namespace reportkit::cli {

// Exit status: 0 read (warnings allowed), 1 the file breaks its format's rules, 2 usage error or
// unreadable input.
int run_usage(const std::vector<std::string>& args);

} // namespace reportkit::cli
