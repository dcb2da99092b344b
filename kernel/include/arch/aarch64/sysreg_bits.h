/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System-register field values Cairn programs, usable from C and assembly.
 * Bit positions are from the Arm ARM (DDI 0487), section D19 (AArch64 system
 * registers); the register each group belongs to is named in its prefix.
 */
#pragma once

#include <util_ul.h>

/* SCTLR_EL1: RES1 bits of ARMv8.0 (11, 20, 22, 23, 28, 29). */
#define SCTLR_EL1_RES1 UL(0x30D00800)
#define SCTLR_EL1_M (UL(1) << 0)      /* stage 1 MMU on */
#define SCTLR_EL1_C (UL(1) << 2)      /* data caches on */
#define SCTLR_EL1_SA (UL(1) << 3)     /* EL1 stack alignment check */
#define SCTLR_EL1_I (UL(1) << 12)     /* instruction cache on */
#define SCTLR_EL1_UCT (UL(1) << 15)   /* EL0 may read CTR_EL0 */
#define SCTLR_EL1_NTWE (UL(1) << 18)  /* EL0 WFE is not trapped */
#define SCTLR_EL1_BOOT SCTLR_EL1_RES1
#define SCTLR_EL1_KERNEL (SCTLR_EL1_RES1 | SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_SA | \
                          SCTLR_EL1_I | SCTLR_EL1_UCT | SCTLR_EL1_NTWE)

/* MAIR_EL1 attribute indexes and their encodings. */
#define MAIR_IDX_DEVICE_NGNRNE 0
#define MAIR_IDX_NORMAL 1
#define MAIR_IDX_NORMAL_NC 2
#define MAIR_IDX_DEVICE_NGNRE 3
#define MAIR_EL1_VALUE UL(0x000000000444FF00) /* 0x00, 0xFF (WB RW-alloc), 0x44 (NC), 0x04 */

/* TCR_EL1: 48-bit halves, 4 KiB granules, write-back inner-shareable walks. */
#define TCR_T0SZ_48 16
#define TCR_T1SZ_48 (UL(16) << 16)
#define TCR_IRGN0_WBWA (UL(1) << 8)
#define TCR_ORGN0_WBWA (UL(1) << 10)
#define TCR_SH0_INNER (UL(3) << 12)
#define TCR_EPD0 (UL(1) << 7)
#define TCR_IRGN1_WBWA (UL(1) << 24)
#define TCR_ORGN1_WBWA (UL(1) << 26)
#define TCR_SH1_INNER (UL(3) << 28)
#define TCR_TG1_4K (UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_AS_16BIT (UL(1) << 36) /* ASIDs are 16 bits (TTBR[63:48]) */
#define TCR_EL1_BASE (TCR_T0SZ_48 | TCR_T1SZ_48 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | \
                      TCR_SH0_INNER | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | \
                      TCR_TG1_4K | TCR_AS_16BIT)

/* CPACR_EL1: FP/SIMD not trapped at EL0 or EL1. */
#define CPACR_EL1_FPEN_NONE (UL(3) << 20)

/* HCR_EL2.RW: EL1 runs AArch64. */
#define HCR_EL2_RW (UL(1) << 31)
/* CNTHCTL_EL2: EL1 may use the physical counter and timer. */
#define CNTHCTL_EL2_EL1PCTEN_EL1PCEN 3
/* CPTR_EL2 with FP/SIMD untrapped (TFP = 0). The other set bits are RES1 on
 * ARMv8.0 (0-9, 12, 13); on cores with SVE/SME, bits 8 and 12 would trap them. */
#define CPTR_EL2_NO_TRAPS UL(0x33FF)

/* ID_AA64PFR0_EL1.GIC, bits [27:24]: nonzero when the core has a GICv3/v4
 * CPU interface usable through system registers. */
#define ID_AA64PFR0_GIC_SHIFT 24
#define ID_AA64PFR0_GIC_WIDTH 4
/* ICC_SRE_EL2: EL2 uses the system-register CPU interface (SRE), and EL1 may
 * access ICC_SRE_EL1 without trapping to EL2 (Enable). */
#define ICC_SRE_EL2_SRE_ENABLE ((UL(1) << 0) | (UL(1) << 3))

/* SPSR values. */
#define SPSR_MODE_EL0T 0x0
#define SPSR_MODE_EL1H 0x5
#define SPSR_DAIF_MASKED (UL(0xF) << 6)
#define SPSR_EL1H_MASKED (SPSR_MODE_EL1H | SPSR_DAIF_MASKED)

/* Translation table descriptors (D8.3). */
#define PTE_VALID (UL(1) << 0)
#define PTE_TABLE (UL(3) << 0)   /* levels 0-2: next-level table */
#define PTE_BLOCK (UL(1) << 0)   /* levels 1-2: block */
#define PTE_PAGE (UL(3) << 0)    /* level 3: page */
#define PTE_ATTR(idx) ((idx) * UL(4))
#define PTE_AP_EL0 (UL(1) << 6)  /* AP[1]: EL0 access */
#define PTE_AP_RO (UL(1) << 7)   /* AP[2]: read-only */
#define PTE_SH_INNER (UL(3) << 8)
#define PTE_AF (UL(1) << 10)
#define PTE_NG (UL(1) << 11)
#define PTE_PXN (UL(1) << 53)
#define PTE_UXN (UL(1) << 54)
#define PTE_ADDR_MASK UL(0x0000FFFFFFFFF000)

/* Kernel memory: EL1 only. UXN as well, since without it EL0 could still
 * execute (execute-only) pages it cannot read. */
#define PTE_KERNEL_BLOCK (PTE_BLOCK | PTE_ATTR(MAIR_IDX_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)

/* MPIDR_EL1: the affinity fields that name a core, Aff3 [39:32] and
 * Aff2-Aff0 [23:0] (the bits between are flags). */
#define MPIDR_AFFINITY_MASK UL(0xFF00FFFFFF)
