# How reportkit finds what its client and mock link with. Its own build includes this file, and
# so does the installed reportkitConfig.cmake, so a consumer finds the same libraries the same
# way: cpp-httplib, zlib and SQLite through pkg-config (Debian ships their .pc files), threads
# through CMake. Each result is a target, or absent when the library is missing.
find_package(PkgConfig QUIET)
find_package(Threads QUIET)
if(PKG_CONFIG_FOUND)
    foreach(module cpp-httplib zlib sqlite3)
        string(REPLACE "-" "_" prefix "reportkit_${module}")
        if(NOT TARGET PkgConfig::${prefix})
            # The cpp-httplib flags define CPPHTTPLIB_*_SUPPORT, which changes httplib's class
            # layouts: every unit that includes httplib.h must see them, so they travel with the
            # target to whatever links it.
            pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
        endif()
    endforeach()
endif()
