# SPDX-License-Identifier: BSD-2-Clause
#
# Programs for the root-server library's process spawner, packed into a CPIO
# archive that a root task carries in its image (docs/rootserver.md).
#
# cairn_add_cpio_programs(<name> PROGRAMS <program>... DIR <dir>
#                         [SOURCES <shared source>...] [DEFINITIONS <def>...])
# builds each <dir>/<program>.c, with the shared sources, as a static
# executable entered at rootserver/program/start.S and linked by
# rootserver/program/program.ld; strips it; and packs them all with
# `cpio -o -H newc` into <binary dir>/<name>.cpio. Creates the target
# <name>_cpio and sets <name>_ARCHIVE (the archive's path) for the caller.

include_guard(GLOBAL)
find_program(CAIRN_CPIO cpio)

function(cairn_add_cpio_programs name)
    if(NOT CAIRN_CPIO)
        message(FATAL_ERROR "cairn_add_cpio_programs needs cpio (sh cmake/install-deps.sh)")
    endif()
    cmake_parse_arguments(ARG "" "DIR" "PROGRAMS;SOURCES;DEFINITIONS" ${ARGN})
    set(program_dir "${CAIRN_ROOT}/rootserver/program")
    set(staging "${CMAKE_CURRENT_BINARY_DIR}/${name}_archive")
    set(stripped "")
    foreach(program IN LISTS ARG_PROGRAMS)
        set(target ${name}_${program})
        add_executable(${target} "${program_dir}/start.S" "${ARG_DIR}/${program}.c"
            ${ARG_SOURCES} "${CAIRN_LIBC_CONSOLE}"
            "${CAIRN_ROOT}/libsel-style/src/ipc_buffer.c" "${CAIRN_ROOT}/libsel-style/src/tls.c")
        target_link_libraries(${target} PRIVATE cairn_libc)
        target_include_directories(${target} PRIVATE "${CAIRN_ROOT}/libsel-style/include"
            "${CAIRN_GEN_DIR}/include" "${CAIRN_ROOT}/rootserver/include"
            "${CAIRN_ROOT}/kernel/include")
        add_dependencies(${target} cairn_platform)
        target_compile_options(${target} PRIVATE ${CAIRN_COMMON_FLAGS} -mgeneral-regs-only)
        target_compile_definitions(${target} PRIVATE ${ARG_DEFINITIONS})
        target_link_options(${target} PRIVATE ${CAIRN_LINK_FLAGS} -Wl,-n
            -T "${program_dir}/program.ld")
        set_target_properties(${target} PROPERTIES LINK_DEPENDS "${program_dir}/program.ld;${CAIRN_USER_LD_FRAGMENTS}"
            RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
        add_custom_command(OUTPUT "${staging}/${program}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${staging}"
            COMMAND "${CMAKE_OBJCOPY}" --strip-all "$<TARGET_FILE:${target}>"
                    "${staging}/${program}"
            DEPENDS ${target}
            COMMENT "strip ${program} for the ${name} archive"
            VERBATIM)
        list(APPEND stripped "${staging}/${program}")
    endforeach()
    set(archive "${CMAKE_CURRENT_BINARY_DIR}/${name}.cpio")
    add_custom_command(OUTPUT "${archive}"
        COMMAND sh -c "printf '%s\\n' \"$@\" | \"${CAIRN_CPIO}\" -o -H newc --quiet --reproducible > \"${archive}\""
                cpio ${ARG_PROGRAMS}
        WORKING_DIRECTORY "${staging}"
        DEPENDS ${stripped}
        COMMENT "cpio -o -H newc: ${ARG_PROGRAMS}"
        VERBATIM)
    add_custom_target(${name}_cpio DEPENDS "${archive}")
    set(${name}_ARCHIVE "${archive}" PARENT_SCOPE)
endfunction()
