# SPDX-License-Identifier: BSD-2-Clause
#
# Cairn's build as a CMake module, for this tree and for out-of-tree root tasks.
#
# Use from another project (configured with Cairn's toolchain file):
#
#   set(CAIRN_BOARD qemu-virt)            # or rpi4
#   set(CAIRN_GIC_VERSION 3)              # optional, qemu-virt: GICv3
#   include(/path/to/cairn/cmake/Cairn.cmake)
#   cairn_add_image(hello SOURCES hello.c)
#
# which builds hello.elf (kernel + root task, for gdb) and hello.img (the
# bootable arm64 Image: QEMU -kernel, U-Boot booti, Pi kernel8.img).
# cairn_add_qemu_test() from cmake/CairnQemu.cmake registers runs of it.

include_guard(GLOBAL)

get_filename_component(CAIRN_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(CAIRN_BOARD "qemu-virt" CACHE STRING "Board to build for (qemu-virt, rpi4)")
set_property(CACHE CAIRN_BOARD PROPERTY STRINGS qemu-virt rpi4)
option(CAIRN_SEMIHOSTING "End QEMU through semihosting on exit/panic/idle (off for real boards)" ON)
# Debug or release kernel (seL4's KernelDebugBuild; docs/performance.md,
# "Release and debug kernels"). A release kernel has no user-error lines, no
# assertions and no invariant checker; both print through printk and keep the
# console and test-harness system calls (seL4's KernelPrinting).
option(CAIRN_DEBUG_BUILD "Debug kernel (OFF: release: no user errors, assertions or checker)" ON)
option(CAIRN_USER_ERRORS "Print why the kernel refused an invocation (debug builds)" ON)
if(NOT CAIRN_DEBUG_BUILD)
    set(CAIRN_USER_ERRORS OFF) # a normal variable: hides the cache entry in a release build
endif()
option(CAIRN_FASTPATH "IPC fast path for Call and ReplyRecv (OFF: always the slow path)" ON)
option(CAIRN_UBSAN "Kernel built with the undefined-behaviour sanitizer (report and stop)" OFF)
option(CAIRN_FPU_EAGER "Switch FP/SIMD registers on every context switch (default: lazily)" OFF)
set(CAIRN_NUM_DOMAINS 1 CACHE STRING "Scheduling domains (static round-robin schedule)")
# Cores the kernel starts (docs/smp.md). 1: today's one-core kernel, with no
# multicore code at all. More: the boot core starts the others the device
# tree lists, up to this many (QEMU virt gets -smp with this count).
set(CAIRN_MAX_NUM_NODES 1 CACHE STRING "Cores the kernel runs on, at most")
if(NOT CAIRN_MAX_NUM_NODES MATCHES "^[1-9][0-9]*$" OR CAIRN_MAX_NUM_NODES GREATER 16)
    message(FATAL_ERROR "CAIRN_MAX_NUM_NODES must be 1 to 16, not '${CAIRN_MAX_NUM_NODES}'")
endif()
set(CAIRN_GIC_VERSION 2 CACHE STRING
    "Interrupt controller: 2 (GICv2), or 3 (GICv3, qemu-virt only: -M virt,gic-version=3)")
set_property(CACHE CAIRN_GIC_VERSION PROPERTY STRINGS 2 3)

if(NOT EXISTS "${CAIRN_ROOT}/platforms/${CAIRN_BOARD}/board.dts")
    message(FATAL_ERROR "Unknown CAIRN_BOARD '${CAIRN_BOARD}'")
endif()
# The board's DTS for that GIC: board.dts, or board-gicv<N>.dts for a variant.
if(CAIRN_GIC_VERSION STREQUAL "2")
    set(CAIRN_BOARD_DTS "${CAIRN_ROOT}/platforms/${CAIRN_BOARD}/board.dts")
elseif(CAIRN_GIC_VERSION STREQUAL "3")
    set(CAIRN_BOARD_DTS "${CAIRN_ROOT}/platforms/${CAIRN_BOARD}/board-gicv3.dts")
    if(NOT EXISTS "${CAIRN_BOARD_DTS}")
        message(FATAL_ERROR "CAIRN_GIC_VERSION=3: board '${CAIRN_BOARD}' has no GICv3 variant")
    endif()
else()
    message(FATAL_ERROR "CAIRN_GIC_VERSION must be 2 or 3, not '${CAIRN_GIC_VERSION}'")
endif()
if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "Cairn builds with GCC or clang")
endif()

