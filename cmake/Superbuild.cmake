# SPDX-License-Identifier: BSD-2-Clause
#
# From the host tree, build every board (and the clang variant) as an
# external sub-build and pull their ctest files into this tree's, so one
# ctest run lists every unit and system test by name.
include(ExternalProject)

# board | compiler | test-name prefix | build directory suffix | extra options
# (options separated by commas)
set(CAIRN_SUBBUILDS
    "qemu-virt|gcc|qemu-virt|gcc|"
    "rpi4|gcc|rpi4|gcc|"
    "qemu-virt|clang|clang/qemu-virt|clang|"
    "qemu-virt|gcc|nofastpath/qemu-virt|nofastpath|-DCAIRN_FASTPATH=OFF"
    "rpi4|gcc|nofastpath/rpi4|nofastpath|-DCAIRN_FASTPATH=OFF,-DCAIRN_ROOT_CNODE_BITS=13"
    "qemu-virt|gcc|gicv3/qemu-virt|gicv3|-DCAIRN_GIC_VERSION=3,-DCAIRN_ROOT_CNODE_BITS=13"
    "qemu-virt|gcc|domains/qemu-virt|domains|-DCAIRN_NUM_DOMAINS=4,-DCAIRN_ONLY_BOOT_PATH=virt-a53"
    "rpi4|gcc|domains/rpi4|domains|-DCAIRN_NUM_DOMAINS=4"
    "qemu-virt|gcc|ubsan/qemu-virt|ubsan|-DCAIRN_UBSAN=ON,-DCAIRN_ONLY_BOOT_PATH=virt-a53"
    "rpi4|gcc|ubsan/rpi4|ubsan|-DCAIRN_UBSAN=ON"
    "qemu-virt|gcc|release/qemu-virt|release|-DCAIRN_DEBUG_BUILD=OFF,-DCAIRN_ONLY_BOOT_PATH=virt-a53"
    "rpi4|gcc|release/rpi4|release|-DCAIRN_DEBUG_BUILD=OFF"
    "qemu-virt|gcc|smp/qemu-virt|smp|-DCAIRN_MAX_NUM_NODES=4,-DCAIRN_TEST_SET=boot"
    "rpi4|gcc|smp/rpi4|smp|-DCAIRN_MAX_NUM_NODES=4,-DCAIRN_TEST_SET=boot")
set(CAIRN_SUBBUILD_DIRS "")
foreach(entry IN LISTS CAIRN_SUBBUILDS)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 board)
    list(GET parts 1 compiler)
    list(GET parts 2 prefix)
    list(GET parts 3 suffix)
    list(GET parts 4 options)
    string(REPLACE "," ";" options "${options}")
    set(dir "${CMAKE_BINARY_DIR}/boards/${board}-${suffix}")
    ExternalProject_Add(board-${board}-${suffix}
        SOURCE_DIR "${CMAKE_SOURCE_DIR}"
        BINARY_DIR "${dir}"
        CMAKE_ARGS
            "--toolchain=${CMAKE_SOURCE_DIR}/cmake/toolchain-${compiler}.cmake"
            "-DCAIRN_BOARD=${board}" "-DCAIRN_TEST_PREFIX=${prefix}" ${options}
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
