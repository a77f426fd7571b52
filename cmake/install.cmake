# What `cmake --install` puts in a prefix, and the package files that find it again:
#   include/reportkit/...                      the library's, the client's and the mock's headers
#   lib/<arch>/libreportkit.a, libreportkit-mock.a
#   lib/<arch>/cmake/reportkit/                reportkitConfig.cmake and the exported targets
#   lib/<arch>/pkgconfig/reportkit*.pc         for projects without CMake
#   bin/reportkit, bin/reportkit-mock
# Components: `dev` (headers, libraries, CMake and pkg-config files) and `tools` (the programs),
# which are also the Debian packages (cmake/package.cmake).
set(REPORTKIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/reportkit)

install(DIRECTORY include/reportkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
        PATTERN CMakeLists.txt EXCLUDE)
install(TARGETS reportkit reportkit_compiled EXPORT reportkitTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(EXPORT reportkitTargets NAMESPACE reportkit:: DESTINATION ${REPORTKIT_CMAKE_DIR}
        COMPONENT dev)

set(pc_files reportkit reportkit-compiled)
if(TARGET reportkit_client)
    install(TARGETS reportkit_client EXPORT reportkitClientTargets COMPONENT dev)
    install(EXPORT reportkitClientTargets NAMESPACE reportkit:: DESTINATION ${REPORTKIT_CMAKE_DIR}
            COMPONENT dev)
    list(APPEND pc_files reportkit-client)
endif()
if(TARGET reportkit_mock)
    install(DIRECTORY mock_server/include/reportkit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
            COMPONENT dev)
    install(TARGETS reportkit_mock EXPORT reportkitMockTargets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
    install(TARGETS reportkit-mock EXPORT reportkitMockTargets
            RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
    install(EXPORT reportkitMockTargets NAMESPACE reportkit:: DESTINATION ${REPORTKIT_CMAKE_DIR}
            COMPONENT dev)
    list(APPEND pc_files reportkit-mock)
endif()
if(TARGET reportkit-cli)
    # The program is exported with the core targets, so `$<TARGET_FILE:reportkit::cli>` works
    # in a consumer's tests.
    install(TARGETS reportkit-cli EXPORT reportkitTargets
            RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
endif()

configure_package_config_file(cmake/reportkitConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/reportkitConfig.cmake INSTALL_DESTINATION ${REPORTKIT_CMAKE_DIR})
# The static libraries make the package architecture-specific, so the version file checks the
# consumer's pointer size.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/reportkitConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/reportkitConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/reportkitConfigVersion.cmake
              cmake/reportkitDependencies.cmake
        DESTINATION ${REPORTKIT_CMAKE_DIR} COMPONENT dev)

# pkg-config files that find the prefix from their own place (${pcfiledir}), so an unpacked or
# relocated tree works as well as an installed one.
file(RELATIVE_PATH REPORTKIT_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" REPORTKIT_PC_PREFIX "${REPORTKIT_PC_PREFIX}")
foreach(pc ${pc_files})
    configure_file(cmake/pkgconfig/${pc}.pc.in ${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/${pc}.pc
                   @ONLY)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/${pc}.pc
            DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
endforeach()
