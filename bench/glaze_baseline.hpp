// glaze 2.9.5, the baseline of issue 16: plain structs mirroring every payload type, read with
// error_on_missing_keys (no other validation) and written. Built only when CMake is given
// -DREPORTKIT_GLAZE_INCLUDE=<glaze's include directory>; the project never depends on glaze.
#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

namespace reportkit::bench {

// Registers `<read_name>/glaze` and `<write_name>/glaze` for the payload type called `type`
// (the names of REPORTKIT_PAYLOAD_TYPES) and its JSON text. Returns false, registering nothing,
// when glaze rejects the text, so that a baseline never measures a failed read.
bool register_glaze(std::string_view type, const std::string& read_name,
                    const std::string& write_name, const std::string& text);

} // namespace reportkit::bench
