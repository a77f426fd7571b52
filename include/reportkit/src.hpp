// The compiled part of reportkit, for REPORTKIT_SEPARATE_COMPILATION (see core/config.hpp):
// include this in exactly one translation unit of the program. The CMake target
// reportkit::compiled is that unit.
#pragma once

#ifndef REPORTKIT_SEPARATE_COMPILATION
#error                                                                                             \
    "<reportkit/src.hpp> is for REPORTKIT_SEPARATE_COMPILATION builds; header-only builds need no source file"
#endif

#include <reportkit/core/detail/parse_document.hpp>
