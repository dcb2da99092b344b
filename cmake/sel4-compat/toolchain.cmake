# SPDX-License-Identifier: BSD-2-Clause
# The toolchain seL4 projects get when built for Cairn: Cairn's GNU AArch64
# cross compiler, with C++ (sel4test has a C++ test) and the prefix musllibc's
# build asks for.
include("${CMAKE_CURRENT_LIST_DIR}/../toolchain-gcc.cmake")
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CROSS_COMPILER_PREFIX "aarch64-linux-gnu-" CACHE STRING "Cross compiler prefix")
