# `cpack -G DEB` in a build folder makes two Debian packages from the install components:
#   reportkit-tools  bin/reportkit and bin/reportkit-mock; Depends from their shared libraries
#   reportkit-dev    headers, static libraries, CMake and pkg-config files; Depends on the
#                    Debian packages a consumer compiles and links against, and on the tools
#                    (the exported CMake targets name the programs)
set(CPACK_PACKAGE_NAME reportkit)
set(CPACK_PACKAGE_VENDOR "The reportkit project")
set(CPACK_PACKAGE_CONTACT "The reportkit project <reportkit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Programs are stripped (CMake never strips static libraries: their symbol table is all they have).
set(CPACK_STRIP_FILES TRUE)
set(CPACK_COMPONENTS_ALL dev tools)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME reportkit-tools)
set(CPACK_COMPONENT_TOOLS_DESCRIPTION
    "Command-line tools of reportkit\n reportkit validates, formats and generates usage-report "
    "API payloads;\n reportkit-mock serves a mock of the API for tests in any language.")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME reportkit-dev)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "C++20 library, client and mock server for the usage-report API\n Declarative payload "
    "schema, builders, JSON and CSV reading and writing,\n JSON Schema export, an HTTP client and "
    "an in-process mock server.")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "reportkit-tools (= ${PROJECT_VERSION}), libboost1.81-dev, libboost-json1.81-dev, \
libcpp-httplib-dev, zlib1g-dev, libsqlite3-dev, pkgconf | pkg-config")

include(CPack)