set(CAIRN_GEN_DIR "${CMAKE_BINARY_DIR}/cairn-gen")
file(MAKE_DIRECTORY "${CAIRN_GEN_DIR}")
include("${CMAKE_CURRENT_LIST_DIR}/CairnConfig.cmake")

# Code generation, for kernel and user code: what every program linked
# with Cairn's runtime needs.
set(CAIRN_CODEGEN_FLAGS
    -ffreestanding -fno-pie -fno-pic -fno-stack-protector
    -fno-asynchronous-unwind-tables -fno-omit-frame-pointer -O2 -g
    -DCAIRN_NUM_DOMAINS=${CAIRN_NUM_DOMAINS})
# Cairn's own policy for its own C sources. It never reaches a user's root
# task: this tree's CMakeLists.txt applies it to every directory of Cairn.
set(CAIRN_WARNING_FLAGS
    -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes)
set(CAIRN_COMMON_FLAGS ${CAIRN_CODEGEN_FLAGS} ${CAIRN_WARNING_FLAGS})
# -L: where the linker scripts find INCLUDE tls.ld.
set(CAIRN_LINK_FLAGS -nostdlib -static -Wl,--build-id=none -Wl,--fatal-warnings
    "-Wl,-L,${CAIRN_ROOT}/libsel-style/src")

# --- Platform: DTS -> DTB -> plat_config.h -------------------------------
find_program(CAIRN_DTC dtc REQUIRED)
find_program(CAIRN_HOST_CC NAMES cc gcc clang REQUIRED)
set(CAIRN_BOARD_DTB "${CAIRN_GEN_DIR}/${CAIRN_BOARD}.dtb")
set(CAIRN_PLATGEN "${CAIRN_GEN_DIR}/platgen")
add_custom_command(OUTPUT "${CAIRN_BOARD_DTB}"
    COMMAND "${CAIRN_DTC}" -q -I dts -O dtb -o "${CAIRN_BOARD_DTB}" "${CAIRN_BOARD_DTS}"
    DEPENDS "${CAIRN_BOARD_DTS}"
    COMMENT "dtc ${CAIRN_BOARD}")
add_custom_command(OUTPUT "${CAIRN_PLATGEN}"
    COMMAND "${CAIRN_HOST_CC}" -O2 -Wall -Wextra -Werror -o "${CAIRN_PLATGEN}"
            "${CAIRN_ROOT}/cmake/tools/platgen.c" -lfdt
    DEPENDS "${CAIRN_ROOT}/cmake/tools/platgen.c"
    COMMENT "host tool platgen")
add_custom_command(OUTPUT "${CAIRN_GEN_DIR}/plat_config.h"
    COMMAND "${CAIRN_PLATGEN}" "${CAIRN_BOARD}" "${CAIRN_BOARD_DTB}"
            "${CAIRN_GEN_DIR}/plat_config.h"
    DEPENDS "${CAIRN_PLATGEN}" "${CAIRN_BOARD_DTB}"
    COMMENT "platgen ${CAIRN_BOARD}")

