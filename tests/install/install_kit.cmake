# `cmake --install` of this build into KIT/prefix; the tree must hold everything a user needs.
include(${CMAKE_CURRENT_LIST_DIR}/kit_steps.cmake)
file(REMOVE_RECURSE ${KIT}/prefix)
step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${KIT}/prefix)
require_kit_files(${KIT}/prefix)
step(${KIT}/prefix/bin/reportkit --version)
step(${KIT}/prefix/bin/reportkit-mock --version)
