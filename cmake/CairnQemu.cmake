# SPDX-License-Identifier: BSD-2-Clause
#
# Running images under QEMU: the board's boot paths (from
# platforms/<board>/board.cmake), ctest registration of system tests, and the
# `run` / `gdb` targets.
#
# cairn_add_qemu_test(<test> IMAGE <image>
#                     [SUMMARY]                 log must end in "N passed, 0 failed"
#                     [EXIT <status>]           QEMU's expected exit status (default 0)
#                     [EXPECT <regex>...]       lines that must appear in the log
#                     [ORDERED]                 ... and in the order given
#                     [REJECT <regex>...]       lines that must not appear
#                     [KERNEL_FAULT_EXPECTED]   do not reject kernel fault reports
#                     [TIMEOUT <seconds>]
#                     [INPUT <text> INPUT_AFTER <regex>]  type text into the
#                                               serial port once a log line matches
#                     [QEMU_ARGS <arg>...]      more QEMU arguments (e.g. -icount)
#                     [CHECK <command>...])     a command that judges the log
#                                               further; gets its path last
# registers "<board>/<test>@<boot path>" for every boot path of the board.
#
# cairn_add_gdb_test(<test> IMAGE <image> SCRIPT <gdb command file> [TIMEOUT <s>])
# boots the image halted under QEMU's gdb stub, attaches gdb-multiarch with
# the kernel's and the root task's symbols (as the `gdb` target does) and runs
# the command file in batch mode; gdb's exit status is the verdict. Registered
# for every boot path as "<board>/<test>@<boot path>".
#
# Serial logs are kept in <build>/qemu-logs/.

include_guard(GLOBAL)
include("${CAIRN_ROOT}/platforms/${CAIRN_BOARD}/board.cmake")
# A build may run its tests on one boot path only (e.g. a variant build).
set(CAIRN_ONLY_BOOT_PATH "" CACHE STRING "Register system tests for this boot path only")
if(CAIRN_ONLY_BOOT_PATH)
    set(CAIRN_BOOT_PATHS ${CAIRN_ONLY_BOOT_PATH})
endif()

# The tests registered below need ctest files in the including project's top
# directory; an out-of-tree project should not have to ask for them.
enable_testing()

find_program(CAIRN_QEMU qemu-system-aarch64)
find_program(CAIRN_GDB gdb-multiarch)
if(NOT CAIRN_GDB)
    # Keep the name: the gdb tests then fail saying what is missing.
    set(CAIRN_GDB gdb-multiarch)
endif()
set(CAIRN_QEMU_COMMON -display none -monitor none -serial stdio -nic none -semihosting)
set(CAIRN_TEST_PREFIX "${CAIRN_BOARD}" CACHE STRING "Prefix of system test names")

# The QEMU arguments of boot path `path` for image file `image`.
function(cairn_qemu_command out path image)
    set(args ${CAIRN_QEMU_${path}})
    list(TRANSFORM args REPLACE "@IMAGE@" "${image}")
    set(${out} "${CAIRN_QEMU}" ${CAIRN_QEMU_COMMON} ${args} PARENT_SCOPE)
endfunction()

function(cairn_add_qemu_test test)
    cmake_parse_arguments(ARG "SUMMARY;KERNEL_FAULT_EXPECTED;ORDERED" "IMAGE;EXIT;TIMEOUT;INPUT;INPUT_AFTER"
        "EXPECT;REJECT;QEMU_ARGS;CHECK" ${ARGN})
    if(NOT ARG_EXIT)
        set(ARG_EXIT 0)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 60)
    endif()
    get_target_property(image ${ARG_IMAGE}.elf CAIRN_IMAGE)
    set(checks --exit ${ARG_EXIT})
    if(ARG_SUMMARY)
        list(APPEND checks --summary)
    endif()
    if(NOT ARG_KERNEL_FAULT_EXPECTED)
        list(APPEND checks --reject "KERNEL FAULT|PANIC")
    endif()
    set(expect_option --expect)
    if(ARG_ORDERED)
        set(expect_option --expect-next)
    endif()
    foreach(re IN LISTS ARG_EXPECT)
        list(APPEND checks ${expect_option} "${re}")
    endforeach()
    foreach(re IN LISTS ARG_REJECT)
        list(APPEND checks --reject "${re}")
    endforeach()
    foreach(word IN LISTS ARG_CHECK)
        list(APPEND checks --check "${word}")
    endforeach()
    if(DEFINED ARG_INPUT)
        list(APPEND checks --input "${ARG_INPUT}" --input-after "${ARG_INPUT_AFTER}")
    endif()
    foreach(path IN LISTS CAIRN_BOOT_PATHS)
        set(name "${CAIRN_TEST_PREFIX}/${test}@${path}")
        string(REPLACE "/" "_" logname "${name}")
        cairn_qemu_command(cmd ${path} "${image}")
        list(APPEND cmd ${ARG_QEMU_ARGS})
        set(path_checks)
        foreach(re IN LISTS CAIRN_EXPECT_${path})
            list(APPEND path_checks --expect "${re}")
        endforeach()
        add_test(NAME "${name}"
            COMMAND sh "${CAIRN_ROOT}/cmake/qemu-test.sh"
                --log "${CMAKE_BINARY_DIR}/qemu-logs/${logname}.log"
                --timeout ${ARG_TIMEOUT} ${checks} ${path_checks} -- ${cmd})
        set_tests_properties("${name}" PROPERTIES TIMEOUT ${ARG_TIMEOUT}0
            LABELS "system;${CAIRN_BOARD};${path}")
    endforeach()