# --- ABI: invocation labels and user stubs from the interface list -------
set(CAIRN_STUBGEN "${CAIRN_GEN_DIR}/stubgen")
set(CAIRN_API "${CAIRN_ROOT}/libsel-style/interface/cairn.api")
set(CAIRN_GENERATED_ABI "${CAIRN_GEN_DIR}/include/sel4/generated")
file(MAKE_DIRECTORY "${CAIRN_GENERATED_ABI}")
add_custom_command(OUTPUT "${CAIRN_STUBGEN}"
    COMMAND "${CAIRN_HOST_CC}" -O2 -Wall -Wextra -Werror -o "${CAIRN_STUBGEN}"
            "${CAIRN_ROOT}/cmake/tools/stubgen.c"
    DEPENDS "${CAIRN_ROOT}/cmake/tools/stubgen.c"
    COMMENT "host tool stubgen")
add_custom_command(
    OUTPUT "${CAIRN_GENERATED_ABI}/invocation_labels.h" "${CAIRN_GENERATED_ABI}/client.h"
    COMMAND "${CAIRN_STUBGEN}" "${CAIRN_API}" "${CAIRN_GENERATED_ABI}"
    DEPENDS "${CAIRN_STUBGEN}" "${CAIRN_API}"
    COMMENT "stubgen cairn.api")
add_custom_target(cairn_platform DEPENDS "${CAIRN_GEN_DIR}/plat_config.h"
    "${CAIRN_GENERATED_ABI}/invocation_labels.h" "${CAIRN_GENERATED_ABI}/client.h")

# --- Kernel objects (shared by every image of this board) ----------------
file(GLOB CAIRN_KERNEL_SOURCES CONFIGURE_DEPENDS
    "${CAIRN_ROOT}/kernel/src/*/*.c" "${CAIRN_ROOT}/kernel/src/*/*.S"
    "${CAIRN_ROOT}/kernel/src/arch/aarch64/*.c" "${CAIRN_ROOT}/kernel/src/arch/aarch64/*.S")
list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/kernel/rootserver_image.S")
# The invariant checker (kernel/invariants.h) is debug-only work: a release
# kernel does not contain it at all.
if(NOT CAIRN_DEBUG_BUILD)
    list(FILTER CAIRN_KERNEL_SOURCES EXCLUDE REGEX "/(invariants|[a-z_]+_check)[.]c$")
endif()
if(CAIRN_FASTPATH)
    list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/api/fastpath_off.c")
    # Both fast-path functions only ever leave through noreturn calls, so a
    # frame record would be two instructions per IPC that nothing reads.
    set_source_files_properties("${CAIRN_ROOT}/kernel/src/api/fastpath.c"
        PROPERTIES COMPILE_OPTIONS -fomit-frame-pointer)
else()
    list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/api/fastpath.c")
endif()
# One interrupt-controller driver per build (platgen's PLAT_GIC_VERSION, from
# the same DTS, must agree; the other driver's kernel devices do not exist).
if(CAIRN_GIC_VERSION STREQUAL "3")
    list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/drivers/gicv2.c")
else()
    list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/drivers/gicv3.c")
endif()
# The sanitizer's handlers exist only in a sanitized kernel.
if(NOT CAIRN_UBSAN)
    list(REMOVE_ITEM CAIRN_KERNEL_SOURCES "${CAIRN_ROOT}/kernel/src/lib/ubsan.c")
endif()
add_library(cairn_kernel OBJECT ${CAIRN_KERNEL_SOURCES})
# memset and memcpy must not compile into calls to themselves (clang never
# does that inside functions of those names).
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    set_property(SOURCE "${CAIRN_ROOT}/kernel/src/lib/string.c" APPEND PROPERTY
        COMPILE_OPTIONS -fno-tree-loop-distribute-patterns)
endif()
if(CAIRN_UBSAN)
    target_compile_options(cairn_kernel PRIVATE -fsanitize=undefined)
    set_source_files_properties("${CAIRN_ROOT}/kernel/src/lib/ubsan.c"
        PROPERTIES COMPILE_OPTIONS -fno-sanitize=undefined)
endif()
add_dependencies(cairn_kernel cairn_platform)
target_include_directories(cairn_kernel PRIVATE
    "${CAIRN_ROOT}/kernel/include" "${CAIRN_ROOT}/libsel-style/include" "${CAIRN_GEN_DIR}"
    "${CAIRN_GEN_DIR}/include")
