/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fault message as a fault handler received it, decoded with libsel4's
 * names: seL4_getFault(tag) right after the receive (it reads the message
 * registers), then seL4_Fault_get_seL4_FaultType() and the per-kind getters.
 * Message layouts are those of <sel4/faults.h>.
 */
#pragma once

#include <sel4/constants.h>
#include <sel4/faults.h>
#include <sel4/ipc_buffer.h>
#include <sel4/message_info.h>

/* Room for the longest fault message (UnknownSyscall). */
#define SEL4_FAULT_MAX_WORDS seL4_UnknownSyscall_Length

typedef struct seL4_Fault {
    seL4_Word type;                      /* seL4_FaultType: the message label */
    seL4_Word words[SEL4_FAULT_MAX_WORDS]; /* message registers; unsent ones 0 */
} seL4_Fault_t;

static inline seL4_Fault_t seL4_getFault(seL4_MessageInfo_t tag)
{
    seL4_Fault_t fault = { 0, { 0 } };
    seL4_Word length = seL4_MessageInfo_get_length(tag);
    if (length > SEL4_FAULT_MAX_WORDS) {
        length = SEL4_FAULT_MAX_WORDS;
    }
    fault.type = seL4_MessageInfo_get_label(tag);
    for (seL4_Word i = 0; i < length; i++) {
        fault.words[i] = seL4_GetMR((int)i);
    }
    return fault;
}

static inline seL4_Word seL4_Fault_get_seL4_FaultType(seL4_Fault_t fault)
{
    return fault.type;
}

static inline int seL4_isNullFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_NullFault;
}

static inline int seL4_isCapFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_CapFault;
}

static inline int seL4_isUnknownSyscall_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_UnknownSyscall;
}

static inline int seL4_isUserException_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_UserException;
}

static inline int seL4_isVMFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_VMFault;
}

/* VM faults. */
static inline seL4_Word seL4_Fault_VMFault_get_IP(seL4_Fault_t fault)
{
    return fault.words[seL4_VMFault_IP];
}

static inline seL4_Word seL4_Fault_VMFault_get_Addr(seL4_Fault_t fault)
{
    return fault.words[seL4_VMFault_Addr];
}

static inline seL4_Word seL4_Fault_VMFault_get_PrefetchFault(seL4_Fault_t fault)
{
    return fault.words[seL4_VMFault_PrefetchFault];
}

static inline seL4_Word seL4_Fault_VMFault_get_FSR(seL4_Fault_t fault)
{
    return fault.words[seL4_VMFault_FSR];
}

/* Unknown system calls. */
static inline seL4_Word seL4_Fault_UnknownSyscall_get_FaultIP(seL4_Fault_t fault)
{
    return fault.words[seL4_UnknownSyscall_FaultIP];
}

static inline seL4_Word seL4_Fault_UnknownSyscall_get_SP(seL4_Fault_t fault)
{
    return fault.words[seL4_UnknownSyscall_SP];
}

static inline seL4_Word seL4_Fault_UnknownSyscall_get_LR(seL4_Fault_t fault)
{
    return fault.words[seL4_UnknownSyscall_LR];
}

static inline seL4_Word seL4_Fault_UnknownSyscall_get_SPSR(seL4_Fault_t fault)
{
    return fault.words[seL4_UnknownSyscall_SPSR];
}

static inline seL4_Word seL4_Fault_UnknownSyscall_get_Syscall(seL4_Fault_t fault)
{
    return fault.words[seL4_UnknownSyscall_Syscall];
}

/* User exceptions. */
static inline seL4_Word seL4_Fault_UserException_get_FaultIP(seL4_Fault_t fault)
{
    return fault.words[seL4_UserException_FaultIP];
}

static inline seL4_Word seL4_Fault_UserException_get_SP(seL4_Fault_t fault)
{
    return fault.words[seL4_UserException_SP];
}

static inline seL4_Word seL4_Fault_UserException_get_SPSR(seL4_Fault_t fault)
{
    return fault.words[seL4_UserException_SPSR];
}

static inline seL4_Word seL4_Fault_UserException_get_Number(seL4_Fault_t fault)
{
    return fault.words[seL4_UserException_Number];
}

static inline seL4_Word seL4_Fault_UserException_get_Code(seL4_Fault_t fault)
{
    return fault.words[seL4_UserException_Code];
}

/* Capability faults. */
static inline seL4_Word seL4_Fault_CapFault_get_IP(seL4_Fault_t fault)
{
    return fault.words[seL4_CapFault_IP];
}

static inline seL4_Word seL4_Fault_CapFault_get_Addr(seL4_Fault_t fault)
{
    return fault.words[seL4_CapFault_Addr];
}

static inline seL4_Word seL4_Fault_CapFault_get_InRecvPhase(seL4_Fault_t fault)
{
    return fault.words[seL4_CapFault_InRecvPhase];
}

static inline seL4_Word seL4_Fault_CapFault_get_LookupFailureType(seL4_Fault_t fault)
{
    return fault.words[seL4_CapFault_LookupFailureType];
}
