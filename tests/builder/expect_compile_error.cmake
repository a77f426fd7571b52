# cmake -DCOMPILER=... -DSOURCE=... -DINCLUDES=a|b -DCASE=name -DEXPECT=regex -P this-file
#
# Compiles SOURCE with -DREPORTKIT_CASE_<name>. EXPECT "compiles" means it must compile; any
# other EXPECT is a regular expression the compiler's output must match, after a failure that is
# a static assertion.
string(REPLACE "|" ";" include_dirs "${INCLUDES}")
set(include_flags "")
foreach(dir ${include_dirs})
    list(APPEND include_flags "-I${dir}")
endforeach()
execute_process(
    COMMAND "${COMPILER}" -std=c++20 -fsyntax-only ${include_flags} "-DREPORTKIT_CASE_${CASE}"
            "${SOURCE}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)

if(EXPECT STREQUAL "compiles")
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "case ${CASE} must compile, but the compiler said:\n${output}")
    endif()
    message(STATUS "case ${CASE} compiles, as it must")
    return()
endif()

if(status EQUAL 0)
    message(FATAL_ERROR "case ${CASE} compiled, but it must not")
endif()
if(NOT output MATCHES "static.assert")
    message(FATAL_ERROR "case ${CASE} failed to compile, but not at a static_assert:\n${output}")
endif()
if(NOT output MATCHES "${EXPECT}")
    message(FATAL_ERROR
            "case ${CASE} failed at a static_assert, but its message does not match\n"
            "  ${EXPECT}\nThe compiler said:\n${output}")
endif()
message(STATUS "case ${CASE} is rejected with the expected message")
