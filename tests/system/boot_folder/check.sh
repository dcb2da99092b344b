#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# SDCARD0001: the Raspberry Pi 4 boot folder is complete and boots what QEMU
# boots.
#
#   check.sh FOLDER IMAGE
#
# FOLDER must hold kernel8.img, byte for byte IMAGE (the file the raspi4b
# system tests boot), which must be an arm64 Image ("ARM\x64" at 0x38), and a
# config.txt that starts the cores in AArch64, loads kernel8.img at the
# header's text_offset and puts the PL011 console on GPIO 14/15.
set -u
folder=$1 image=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

kernel="$folder/kernel8.img" config="$folder/config.txt"
[ -f "$kernel" ] || fail "no $kernel"
[ -f "$config" ] || fail "no $config"
[ "$failures" -eq 0 ] || exit 1

# Bytes of the header as hex: the magic at 0x38, text_offset (LE64) at 0x08.
hex() { od -A n -t x1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }
[ "$(hex "$kernel" 56 4)" = "41524d64" ] || fail "kernel8.img has no arm64 Image magic at 0x38"
cmp -s "$kernel" "$image" || fail "kernel8.img differs from $image"
le=$(hex "$kernel" 8 8)
text_offset=0
i=14
while [ "$i" -ge 0 ]; do
    text_offset=$((text_offset * 256 + 0x$(echo "$le" | cut -c$((i + 1))-$((i + 2)))))
    i=$((i - 2))
done

# config.txt: "key=value" lines, comments and blanks ignored.
settings=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$config")
has() { printf '%s\n' "$settings" | grep -qxE -- "$1" || fail "config.txt: no line matching $1"; }
has 'arm_64bit=1'
has 'kernel=kernel8.img'
has 'enable_uart=1'
has 'dtoverlay=(disable-bt|miniuart-bt)'
address=$(printf '%s\n' "$settings" | sed -n 's/^kernel_address=//p' | tail -n 1)
if [ -z "$address" ]; then
    fail "config.txt: no kernel_address"
elif [ $((address)) -ne "$text_offset" ]; then
    fail "config.txt: kernel_address $address, but the image's text_offset is $(printf 0x%x "$text_offset")"
fi
printf '%s\n' "$settings" | grep -qE '^arm_peri_high=1' &&
    fail "config.txt: arm_peri_high=1 moves the peripherals away from the kernel's map"

[ "$failures" -eq 0 ] || exit 1
echo "SDCARD0001: $folder: kernel8.img is $image, text_offset $(printf 0x%x "$text_offset"); config.txt complete"
