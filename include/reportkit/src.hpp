// The compiled part of reportkit, for REPORTKIT_SEPARATE_COMPILATION (see core/config.hpp):
// include this in exactly one translation unit of the program. The CMake target
// reportkit::compiled is that unit.
#pragma once

#ifndef REPORTKIT_SEPARATE_COMPILATION
#error                                                                                             \
    "<reportkit/src.hpp> is for REPORTKIT_SEPARATE_COMPILATION builds; header-only builds need no source file"
#endif

#include <reportkit/core/detail/parse_document.hpp>
#include <reportkit/reports.hpp>

namespace reportkit {
#define REPORTKIT_DETAIL_INSTANTIATE(name, Type) REPORTKIT_DETAIL_PAYLOAD_FUNCTIONS(template, Type)
REPORTKIT_PAYLOAD_TYPES(REPORTKIT_DETAIL_INSTANTIATE)
#undef REPORTKIT_DETAIL_INSTANTIATE
} // namespace reportkit
