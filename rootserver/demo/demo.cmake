# SPDX-License-Identifier: BSD-2-Clause
# The demo system, included from rootserver/CMakeLists.txt (so its images stay
# in <build>/rootserver/): four programs (programs/), linked as separate
# static executables, stripped and packed into a newc CPIO archive
# (cairn_add_cpio_programs, cmake/CairnPrograms.cmake) that the root task
# (main.c and the step_*.c files) carries in its image (archive.S) and spawns
# processes from.
set(demo_dir "${CMAKE_CURRENT_LIST_DIR}")
option(CAIRN_DEMO_INTERACTIVE
    "Demo: the UART driver keeps echoing typed lines instead of stopping after one line or 5 s"
    OFF)

# The console UART's interrupt (INTID = GIC SPI + 32), from the board's DTS:
# virt uart@9000000 interrupts = <0 1 4>; rpi4 uart0 interrupts = <0 121 4>.
if(CAIRN_BOARD STREQUAL "rpi4")
    set(demo_uart_irq 153)
else()
    set(demo_uart_irq 33)
endif()

cairn_add_cpio_programs(demo_programs DIR "${demo_dir}/programs"
    PROGRAMS server client faulty uart
    DEFINITIONS $<$<BOOL:${CAIRN_DEMO_INTERACTIVE}>:DEMO_INTERACTIVE>)
set(demo_archive "${demo_programs_ARCHIVE}")

cairn_add_image(demo SOURCES "${demo_dir}/main.c" "${demo_dir}/spawn.c"
    "${demo_dir}/step_badges.c" "${demo_dir}/step_fault.c" "${demo_dir}/step_uart.c"
    "${demo_dir}/archive.S" LIBRARIES cairn_rootserver cairn_debug_print)
target_include_directories(demo.root PRIVATE "${CAIRN_GEN_DIR}")
target_compile_definitions(demo.root PRIVATE DEMO_ARCHIVE="${demo_archive}"
    DEMO_UART_IRQ=${demo_uart_irq})
set_source_files_properties("${demo_dir}/archive.S" PROPERTIES OBJECT_DEPENDS "${demo_archive}")
add_dependencies(demo.root demo_programs_cpio)
cairn_add_run_targets(demo)

# demo-pictures: boots the demo on the board's default boot path (nothing is
# typed: the UART driver gives up after 5 s), keeps its console log, cuts out the capDL snapshot the root task asks the kernel for
# and draws it (cmake/tools/capdl_view.py; docs/capdl-snapshot.md) into
# <build>/demo-pictures/: objects, derivation and one pd_<thread> view each,
# as .dot, .svg and .png.
find_program(CAIRN_PYTHON3 python3 REQUIRED)
set(demo_pictures "${CMAKE_BINARY_DIR}/demo-pictures")
get_target_property(demo_img demo.elf CAIRN_IMAGE)
cairn_qemu_command(demo_cmd ${CAIRN_RUN_BOOT_PATH} "${demo_img}")
add_custom_target(demo-pictures
    COMMAND sh "${CAIRN_ROOT}/cmake/qemu-test.sh" --log "${demo_pictures}/console.log"
            --timeout 60 --expect "^--- capDL snapshot end ---$" -- ${demo_cmd}
    COMMAND "${CAIRN_PYTHON3}" "${CAIRN_ROOT}/cmake/tools/capdl_view.py" --summary
            -o "${demo_pictures}" "${demo_pictures}/console.log"
    DEPENDS demo.elf VERBATIM
    COMMENT "Booting the demo and drawing its capDL snapshot into ${demo_pictures}")
