# Configure + install reportkit from SOURCE_DIR into WORK_DIR/prefix (tests off), then build
# and run CONSUMER_DIR against that prefix only, header-only and with reportkit::compiled.
file(REMOVE_RECURSE ${WORK_DIR})
function(step)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
    endif()
    message("${out}")
endfunction()
step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/lib -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix
     -DREPORTKIT_INSTALL_ONLY=ON)
step(${CMAKE_COMMAND} --build ${WORK_DIR}/lib)
step(${CMAKE_COMMAND} --install ${WORK_DIR}/lib)
step(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/consumer -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
step(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
step(${WORK_DIR}/consumer/consumer)
step(${WORK_DIR}/consumer/consumer_compiled)
