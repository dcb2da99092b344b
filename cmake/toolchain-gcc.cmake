# SPDX-License-Identifier: BSD-2-Clause
# Cross toolchain: Debian's GNU AArch64 compiler and binutils (the default).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_ASM_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_OBJCOPY aarch64-linux-gnu-objcopy CACHE FILEPATH "objcopy for images")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
