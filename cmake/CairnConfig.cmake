# SPDX-License-Identifier: BSD-2-Clause
#
# Configuration headers with seL4's names, generated from the options of the
# Cairn being built (included by Cairn.cmake). Code written for seL4 tests
# CONFIG_* names from <autoconf.h>, <kernel/gen_config.h>,
# <sel4/gen_config.h> and <sel4/config.h> (which <sel4/sel4.h> includes);
# each value here is true of this kernel, and a name stays undefined where
# the feature does not exist (MCS, hypervisor, SMP beyond one core, ...).
# The kernel reads the same header for what its options set.

set(CAIRN_ROOT_CNODE_BITS 12 CACHE STRING
    "Root CNode size, log2 of the slot count (sel4test asks for 13)")
if(NOT CAIRN_ROOT_CNODE_BITS MATCHES "^[0-9]+$" OR CAIRN_ROOT_CNODE_BITS LESS 8
   OR CAIRN_ROOT_CNODE_BITS GREATER 20)
    message(FATAL_ERROR "CAIRN_ROOT_CNODE_BITS must be 8..20")
endif()

# Board facts in seL4's terms.
if(CAIRN_BOARD STREQUAL "rpi4")
    set(cairn_config_platform_define "CONFIG_PLAT_BCM2711")
    set(cairn_config_cpu_define "CONFIG_ARM_CORTEX_A72")
    set(cairn_config_pa_bits 44)
    set(cairn_config_timer_hz 54000000)
else()
    set(cairn_config_platform_define "CONFIG_PLAT_QEMU_ARM_VIRT")
    set(cairn_config_cpu_define "CONFIG_ARM_CORTEX_A53")
    set(cairn_config_pa_bits 40)
    set(cairn_config_timer_hz 62500000)
endif()

set(cairn_config_lines "")
macro(cairn_config name value)
    string(APPEND cairn_config_lines "#define ${name} ${value}\n")
endmacro()
macro(cairn_config_if condition name)
    if(${condition})
        cairn_config(${name} 1)
    else()
        string(APPEND cairn_config_lines "/* ${name} is not set */\n")
    endif()
endmacro()

cairn_config(CONFIG_ARCH_ARM 1)
cairn_config(CONFIG_ARCH_AARCH64 1)
cairn_config(CONFIG_ARCH "arm")
cairn_config(CONFIG_SEL4_ARCH "aarch64")
cairn_config(CONFIG_WORD_SIZE 64)
cairn_config(${cairn_config_platform_define} 1)
cairn_config(${cairn_config_cpu_define} 1)
cairn_config(CONFIG_ARM_PA_SIZE_BITS_${cairn_config_pa_bits} 1)
cairn_config(CONFIG_ARM_TLS_REG_TPIDRU 1)
cairn_config(CONFIG_HAVE_FPU 1)
cairn_config(CONFIG_TIMER_FREQUENCY ${cairn_config_timer_hz})
cairn_config(CONFIG_TIMER_TICK_MS 2)
cairn_config(CONFIG_TIME_SLICE 5)
cairn_config(CONFIG_NUM_PRIORITIES 256)
cairn_config(CONFIG_MAX_NUM_NODES ${CAIRN_MAX_NUM_NODES})
cairn_config(CONFIG_NUM_DOMAINS ${CAIRN_NUM_DOMAINS})
cairn_config(CONFIG_NUM_DOMAIN_SCHEDULES ${CAIRN_NUM_DOMAINS})
cairn_config(CONFIG_ROOT_CNODE_SIZE_BITS ${CAIRN_ROOT_CNODE_BITS})
cairn_config(CONFIG_RETYPE_FAN_OUT_LIMIT 256)
cairn_config(CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230)
cairn_config_if(CAIRN_FASTPATH CONFIG_FASTPATH)
# Debug or release (CAIRN_DEBUG_BUILD); both print (KernelPrinting).
cairn_config_if(CAIRN_DEBUG_BUILD CONFIG_DEBUG_BUILD)
cairn_config(CONFIG_PRINTING 1)
cairn_config_if(CAIRN_USER_ERRORS CONFIG_KERNEL_PRINT_USER_ERRORS)
set(CAIRN_KERNEL_CONFIG_LINES "${cairn_config_lines}")

set(cairn_gen_include "${CAIRN_GEN_DIR}/include")
configure_file("${CAIRN_ROOT}/cmake/config/kernel_gen_config.h.in"
    "${cairn_gen_include}/kernel/gen_config.h" @ONLY)
configure_file("${CAIRN_ROOT}/cmake/config/sel4_gen_config.h.in"
    "${cairn_gen_include}/sel4/gen_config.h" @ONLY)
configure_file("${CAIRN_ROOT}/cmake/config/autoconf.h.in"
    "${cairn_gen_include}/autoconf.h" @ONLY)
