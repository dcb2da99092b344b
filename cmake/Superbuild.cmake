# SPDX-License-Identifier: BSD-2-Clause
#
# From the host tree, build every board (and the clang variant) as an
# external sub-build and pull their ctest files into this tree's, so one
# ctest run lists every unit and system test by name.
include(ExternalProject)

set(CAIRN_SUBBUILDS
    "qemu-virt|gcc|qemu-virt"
    "rpi4|gcc|rpi4"
    "qemu-virt|clang|clang/qemu-virt")
set(CAIRN_SUBBUILD_DIRS "")
foreach(entry IN LISTS CAIRN_SUBBUILDS)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 board)
    list(GET parts 1 compiler)
    list(GET parts 2 prefix)
    set(dir "${CMAKE_BINARY_DIR}/boards/${board}-${compiler}")
    ExternalProject_Add(board-${board}-${compiler}
        SOURCE_DIR "${CMAKE_SOURCE_DIR}"
        BINARY_DIR "${dir}"
        CMAKE_ARGS
            "--toolchain=${CMAKE_SOURCE_DIR}/cmake/toolchain-${compiler}.cmake"
            "-DCAIRN_BOARD=${board}" "-DCAIRN_TEST_PREFIX=${prefix}"
        BUILD_ALWAYS ON
        INSTALL_COMMAND ""
        USES_TERMINAL_BUILD ON)
    list(APPEND CAIRN_SUBBUILD_DIRS "${dir}")
endforeach()

set(include_file "${CMAKE_BINARY_DIR}/cairn-subbuilds.cmake")
set(content "")
foreach(dir IN LISTS CAIRN_SUBBUILD_DIRS)
    string(APPEND content "subdirs(\"${dir}\")\n")
endforeach()
file(WRITE "${include_file}" "${content}")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
