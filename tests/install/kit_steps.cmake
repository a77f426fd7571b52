# step(COMMAND...): runs a command, prints its output, fails the test when it fails.
function(step)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    message("$ ${ARGN}\n${out}${err}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

# What an installed or packaged tree must hold, relative to its prefix (LIB is the library
# folder: `lib` or `lib/<arch>`).
set(kit_files
    include/reportkit/reports.hpp
    include/reportkit/client.hpp
    include/reportkit/mock/server.hpp
    include/reportkit/version.hpp
    LIB/libreportkit.a
    LIB/libreportkit-mock.a
    LIB/cmake/reportkit/reportkitConfig.cmake
    LIB/cmake/reportkit/reportkitConfigVersion.cmake
    LIB/cmake/reportkit/reportkitDependencies.cmake
    LIB/cmake/reportkit/reportkitTargets.cmake
    LIB/cmake/reportkit/reportkitClientTargets.cmake
    LIB/cmake/reportkit/reportkitMockTargets.cmake
    LIB/pkgconfig/reportkit.pc
    LIB/pkgconfig/reportkit-compiled.pc
    LIB/pkgconfig/reportkit-client.pc
    LIB/pkgconfig/reportkit-mock.pc
    bin/reportkit
    bin/reportkit-mock)

# require_kit_files(PREFIX): fails naming every expected file the tree lacks.
function(require_kit_files prefix)
    set(missing "")
    foreach(pattern ${kit_files})
        string(REPLACE "LIB/" "lib/" flat ${pattern})
        string(REPLACE "LIB/" "lib/*/" multiarch ${pattern})
        file(GLOB found LIST_DIRECTORIES false ${prefix}/${flat} ${prefix}/${multiarch})
        if(NOT found)
            list(APPEND missing ${pattern})
        endif()
    endforeach()
    if(missing)
        message(FATAL_ERROR "${prefix} lacks: ${missing}")
    endif()
endfunction()
