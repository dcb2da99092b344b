# SPDX-License-Identifier: BSD-2-Clause
#
# DeclareRootserver(<target>) for Cairn. seL4_tools' version of this module
# links the root task for seL4's ELF loader; this one, found first because
# the project puts its `kernel` directory (this one) first on
# CMAKE_MODULE_PATH, links it the same way and embeds it in a Cairn image:
#
#   images/<target>-image-arm-<KernelPlatform>   bootable arm64 Image
#                                                (QEMU -kernel, U-Boot booti,
#                                                the Pi's kernel8.img)
#   <target>-kernel.elf                          kernel + root task, for gdb
#
# and the target `rootserver_image`, with the IMAGE_NAME property seL4_tools'
# simulate script reads.

include_guard(GLOBAL)

# The root task's linker script with the TLS symbols sel4runtime reads,
# from seL4_tools beside this directory on CMAKE_MODULE_PATH.
find_file(TLS_ROOTSERVER tls_rootserver.lds PATHS ${CMAKE_MODULE_PATH}
    CMAKE_FIND_ROOT_PATH_BOTH NO_DEFAULT_PATH)
mark_as_advanced(TLS_ROOTSERVER)

function(SetSeL4Start target)
    set_property(TARGET ${target} APPEND_STRING
        PROPERTY LINK_FLAGS " -Wl,-u_sel4_start -Wl,-e_sel4_start ")
endfunction()

function(DeclareRootserver rootservername)
    SetSeL4Start(${rootservername})
    if(TLS_ROOTSERVER)
        set_property(TARGET ${rootservername} APPEND_STRING
            PROPERTY LINK_FLAGS " -Wl,-T ${TLS_ROOTSERVER} ")
    endif()
    set_property(TARGET ${rootservername} PROPERTY OUTPUT_NAME "${rootservername}")

    # The kernel is linked from the top directory: a project's C runtime
    # setup (musllibc's) changes this directory's link rule for executables.
    # (EVAL: a deferred call's arguments are otherwise read when it runs.)
    cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL
        cairn_add_kernel_image [[${rootservername}-kernel]] ROOT_TASK [[${rootservername}]])")
    set(img "${CMAKE_BINARY_DIR}/${rootservername}-kernel.img")
    set(image_name "${CMAKE_BINARY_DIR}/images/${rootservername}-image-${KernelArch}-${KernelPlatform}")
    add_custom_command(OUTPUT "${image_name}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${img}" "${image_name}"
        DEPENDS ${rootservername}-kernel.elf "${img}"
        COMMENT "Cairn image ${image_name}"
        VERBATIM)
    add_custom_target(rootserver_image ALL DEPENDS "${image_name}" ${rootservername})
    get_property(dir TARGET ${rootservername} PROPERTY BINARY_DIR)
    set_property(TARGET rootserver_image PROPERTY ROOTSERVER_IMAGE "${dir}/${rootservername}")
    file(RELATIVE_PATH image_name_rel "${CMAKE_BINARY_DIR}" "${image_name}")
    set_property(TARGET rootserver_image PROPERTY IMAGE_NAME "${image_name_rel}")
    set_property(TARGET rootserver_image PROPERTY KERNEL_IMAGE_NAME "")
endfunction()
