# SPDX-License-Identifier: BSD-2-Clause
#
# Cairn in seL4's place for projects built with seL4_tools' CMake helpers
# (sel4test, the tutorials, CAmkES-free root tasks). Such a project expects
# the kernel's source directory beside it as `<project>/kernel`, first on
# CMAKE_MODULE_PATH; link this directory there (docs/from-sel4.md) and the
# project's own CMakeLists build with Cairn, unedited:
#
#   sel4_configure_platform_settings()  the Kernel* variables of the
#                                       platform named by PLATFORM, and the
#                                       toolchain
#   sel4_import_kernel()                Cairn's kernel for that platform
#   sel4_import_libsel4()               libsel-style as the `sel4` library
#
# and DeclareRootserver() (rootserver.cmake here) makes the bootable image.
# seL4 options Cairn has: KernelFastpath, KernelNumDomains,
# KernelRootCNodeSizeBits. Those it does not (MCS, more than one core,
# hypervisor, a release build without the debug calls) stop the configure
# with a message rather than build something else.

get_filename_component(CAIRN_SEL4_COMPAT_DIR "${CMAKE_CURRENT_LIST_FILE}" REALPATH)
get_filename_component(CAIRN_SEL4_COMPAT_DIR "${CAIRN_SEL4_COMPAT_DIR}" DIRECTORY)
get_filename_component(CAIRN_SEL4_ROOT "${CAIRN_SEL4_COMPAT_DIR}/../.." ABSOLUTE)
set(KERNEL_PATH "${CAIRN_SEL4_ROOT}")
set(KERNEL_HELPERS_PATH "${CAIRN_SEL4_COMPAT_DIR}/helpers.cmake")
set(KERNEL_FLAGS_PATH "${CAIRN_SEL4_COMPAT_DIR}/flags.cmake")
include("${KERNEL_HELPERS_PATH}")

# seL4 platform name -> Cairn board, CPU QEMU models, seL4's platform flag.
set(CAIRN_SEL4_PLATFORMS qemu-arm-virt bcm2711)
set(cairn_sel4_board_qemu-arm-virt qemu-virt)
set(cairn_sel4_cpu_qemu-arm-virt cortex-a53)
set(cairn_sel4_flag_qemu-arm-virt KernelPlatformQEMUArmVirt)
set(cairn_sel4_board_bcm2711 rpi4)
set(cairn_sel4_cpu_bcm2711 cortex-a72)
set(cairn_sel4_flag_bcm2711 KernelPlatformRpi4)

macro(cairn_sel4_fixed var value)
    set(${var} "${value}" CACHE INTERNAL "" FORCE)
endmacro()

macro(sel4_configure_platform_settings)
    set(KernelPlatform_all_strings "${CAIRN_SEL4_PLATFORMS}" CACHE INTERNAL "")
    if("${KernelPlatform}" STREQUAL "")
        set(KernelPlatform qemu-arm-virt CACHE STRING "Platform to build for")
    endif()
    if(NOT "${KernelPlatform}" IN_LIST CAIRN_SEL4_PLATFORMS)
        message(FATAL_ERROR "Cairn runs on ${CAIRN_SEL4_PLATFORMS} (PLATFORM=qemu-arm-virt or "
            "rpi4), not '${KernelPlatform}'")
    endif()
    if(NOT "${KernelSel4Arch}" STREQUAL "" AND NOT KernelSel4Arch STREQUAL "aarch64")
        message(FATAL_ERROR "Cairn is AArch64 only (AARCH64=1), not '${KernelSel4Arch}'")
    endif()
    cairn_sel4_fixed(KernelSel4Arch aarch64)
    cairn_sel4_fixed(KernelArch arm)
    cairn_sel4_fixed(KernelArchARM ON)
    cairn_sel4_fixed(KernelSel4ArchAarch64 ON)
    cairn_sel4_fixed(KernelSel4ArchAarch32 OFF)
    cairn_sel4_fixed(KernelArmArmV armv8-a)
    cairn_sel4_fixed(KernelArchArmV8a ON)
    cairn_sel4_fixed(KernelArmMach "")
    cairn_sel4_fixed(KernelArmCPU "${cairn_sel4_cpu_${KernelPlatform}}")
    cairn_sel4_fixed(${cairn_sel4_flag_${KernelPlatform}} ON)
    cairn_sel4_fixed(KernelWordSize 64)
    cairn_sel4_fixed(Kernel64 ON)
    cairn_sel4_fixed(Kernel32 OFF)
    cairn_sel4_fixed(KernelHaveFPU ON)
    cairn_sel4_fixed(KernelArmHypervisorSupport OFF)
    # No hardware breakpoints or watchpoints for user level.
    cairn_sel4_fixed(KernelHardwareDebugAPIUnsupported ON)
    set(KernelArmTLSReg tpidru CACHE STRING "TLS register (Cairn: tpidru, TPIDR_EL0)")
    set(KernelFastpath ON CACHE BOOL "IPC fast path for Call and ReplyRecv")
    set(KernelNumDomains 1 CACHE STRING "Scheduling domains")
    set(KernelMaxNumNodes 1 CACHE STRING "Cores (Cairn: 1)")
    set(KernelIsMCS OFF CACHE BOOL "Mixed-criticality scheduling (Cairn: no)")
    set(KernelDebugBuild ON CACHE BOOL "Debug build (Cairn: CAIRN_DEBUG_BUILD)")
    set(KernelPrinting ON CACHE BOOL "Kernel printing (Cairn: always)")
    set(KernelVerificationBuild OFF CACHE BOOL "Verification build (Cairn: no)")
    set(QEMU_ARCH aarch64 CACHE INTERNAL "")
    set(QEMU_MEMORY 2048 CACHE INTERNAL "")
    if("${CMAKE_TOOLCHAIN_FILE}" STREQUAL "")
        set(CMAKE_TOOLCHAIN_FILE "${CAIRN_SEL4_COMPAT_DIR}/toolchain.cmake" CACHE FILEPATH "")
    endif()
    set(CROSS_COMPILER_PREFIX "aarch64-linux-gnu-" CACHE STRING "Cross compiler prefix")
