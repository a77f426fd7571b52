# `cpack -G DEB` of this build: two packages whose contents and Depends are checked, then
# unpacked, and the plain consumer is built against the unpacked tree (the CMake and pkg-config
# files find their prefix from where they are).
include(${CMAKE_CURRENT_LIST_DIR}/kit_steps.cmake)
set(out ${KIT}/package)
file(REMOVE_RECURSE ${out})
step(cpack --config ${BUILD_DIR}/CPackConfig.cmake -G DEB -B ${out})

file(GLOB debs ${out}/*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 2)
    message(FATAL_ERROR "expected reportkit-dev and reportkit-tools, got: ${debs}")
endif()

# deb_field(VAR DEB FIELD)
function(deb_field var deb field)
    execute_process(COMMAND dpkg-deb --field ${deb} ${field} OUTPUT_VARIABLE value
                    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    set(${var} "${value}" PARENT_SCOPE)
endfunction()
# require_in(TEXT WHAT ITEMS...)
function(require_in text what)
    foreach(item ${ARGN})
        string(FIND "${text}" "${item}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "${what} lacks \"${item}\":\n${text}")
        endif()
    endforeach()
endfunction()

set(root ${out}/root)
foreach(deb ${debs})
    deb_field(name ${deb} Package)
    deb_field(depends ${deb} Depends)
    file(SIZE ${deb} size)
    message("${name}: ${size} bytes\n  Depends: ${depends}")
    if(name STREQUAL "reportkit-dev")
        require_in("${depends}" "reportkit-dev Depends" "reportkit-tools (=" "libboost1.81-dev"
                   "libboost-json1.81-dev" "libcpp-httplib-dev" "zlib1g-dev" "libsqlite3-dev"
                   "pkg-config")
    elseif(name STREQUAL "reportkit-tools")
        # Computed from the programs' shared libraries.
        require_in("${depends}" "reportkit-tools Depends" "libc6" "libstdc++6"
                   "libboost-program-options1.81.0" "libboost-json1.81.0" "libcpp-httplib0.11")
    else()
        message(FATAL_ERROR "unexpected package ${name}")
    endif()
    step(dpkg-deb --contents ${deb})
    step(dpkg-deb --extract ${deb} ${root})
endforeach()
require_kit_files(${root}/usr)

# The unpacked tree stands on its own: pkg-config points into it, and CMake builds against it.
file(GLOB pc_dir LIST_DIRECTORIES true ${root}/usr/lib/pkgconfig ${root}/usr/lib/*/pkgconfig)
execute_process(COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_dir}
                        pkg-config --cflags reportkit OUTPUT_VARIABLE cflags
                COMMAND_ERROR_IS_FATAL ANY)
string(REGEX REPLACE "^-I([^ \n]+).*" "\\1" include_dir "${cflags}")
if(NOT EXISTS ${include_dir}/reportkit/reports.hpp)
    message(FATAL_ERROR "pkg-config --cflags reportkit points elsewhere: ${cflags}")
endif()
step(${CMAKE_COMMAND} -S ${CONSUMERS}/library -B ${out}/consumer -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${root}/usr)
step(${CMAKE_COMMAND} --build ${out}/consumer)
step(${out}/consumer/consumer)
step(${out}/consumer/consumer_compiled)
