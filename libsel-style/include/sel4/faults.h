/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault messages: the label of a fault IPC is the fault type, its message
 * registers are laid out as below (libsel4's names, AArch64, non-MCS).
 * Replying with label 0 restarts the faulting thread.
 */
#pragma once

typedef enum {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
    seL4_Fault_VMFault = 5,
} seL4_FaultType;

enum {
    seL4_VMFault_IP = 0,
    seL4_VMFault_Addr,
    seL4_VMFault_PrefetchFault,
    seL4_VMFault_FSR,
    seL4_VMFault_Length,
};

enum {
    seL4_UnknownSyscall_X0 = 0,
    seL4_UnknownSyscall_X1,
    seL4_UnknownSyscall_X2,
    seL4_UnknownSyscall_X3,
    seL4_UnknownSyscall_X4,
    seL4_UnknownSyscall_X5,
    seL4_UnknownSyscall_X6,
    seL4_UnknownSyscall_X7,
    seL4_UnknownSyscall_FaultIP,
    seL4_UnknownSyscall_SP,
    seL4_UnknownSyscall_LR,
    seL4_UnknownSyscall_SPSR,
    seL4_UnknownSyscall_Syscall,
    seL4_UnknownSyscall_Length,
};

enum {
    seL4_UserException_FaultIP = 0,
    seL4_UserException_SP,
    seL4_UserException_SPSR,
    seL4_UserException_Number,
    seL4_UserException_Code,
    seL4_UserException_Length,
};

/* seL4_CapFault_* message registers are in <sel4/constants.h>. */
#define seL4_CapFault_Length 7

/* Thread flags (seL4_TCB_SetFlags). */
#define seL4_TCBFlag_NoFlag 0
#define seL4_TCBFlag_fpuDisabled 1
#define seL4_TCBFlag_MASK 1
