# reportkit_test_timeout(TARGET SECONDS): a CTest TIMEOUT for every test case that
# catch_discover_tests finds in TARGET. The cases are known only when CTest runs, so the
# property is set by a script CTest includes after the discovered list (<TARGET>_TESTS).
include_guard(GLOBAL)
function(reportkit_test_timeout target seconds)
    set(script ${CMAKE_CURRENT_BINARY_DIR}/${target}_timeout.cmake)
    file(WRITE ${script}
         "if(${target}_TESTS)\n"
         "  set_tests_properties(\${${target}_TESTS} PROPERTIES TIMEOUT ${seconds})\n"
         "endif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()