endmacro()

# A macro: Cairn.cmake's variables (CAIRN_ROOT, flags, ...) must outlive it.
macro(sel4_import_kernel)
    if(KernelIsMCS)
        message(FATAL_ERROR "Cairn has no MCS scheduler (KernelIsMCS=ON)")
    endif()
    if(KernelMaxNumNodes GREATER 1)
        message(FATAL_ERROR "Cairn runs on one core (KernelMaxNumNodes=${KernelMaxNumNodes})")
    endif()
    if(KernelArmHypervisorSupport)
        message(FATAL_ERROR "Cairn has no hypervisor support")
    endif()
    # KernelDebugBuild OFF is Cairn's release kernel. Cairn always prints:
    # its release kernel is seL4's release with KernelPrinting.
    if(NOT KernelPrinting)
        message(WARNING "Cairn's kernels always print (KernelPrinting OFF is not honoured)")
    endif()
    if(NOT KernelArmTLSReg STREQUAL "tpidru")
        message(FATAL_ERROR "Cairn keeps TLS in TPIDR_EL0 (KernelArmTLSReg=tpidru)")
    endif()
    cairn_sel4_fixed(KernelArmTLSRegTPIDRU ON)
    cairn_sel4_fixed(KernelArmTLSRegTPIDRURO OFF)
    if("${KernelRootCNodeSizeBits}" STREQUAL "")
        set(KernelRootCNodeSizeBits 12)
    endif()
    set(CAIRN_BOARD "${cairn_sel4_board_${KernelPlatform}}" CACHE STRING "" FORCE)
    set(CAIRN_FASTPATH ${KernelFastpath} CACHE BOOL "" FORCE)
    set(CAIRN_DEBUG_BUILD ${KernelDebugBuild} CACHE BOOL "" FORCE)
    set(CAIRN_NUM_DOMAINS ${KernelNumDomains} CACHE STRING "" FORCE)
    set(CAIRN_ROOT_CNODE_BITS ${KernelRootCNodeSizeBits} CACHE STRING "" FORCE)
    include("${CAIRN_SEL4_ROOT}/cmake/Cairn.cmake")
    # seL4's configuration targets: Cairn generates every header in one place.
    add_library(kernel_Config INTERFACE)
    target_include_directories(kernel_Config INTERFACE "${CAIRN_GEN_DIR}/include")
endmacro()

# libsel4 is libsel-style: its headers, the generated invocation stubs, and
# the two definitions libsel4's own library carries (the thread's
# IPC-buffer pointer and the boot-info pointer). The C runtime is the
# project's own (sel4runtime); Cairn's is not linked, nor are Cairn's
# warnings applied to the project's code.
macro(sel4_import_libsel4)
    add_library(sel4_Config INTERFACE)
    target_include_directories(sel4_Config INTERFACE "${CAIRN_GEN_DIR}/include")
    add_library(sel4_autoconf INTERFACE)
    target_include_directories(sel4_autoconf INTERFACE "${CAIRN_GEN_DIR}/include")
    add_library(sel4 STATIC
        "${CAIRN_ROOT}/libsel-style/src/ipc_buffer.c"
        "${CAIRN_ROOT}/libsel-style/src/bootinfo.c")
    target_include_directories(sel4 PUBLIC
        "${CAIRN_ROOT}/libsel-style/include" "${CAIRN_GEN_DIR}/include")
    target_link_libraries(sel4 PUBLIC sel4_Config kernel_Config)
    add_dependencies(sel4 cairn_platform)
endmacro()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(seL4 DEFAULT_MSG KERNEL_PATH KERNEL_HELPERS_PATH)