target_compile_options(cairn_kernel PRIVATE ${CAIRN_COMMON_FLAGS} -mgeneral-regs-only)
target_compile_definitions(cairn_kernel PRIVATE
    CAIRN_BOARD_DTB="${CAIRN_BOARD_DTB}"
    $<$<BOOL:${CAIRN_SEMIHOSTING}>:CAIRN_SEMIHOSTING CAIRN_HALT_WHEN_IDLE>
    $<$<BOOL:${CAIRN_DEBUG_BUILD}>:CAIRN_DEBUG_BUILD>
    $<$<BOOL:${CAIRN_USER_ERRORS}>:CAIRN_USER_ERRORS>
    $<$<BOOL:${CAIRN_FPU_EAGER}>:CAIRN_FPU_EAGER>)
set_source_files_properties("${CAIRN_ROOT}/kernel/src/kernel/embedded.S"
    PROPERTIES OBJECT_DEPENDS "${CAIRN_BOARD_DTB}")

# --- User-level library and runtime (libsel-style) ------------------------
# The C library of every user program: Debian's picolibc (the
# picolibc-aarch64-linux-gnu package), with libgcc for the compiler's
# helpers. Its standard streams go to the debug console and malloc takes the
# heap the linker script reserves (libsel-style/src/libc_console.c, heap.ld);
# its thread-locals (errno) live in each thread's TLS block.
set(CAIRN_PICOLIBC "/usr/lib/picolibc/aarch64-linux-gnu" CACHE PATH
    "picolibc for AArch64 (Debian: picolibc-aarch64-linux-gnu)")
if(NOT EXISTS "${CAIRN_PICOLIBC}/lib/libc.a")
    message(FATAL_ERROR "picolibc not found in ${CAIRN_PICOLIBC} (sh cmake/install-deps.sh)")
