# SPDX-License-Identifier: BSD-2-Clause
# Raspberry Pi 4 under QEMU raspi4b: the image loads at 0x80000 as the Pi
# firmware would place kernel8.img, is entered at EL2, and gets no DTB.
set(CAIRN_BOOT_PATHS raspi4b)
set(CAIRN_RUN_BOOT_PATH raspi4b)

set(CAIRN_QEMU_raspi4b -M raspi4b -kernel @IMAGE@)
set(CAIRN_EXPECT_raspi4b "entered at EL2" "kernel at 0x80000" "using the built-in rpi4 tree")

# The boot folder for an SD card (cairn_add_boot_folder): the image under the
# name the firmware loads, beside the firmware's settings.
set(CAIRN_BOOT_FOLDER_KERNEL kernel8.img)
set(CAIRN_BOOT_FOLDER_FILES "${CMAKE_CURRENT_LIST_DIR}/config.txt")
