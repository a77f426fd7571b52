// The version of reportkit. CMake reads it from this header (project(VERSION)), so the package,
// the installed CMake files, the pkg-config files and `--version` all say the same.
#pragma once

#include <string_view>

#define REPORTKIT_VERSION "0.2.0"

namespace reportkit {
inline constexpr std::string_view version = REPORTKIT_VERSION;
} // namespace reportkit
