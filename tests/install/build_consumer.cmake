# Builds the consumer project CONSUMERS/CONSUMER against the installed KIT/prefix only, and runs
# its tests.
include(${CMAKE_CURRENT_LIST_DIR}/kit_steps.cmake)
set(work ${KIT}/consumer-${CONSUMER})
file(REMOVE_RECURSE ${work})
set(prefix ${KIT}/prefix)

if(CONSUMER STREQUAL "makefile")
    # make writes beside its Makefile: the project is copied out of the source tree first.
    file(COPY ${CONSUMERS}/makefile/ DESTINATION ${work})
    file(GLOB pc_dirs LIST_DIRECTORIES true ${prefix}/lib/pkgconfig ${prefix}/lib/*/pkgconfig)
    step(${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_dirs} make -C ${work} check CXX=${CXX})
    return()
endif()

step(${CMAKE_COMMAND} -S ${CONSUMERS}/${CONSUMER} -B ${work} -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
step(${CMAKE_COMMAND} --build ${work})
if(CONSUMER STREQUAL "library")
    step(${work}/consumer)
    step(${work}/consumer_compiled)
else()
    step(${CMAKE_CTEST_COMMAND} --test-dir ${work} --output-on-failure)
endif()
