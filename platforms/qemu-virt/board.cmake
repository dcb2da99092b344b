# SPDX-License-Identifier: BSD-2-Clause
# QEMU virt: the ways the one image is booted, and what each must show.
# @IMAGE@ stands for the image file.
set(CAIRN_BOOT_PATHS virt-a53 virt-a72 virt-el2 virt-uboot)
set(CAIRN_RUN_BOOT_PATH virt-a53)
# With CAIRN_GIC_VERSION=3 the machine is -M virt,gic-version=3 on every path.
set(CAIRN_VIRT_MACHINE virt)
set(CAIRN_VIRT_MACHINE_EL2 virt,virtualization=on)
if(CAIRN_GIC_VERSION STREQUAL "3")
    set(CAIRN_VIRT_MACHINE virt,gic-version=3)
    set(CAIRN_VIRT_MACHINE_EL2 virt,virtualization=on,gic-version=3)
endif()

# A multicore kernel gets as many cores as it is built for.
set(CAIRN_VIRT_SMP)
if(CAIRN_MAX_NUM_NODES GREATER 1)
    set(CAIRN_VIRT_SMP -smp ${CAIRN_MAX_NUM_NODES})
endif()

# The -kernel paths get 2 GiB, so one free, aligned GiB of RAM exists (1 GiB
# frames can be retyped there); U-Boot's path keeps 1 GiB.
set(CAIRN_QEMU_virt-a53 -M ${CAIRN_VIRT_MACHINE} -cpu cortex-a53 ${CAIRN_VIRT_SMP} -m 2G -kernel @IMAGE@)
set(CAIRN_QEMU_virt-a72 -M ${CAIRN_VIRT_MACHINE} -cpu cortex-a72 ${CAIRN_VIRT_SMP} -m 2G -kernel @IMAGE@)
set(CAIRN_QEMU_virt-el2 -M ${CAIRN_VIRT_MACHINE_EL2} -cpu cortex-a53 ${CAIRN_VIRT_SMP} -m 2G -kernel @IMAGE@)
# U-Boot's default boot command loads the -kernel file through fw_cfg
# ("qfw load") and starts it with booti, passing its device tree.
set(CAIRN_QEMU_virt-uboot -M ${CAIRN_VIRT_MACHINE} -cpu cortex-a53 ${CAIRN_VIRT_SMP} -m 1G
    -bios /usr/lib/u-boot/qemu_arm64/u-boot.bin -kernel @IMAGE@)

set(CAIRN_EXPECT_virt-a53 "entered at EL1" "device tree from the loader")
set(CAIRN_EXPECT_virt-a72 "entered at EL1" "device tree from the loader")
set(CAIRN_EXPECT_virt-el2 "entered at EL2" "device tree from the loader")
set(CAIRN_EXPECT_virt-uboot "^Starting kernel" "entered at EL1" "device tree from the loader")