endfunction()

function(cairn_add_gdb_test test)
    cmake_parse_arguments(ARG "" "IMAGE;SCRIPT;TIMEOUT" "" ${ARGN})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 60)
    endif()
    get_target_property(image ${ARG_IMAGE}.elf CAIRN_IMAGE)
    foreach(path IN LISTS CAIRN_BOOT_PATHS)
        set(name "${CAIRN_TEST_PREFIX}/${test}@${path}")
        string(REPLACE "/" "_" logname "${name}")
        cairn_qemu_command(cmd ${path} "${image}")
        add_test(NAME "${name}"
            COMMAND sh "${CAIRN_ROOT}/cmake/qemu-gdb.sh" --gdb "${CAIRN_GDB}"
                --batch "${ARG_SCRIPT}" --timeout ${ARG_TIMEOUT}
                --log "${CMAKE_BINARY_DIR}/qemu-logs/${logname}.log"
                "$<TARGET_FILE:${ARG_IMAGE}.elf>" "$<TARGET_FILE:${ARG_IMAGE}.root>" -- ${cmd})
        set_tests_properties("${name}" PROPERTIES TIMEOUT ${ARG_TIMEOUT}0
            LABELS "system;gdb;${CAIRN_BOARD};${path}")
    endforeach()
endfunction()

# cairn_add_debug_only_subdirectory(<dir> REASON <text>) adds a directory of
# tests that need a debug kernel (CAIRN_DEBUG_BUILD: the invariant checker,
# user-error lines). In a release build nothing in it is built; instead ctest
# lists one test, "<prefix>/<dir name>@debug-only", as Not Run (Disabled), so
# what a release run leaves out stays visible by name.
function(cairn_add_debug_only_subdirectory dir)
    cmake_parse_arguments(ARG "" "REASON" "" ${ARGN})
    if(CAIRN_DEBUG_BUILD)
        add_subdirectory("${dir}")
        return()
    endif()
    get_filename_component(leaf "${dir}" NAME)
    set(name "${CAIRN_TEST_PREFIX}/${leaf}@debug-only")
    add_test(NAME "${name}" COMMAND "${CMAKE_COMMAND}" -E echo "debug kernel only: ${ARG_REASON}")
    set_tests_properties("${name}" PROPERTIES DISABLED TRUE
        LABELS "system;debug-only;${CAIRN_BOARD}")
endfunction()

# `run` boots an image on the board's default boot path, interactively;
# `gdb` boots it halted under gdb. On an SD-card board, the image's boot
# folder is built too (cairn_add_boot_folder in Cairn.cmake).
function(cairn_add_run_targets image)
    cairn_add_boot_folder(${image})
    get_target_property(img ${image}.elf CAIRN_IMAGE)
    get_target_property(elf ${image}.elf RUNTIME_OUTPUT_DIRECTORY)
    cairn_qemu_command(cmd ${CAIRN_RUN_BOOT_PATH} "${img}")
    add_custom_target(run COMMAND ${cmd} DEPENDS ${image}.elf USES_TERMINAL
        COMMENT "Booting ${image} on ${CAIRN_BOARD} (${CAIRN_RUN_BOOT_PATH})")
    add_custom_target(gdb
        COMMAND sh "${CAIRN_ROOT}/cmake/qemu-gdb.sh" --gdb "${CAIRN_GDB}"
                "$<TARGET_FILE:${image}.elf>"
                "$<TARGET_FILE:${image}.root>" -- ${cmd}
        DEPENDS ${image}.elf USES_TERMINAL
        COMMENT "QEMU halted with a gdb stub on :1234; gdb-multiarch attached")
endfunction()