endif()
find_program(CAIRN_GCC_FOR_LIBGCC aarch64-linux-gnu-gcc REQUIRED)
execute_process(COMMAND "${CAIRN_GCC_FOR_LIBGCC}" -print-libgcc-file-name
    OUTPUT_VARIABLE CAIRN_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
add_library(cairn_libc INTERFACE)
target_include_directories(cairn_libc SYSTEM INTERFACE "${CAIRN_PICOLIBC}/include")
target_link_libraries(cairn_libc INTERFACE "${CAIRN_PICOLIBC}/lib/libc.a" "${CAIRN_LIBGCC}")
set(CAIRN_LIBC_CONSOLE "${CAIRN_ROOT}/libsel-style/src/libc_console.c")
# What every program's linker script INCLUDEs (a change relinks them).
set(CAIRN_USER_LD_FRAGMENTS
    "${CAIRN_ROOT}/libsel-style/src/tls.ld;${CAIRN_ROOT}/libsel-style/src/heap.ld")

# The C runtime of a root task: TLS, boot info, main(), the C library.
add_library(sel4_runtime OBJECT
    "${CAIRN_ROOT}/libsel-style/src/crt0.S"
    "${CAIRN_ROOT}/libsel-style/src/runtime.c"
    "${CAIRN_ROOT}/libsel-style/src/bootinfo.c"
    "${CAIRN_ROOT}/libsel-style/src/ipc_buffer.c"
    "${CAIRN_ROOT}/libsel-style/src/tls.c"
    "${CAIRN_LIBC_CONSOLE}")
target_include_directories(sel4_runtime PUBLIC "${CAIRN_ROOT}/libsel-style/include"
    "${CAIRN_GEN_DIR}/include")
target_link_libraries(sel4_runtime PUBLIC cairn_libc)
add_dependencies(sel4_runtime cairn_platform)
target_compile_options(sel4_runtime PRIVATE ${CAIRN_WARNING_FLAGS}
    PUBLIC ${CAIRN_CODEGEN_FLAGS})

# printf for root tasks: the C library's, on the debug console. (The name
# stays for the projects that link it.)
add_library(cairn_debug_print INTERFACE)
target_include_directories(cairn_debug_print INTERFACE "${CAIRN_ROOT}/rootserver/include")
target_link_libraries(cairn_debug_print INTERFACE sel4_runtime cairn_libc)

# cairn_add_image(<name> SOURCES <root task sources...>
#                 [LIBRARIES <libs...>] [KERNEL_SOURCES <extra kernel sources...>])
# builds the root task <name>.root from SOURCES with Cairn's runtime and C
# library, and the image around it (cairn_add_kernel_image).
# cairn_add_image(<name> ROOT_TASK_ELF <file> [KERNEL_SOURCES ...]) makes the
# image around a root task built any other way.
function(cairn_add_image name)
    cmake_parse_arguments(ARG "" "ROOT_TASK_ELF" "SOURCES;LIBRARIES;KERNEL_SOURCES" ${ARGN})
    if(ARG_ROOT_TASK_ELF AND NOT ARG_SOURCES)
        cairn_add_kernel_image(${name} ROOT_TASK_ELF "${ARG_ROOT_TASK_ELF}"
            KERNEL_SOURCES ${ARG_KERNEL_SOURCES})
        return()
    endif()
    if(NOT ARG_SOURCES OR ARG_ROOT_TASK_ELF)
        message(FATAL_ERROR "cairn_add_image(${name}): SOURCES or ROOT_TASK_ELF (not both)")
    endif()
    # The root task: a static EL0 executable.
    add_executable(${name}.root ${ARG_SOURCES})
    # The C library last, after everything that may call it.
    target_link_libraries(${name}.root PRIVATE sel4_runtime ${ARG_LIBRARIES} cairn_libc)
    target_link_options(${name}.root PRIVATE ${CAIRN_LINK_FLAGS}
        -T "${CAIRN_ROOT}/libsel-style/src/root_task.ld")
    set_target_properties(${name}.root PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
        LINK_DEPENDS "${CAIRN_ROOT}/libsel-style/src/root_task.ld;${CAIRN_USER_LD_FRAGMENTS}")
    cairn_add_kernel_image(${name} ROOT_TASK ${name}.root KERNEL_SOURCES ${ARG_KERNEL_SOURCES})
endfunction()

# cairn_add_kernel_image(<name> ROOT_TASK <target> | ROOT_TASK_ELF <file>
#                        [KERNEL_SOURCES <extra kernel sources...>])
# builds <name>.elf (the kernel with the root task embedded, for gdb) and
# <name>.img (the bootable arm64 Image). The root task is a target of this
# project, or any static AArch64 ELF executable built elsewhere (an seL4
# project's, say): Cairn's compiler flags and warnings never reach it.
function(cairn_add_kernel_image name)
    cmake_parse_arguments(ARG "" "ROOT_TASK;ROOT_TASK_ELF" "KERNEL_SOURCES" ${ARGN})
    if(ARG_ROOT_TASK)
        # The file's path, not $<TARGET_FILE>: OBJECT_DEPENDS below takes
        # no generator expressions.
        get_target_property(dir ${ARG_ROOT_TASK} RUNTIME_OUTPUT_DIRECTORY)
        if(NOT dir)
            get_target_property(dir ${ARG_ROOT_TASK} BINARY_DIR)
        endif()
        get_target_property(file ${ARG_ROOT_TASK} OUTPUT_NAME)
        if(NOT file)
            set(file ${ARG_ROOT_TASK})
        endif()
        set(root_elf "${dir}/${file}")
        set(root_depends ${ARG_ROOT_TASK})
    elseif(ARG_ROOT_TASK_ELF)
        get_filename_component(root_elf "${ARG_ROOT_TASK_ELF}" ABSOLUTE)
        set(root_depends "")
    else()
        message(FATAL_ERROR "cairn_add_kernel_image(${name}): ROOT_TASK or ROOT_TASK_ELF is required")
    endif()

    # The kernel with that root task embedded.
    set(blob "${CMAKE_CURRENT_BINARY_DIR}/${name}.rootserver.S")
    file(GENERATE OUTPUT "${blob}" CONTENT
        "#define CAIRN_ROOTSERVER_ELF \"${root_elf}\"\n#include \"${CAIRN_ROOT}/kernel/src/kernel/rootserver_image.S\"\n")
    set_source_files_properties("${blob}" PROPERTIES OBJECT_DEPENDS "${root_elf}")
    add_executable(${name}.elf $<TARGET_OBJECTS:cairn_kernel> "${blob}" ${ARG_KERNEL_SOURCES})
    if(root_depends)
        add_dependencies(${name}.elf ${root_depends})
    endif()
    target_include_directories(${name}.elf PRIVATE
        "${CAIRN_ROOT}/kernel/include" "${CAIRN_ROOT}/libsel-style/include" "${CAIRN_GEN_DIR}"
        "${CAIRN_GEN_DIR}/include")
    target_compile_options(${name}.elf PRIVATE ${CAIRN_COMMON_FLAGS} -mgeneral-regs-only)
    target_link_options(${name}.elf PRIVATE ${CAIRN_LINK_FLAGS}
        -T "${CAIRN_ROOT}/kernel/kernel.ld")
    set_target_properties(${name}.elf PROPERTIES LINK_DEPENDS "${CAIRN_ROOT}/kernel/kernel.ld")
    add_custom_command(TARGET ${name}.elf POST_BUILD
        COMMAND "${CMAKE_OBJCOPY}" -O binary "$<TARGET_FILE:${name}.elf>"
                "${CMAKE_CURRENT_BINARY_DIR}/${name}.img"
        BYPRODUCTS "${CMAKE_CURRENT_BINARY_DIR}/${name}.img"
        COMMENT "Image ${name}.img")
    set_target_properties(${name}.elf PROPERTIES
        CAIRN_IMAGE "${CMAKE_CURRENT_BINARY_DIR}/${name}.img")
endfunction()

# cairn_add_boot_folder(<image>)
# On a board that boots from an SD card (platforms/<board>/board.cmake sets
# CAIRN_BOOT_FOLDER_KERNEL and CAIRN_BOOT_FOLDER_FILES), builds the folder
# <image>.boot/ to copy onto the card's boot partition: the image under the
# loader's file name, byte for byte the file QEMU boots, and the board's
# loader settings. Does nothing on other boards. cairn_add_run_targets()
# calls it.
function(cairn_add_boot_folder image)
    if(NOT CAIRN_BOOT_FOLDER_KERNEL)
        return()
    endif()
    get_target_property(img ${image}.elf CAIRN_IMAGE)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/${image}.boot")
    set(outputs "${dir}/${CAIRN_BOOT_FOLDER_KERNEL}")
    set(copies COMMAND "${CMAKE_COMMAND}" -E copy "${img}" "${dir}/${CAIRN_BOOT_FOLDER_KERNEL}")
    foreach(file IN LISTS CAIRN_BOOT_FOLDER_FILES)
        get_filename_component(base "${file}" NAME)
        list(APPEND outputs "${dir}/${base}")
        list(APPEND copies COMMAND "${CMAKE_COMMAND}" -E copy "${file}" "${dir}/${base}")
    endforeach()
    add_custom_command(OUTPUT ${outputs}
        COMMAND "${CMAKE_COMMAND}" -E rm -rf "${dir}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
        ${copies}
        DEPENDS ${image}.elf "${img}" ${CAIRN_BOOT_FOLDER_FILES}
        COMMENT "Boot folder ${image}.boot")
    add_custom_target(${image}.boot ALL DEPENDS ${outputs})
    set_target_properties(${image}.elf PROPERTIES CAIRN_BOOT_FOLDER "${dir}")
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/CairnQemu.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/CairnPrograms.cmake")
