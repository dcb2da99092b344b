# SPDX-License-Identifier: BSD-2-Clause
# GDB0001: the gdb set-up of the `gdb` target reaches the root task. Run by
# cmake/qemu-gdb.sh --batch after it has loaded the kernel's and the root
# task's symbols and connected to QEMU, halted at its boot stub.
#
# A breakpoint on the first instruction of the root task's main (a user-space
# address from the root task's own ELF) must be hit once the kernel has booted
# and dropped to EL0. gdb's exit status is the verdict; any error (no symbol
# main, QEMU gone before the stop) also ends gdb with a non-zero status.
break *main
continue
info registers pc
if $pc == (unsigned long) &main
    echo GDB0001: stopped at the root task's main\n
    quit 0
else
    echo GDB0001: FAIL: stopped elsewhere\n
    quit 1
end
