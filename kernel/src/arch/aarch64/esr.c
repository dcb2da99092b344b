// SPDX-License-Identifier: BSD-2-Clause
/*
 * Names for exception classes and abort fault-status codes, used in fault
 * reports. The codes are the Arm ARM's (ESR_EL1.EC and the DFSC/IFSC table).
 */
#include <arch/aarch64/esr.h>

const char *esr_class_name(uint64_t esr)
{
    switch (esr_class(esr)) {
    case ESR_EC_UNKNOWN: return "undefined instruction";
    case ESR_EC_WFX: return "trapped WFI/WFE";
    case ESR_EC_FP_ACCESS: return "trapped FP/SIMD access";
    case ESR_EC_ILLEGAL_STATE: return "illegal execution state";
    case ESR_EC_SVC64: return "system call";
    case ESR_EC_SYSREG: return "trapped system register access";
    case ESR_EC_IABT_LOWER: return "instruction abort from a lower EL";
    case ESR_EC_IABT_CURRENT: return "instruction abort from the same EL";
    case ESR_EC_PC_ALIGN: return "PC alignment fault";
    case ESR_EC_DABT_LOWER: return "data abort from a lower EL";
    case ESR_EC_DABT_CURRENT: return "data abort from the same EL";
    case ESR_EC_SP_ALIGN: return "SP alignment fault";
    case ESR_EC_FP_EXCEPTION: return "floating-point exception";
    case ESR_EC_SERROR: return "SError";
    case ESR_EC_BREAKPOINT_LOWER: return "hardware breakpoint";
    case ESR_EC_STEP_LOWER: return "software step";
    case ESR_EC_WATCHPOINT_LOWER: return "watchpoint";
    case ESR_EC_BRK64: return "BRK instruction";
    default: return "unexpected exception class";
    }
}

const char *esr_fault_status_name(uint64_t esr)
{
    unsigned fsc = (unsigned)esr & ESR_FSC_MASK;
    static const char *const level_names[4][4] = {
        { "address size fault, level 0", "address size fault, level 1",
          "address size fault, level 2", "address size fault, level 3" },
        { "translation fault, level 0", "translation fault, level 1",
          "translation fault, level 2", "translation fault, level 3" },
        { "access flag fault, level 0", "access flag fault, level 1",
          "access flag fault, level 2", "access flag fault, level 3" },
        { "permission fault, level 0", "permission fault, level 1",
          "permission fault, level 2", "permission fault, level 3" },
    };
    if (fsc < 0x10) {
        return level_names[fsc >> 2][fsc & 3];
    }
    switch (fsc) {
    case 0x10: return "synchronous external abort";
    case 0x21: return "alignment fault";
    case 0x30: return "TLB conflict abort";
    default: return "other fault status";
    }
}
