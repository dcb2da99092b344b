/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Decoding of ESR_ELx, the exception syndrome (Arm ARM D19.2, ESR_EL1): the
 * exception class in bits [31:26] and, for aborts, the fault status code in
 * bits [5:0]. Pure functions, unit tested on the host.
 */
#pragma once

#define ESR_EC_SHIFT 26
#define ESR_EC_SVC64_NUMBER 0x15 /* for assembly; C uses ESR_EC_SVC64 */

#ifndef __ASSEMBLER__
#include <stdint.h>

#define ESR_EC_MASK 0x3F
#define ESR_ISS_MASK 0x1FFFFFF
#define ESR_FSC_MASK 0x3F
#define ESR_WNR (1u << 6) /* data abort: the access was a write */

enum esr_class {
    ESR_EC_UNKNOWN = 0x00,
    ESR_EC_WFX = 0x01,
    ESR_EC_FP_ACCESS = 0x07,
    ESR_EC_ILLEGAL_STATE = 0x0E,
    ESR_EC_SVC64 = 0x15,
    ESR_EC_SYSREG = 0x18,
    ESR_EC_IABT_LOWER = 0x20,
    ESR_EC_IABT_CURRENT = 0x21,
    ESR_EC_PC_ALIGN = 0x22,
    ESR_EC_DABT_LOWER = 0x24,
    ESR_EC_DABT_CURRENT = 0x25,
    ESR_EC_SP_ALIGN = 0x26,
    ESR_EC_FP_EXCEPTION = 0x2C,
    ESR_EC_SERROR = 0x2F,
    ESR_EC_BREAKPOINT_LOWER = 0x30,
    ESR_EC_STEP_LOWER = 0x32,
    ESR_EC_WATCHPOINT_LOWER = 0x34,
    ESR_EC_BRK64 = 0x3C,
};

static inline unsigned esr_class(uint64_t esr)
{
    return (unsigned)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}

static inline int esr_is_abort(uint64_t esr)
{
    unsigned ec = esr_class(esr);
    return ec == ESR_EC_IABT_LOWER || ec == ESR_EC_IABT_CURRENT || ec == ESR_EC_DABT_LOWER ||
           ec == ESR_EC_DABT_CURRENT;
}

/* A short name of the exception class, e.g. "data abort from a lower EL". */
const char *esr_class_name(uint64_t esr);

/* For aborts: the fault status, e.g. "translation fault, level 0". */
const char *esr_fault_status_name(uint64_t esr);
#endif
