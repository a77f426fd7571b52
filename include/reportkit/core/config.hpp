// Header-only, or the parser compiled once.
//
// By default reportkit is header-only, and every translation unit that reads JSON compiles
// reportkit's parser (its tokenizer and reader): seconds of compile time each. A project with many
// such units defines REPORTKIT_SEPARATE_COMPILATION everywhere and includes <reportkit/src.hpp>
// in exactly one of them (the CMake target reportkit::compiled does both), as with Boost.JSON's
// own separate compilation. That unit then also holds reading, writing and validating of the
// API's payload types (<reportkit/reports.hpp> declares them extern); a program's own
// reflected structs are compiled from the headers in either mode.
#pragma once

#ifdef REPORTKIT_SEPARATE_COMPILATION
#define REPORTKIT_DECL
// The two modes give the parser's function different symbols, so its inline and its compiled
// definition never meet. The templates have one symbol in both modes: use one mode per program.
#define REPORTKIT_BEGIN_LINKAGE_NAMESPACE inline namespace compiled {
#else
#define REPORTKIT_DECL inline
#define REPORTKIT_BEGIN_LINKAGE_NAMESPACE inline namespace header_only {
#endif
#define REPORTKIT_END_LINKAGE_NAMESPACE }

// On the functions that only run for a bad input (composing an error message): kept out of
// line and small, so that each caller's code, and its compile time, stays that of the good path.
#if defined(__GNUC__)
#define REPORTKIT_COLD [[gnu::cold]]
#else
#define REPORTKIT_COLD
#endif
