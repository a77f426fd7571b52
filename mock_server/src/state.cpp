#include "state.hpp"

#include <reportkit/core/read.hpp>
#include <reportkit/core/write.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reportkit::mock::detail {

std::string to_text(const State& state) {
    return to_json_string(state, {.indent = 2}) + "\n";
}

State read_state_export(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read --load file " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    auto refuse = [&](const std::string& why) {
        return std::runtime_error("--load file " + path
                                  + " is not a state export; nothing of it was loaded (" + why
                                  + ")");
    };
    // Reports were checked against the clock when they were made; loading them again must not
    // judge their periods against a different "today".
    auto state =
        from_json<State>(text, {.today = Date(9999, 12, 31), .max_bytes = text.size() + 1});
    if (!state) {
        std::ostringstream why;
        why << state.errors().front();
        throw refuse(why.str());
    }
    if (state->format != state_format)
        throw refuse("\"format\" is \"" + state->format + "\", expected \""
                     + std::string(state_format) + "\"");
    if (state->version != state_version)
        throw refuse("\"version\" is " + std::to_string(state->version) + ", this build reads "
                     + std::to_string(state_version));
    return std::move(*state);
}

} // namespace reportkit::mock::detail
