# SPDX-License-Identifier: BSD-2-Clause
# The demo system, included from rootserver/CMakeLists.txt (so its images stay
# in <build>/rootserver/): four programs (programs/), linked as separate static
# executables, stripped and packed into a newc CPIO archive that the root task
# (main.c and the step_*.c files) carries in its image (archive.S) and spawns
# processes from.
set(demo_dir "${CMAKE_CURRENT_LIST_DIR}")
find_program(CAIRN_CPIO cpio REQUIRED)
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

set(demo_programs server client faulty uart)
set(demo_archive_dir "${CMAKE_CURRENT_BINARY_DIR}/demo_archive")
set(demo_stripped "")
foreach(program IN LISTS demo_programs)
    add_executable(demo_${program} "${demo_dir}/programs/start.S"
        "${demo_dir}/programs/ipc_buffer.c" "${demo_dir}/programs/${program}.c"
        "${CAIRN_ROOT}/rootserver/lib/debug_print.c" "${CAIRN_ROOT}/kernel/src/lib/format.c"
        "${CAIRN_ROOT}/kernel/src/lib/string.c")
    target_include_directories(demo_${program} PRIVATE "${CAIRN_ROOT}/libsel-style/include"
        "${CAIRN_GEN_DIR}/include" "${CAIRN_ROOT}/rootserver/include"
        "${CAIRN_ROOT}/kernel/include")
    add_dependencies(demo_${program} cairn_platform)
    target_compile_options(demo_${program} PRIVATE ${CAIRN_COMMON_FLAGS} -mgeneral-regs-only)
    target_compile_definitions(demo_${program} PRIVATE
        $<$<BOOL:${CAIRN_DEMO_INTERACTIVE}>:DEMO_INTERACTIVE>)
    target_link_options(demo_${program} PRIVATE ${CAIRN_LINK_FLAGS} -Wl,-n
        -T "${demo_dir}/programs/program.ld")
    set_target_properties(demo_${program} PROPERTIES
        LINK_DEPENDS "${demo_dir}/programs/program.ld"
        RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
    add_custom_command(OUTPUT "${demo_archive_dir}/${program}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${demo_archive_dir}"
        COMMAND "${CMAKE_OBJCOPY}" --strip-all "$<TARGET_FILE:demo_${program}>"
                "${demo_archive_dir}/${program}"
        DEPENDS demo_${program}
        COMMENT "strip ${program} for the demo's CPIO archive"
        VERBATIM)
    list(APPEND demo_stripped "${demo_archive_dir}/${program}")
endforeach()

set(demo_archive "${CMAKE_CURRENT_BINARY_DIR}/demo_programs.cpio")
add_custom_command(OUTPUT "${demo_archive}"
    COMMAND sh -c "printf '%s\\n' \"$@\" | \"${CAIRN_CPIO}\" -o -H newc --quiet --reproducible > \"${demo_archive}\""
            cpio ${demo_programs}
    WORKING_DIRECTORY "${demo_archive_dir}"
    DEPENDS ${demo_stripped}
    COMMENT "cpio -o -H newc: ${demo_programs}"
    VERBATIM)
add_custom_target(demo_programs_cpio DEPENDS "${demo_archive}")

cairn_add_image(demo SOURCES "${demo_dir}/main.c" "${demo_dir}/spawn.c"
    "${demo_dir}/step_badges.c" "${demo_dir}/step_fault.c" "${demo_dir}/step_uart.c"
    "${demo_dir}/archive.S" LIBRARIES cairn_rootserver cairn_debug_print)
target_include_directories(demo.root PRIVATE "${CAIRN_GEN_DIR}")
target_compile_definitions(demo.root PRIVATE DEMO_ARCHIVE="${demo_archive}"
    DEMO_UART_IRQ=${demo_uart_irq})
set_source_files_properties("${demo_dir}/archive.S" PROPERTIES OBJECT_DEPENDS "${demo_archive}")
add_dependencies(demo.root demo_programs_cpio)
cairn_add_run_targets(demo)
