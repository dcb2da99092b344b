# SPDX-License-Identifier: BSD-2-Clause
# Cross toolchain: clang targeting AArch64 and lld; the second supported compiler.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_ASM_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld")
set(CMAKE_OBJCOPY llvm-objcopy CACHE FILEPATH "objcopy for images")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
