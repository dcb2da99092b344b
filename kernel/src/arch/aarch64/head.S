/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot entry: the arm64 Image header, then everything that must run before
 * the MMU is on. The code is position independent (only PC-relative
 * addressing) because the image is linked at its high virtual address but
 * entered at whatever physical address the loader chose: QEMU -kernel, U-Boot
 * booti and the Pi firmware all honour text_offset within a 2 MiB-aligned base.
 *
 * Register contract while running at the physical address:
 *   x19  DTB physical address from the loader (x0 at entry; 0 when none)
 *   x20  physical address of _text (the Image header)
 *   x21  physical base of the 2 MiB block holding _text (x20 - text_offset)
 *   x22  exception level the loader entered the kernel at (1 or 2)
 *   x0-x18 scratch
 * At the call to init_kernel (MMU on, high VA, kernel stack):
 *   x0 = DTB physical address, x1 = physical address of _text,
 *   x2 = entry exception level.
 */
#include <arch/aarch64/asm.h>
#include <arch/aarch64/memory_layout.h>
#include <arch/aarch64/sysreg_bits.h>
#include <kernel/gen_config.h>

    .section .text.head, "ax"

/* Linux arm64 Image header (Documentation/arch/arm64/booting.rst layout). */
FUNC(_text)
    b primary_entry                 /* code0 */
    .long 0                         /* code1 */
    .quad KERNEL_TEXT_OFFSET        /* text_offset */
    .quad _kernel_image_size        /* image_size, BSS included */
    .quad 0xA                       /* flags: little endian, 4 KiB pages, any 2 MiB base */
    .quad 0, 0, 0                   /* reserved */
    .ascii "ARM\x64"                /* magic */
    .long 0                         /* reserved (PE header offset) */
ENDFUNC(_text)

LOCAL_FUNC(primary_entry)
    msr daifset, #0xf               /* the kernel runs with all exceptions masked */
    mov x19, x0
    /* Only the core with affinity 0.0.0.0 boots; the others wait here. */
    mrs x1, mpidr_el1
    ldr x2, =MPIDR_AFFINITY_MASK
    tst x1, x2
    b.ne park_core

    adr x20, _text
    ldr x1, =KERNEL_TEXT_OFFSET
    sub x21, x20, x1
    /* The high mapping uses 2 MiB blocks: the load base must be aligned. */
    tst x21, #0x1FFFFF
    b.ne park_core

    mrs x22, CurrentEL
    lsr x22, x22, #2
    bl drop_to_el1
    bl clear_bss
    bl build_boot_tables
    bl enable_mmu

    /* Continue at the linked (high) address. */
    ldr x1, =primary_entry_high
    br x1
ENDFUNC(primary_entry)

/* Cores that must not run the kernel (yet) sleep here forever. */
LOCAL_FUNC(park_core)
1:  wfe
    b 1b
ENDFUNC(park_core)

/*
 * Entered at EL2 (QEMU virtualization=on, the Pi firmware): configure EL2 so
 * that EL1 runs AArch64 with its timers and FP untrapped and no stage 2, with
 * the GICv3 CPU interface's system registers open to it where the core has
 * them, then return to EL1 with everything masked. At EL1 already: nothing to
 * do. Clobbers x0-x1.
 */
LOCAL_FUNC(drop_to_el1)
    mrs x0, CurrentEL
    lsr x0, x0, #2
    cmp x0, #2
    b.eq 1f
    cmp x0, #1
    b.ne park_core                  /* EL3 is not a supported entry */
    msr spsel, #1                   /* EL1h: the kernel uses SP_EL1 */
    ldr x0, =SCTLR_EL1_BOOT
    msr sctlr_el1, x0
    isb
    ret
1:  ldr x0, =HCR_EL2_RW
    msr hcr_el2, x0
    mrs x0, cnthctl_el2
    orr x0, x0, #CNTHCTL_EL2_EL1PCTEN_EL1PCEN
    msr cnthctl_el2, x0
    msr cntvoff_el2, xzr
    ldr x0, =CPTR_EL2_NO_TRAPS
    msr cptr_el2, x0
    msr hstr_el2, xzr
    msr vttbr_el2, xzr
    /* A GICv3 CPU interface (ID_AA64PFR0_EL1.GIC != 0): EL1 may use its
     * system registers only once ICC_SRE_EL2 has SRE and Enable set (GIC
     * spec IHI 0069, ICC_SRE_EL2); no virtual interface (ICH_HCR_EL2.En = 0).
     * A core without one (GICv2 boards) leaves these registers alone. */
    mrs x0, id_aa64pfr0_el1
    ubfx x0, x0, #ID_AA64PFR0_GIC_SHIFT, #ID_AA64PFR0_GIC_WIDTH
    cbz x0, 2f
    mrs x0, icc_sre_el2
    mov x1, #ICC_SRE_EL2_SRE_ENABLE
    orr x0, x0, x1
    msr icc_sre_el2, x0
    isb
    msr ich_hcr_el2, xzr
2:
    mrs x0, midr_el1
    msr vpidr_el2, x0
    mrs x0, mpidr_el1
    msr vmpidr_el2, x0
    ldr x0, =SCTLR_EL1_BOOT
    msr sctlr_el1, x0
    ldr x0, =SPSR_EL1H_MASKED
    msr spsr_el2, x0
    msr elr_el2, x30
    isb
    eret
ENDFUNC(drop_to_el1)

/* Zero .bss (boot page tables included), then clean+invalidate it to the PoC
 * so no stale cache line shadows it once caches are on. Clobbers x0-x3. */
LOCAL_FUNC(clear_bss)
    adrp x0, __bss_start
    add x0, x0, :lo12:__bss_start
    adrp x1, __bss_end
    add x1, x1, :lo12:__bss_end
    mov x2, x0
1:  cmp x2, x1
    b.hs 2f
    stp xzr, xzr, [x2], #16
    b 1b
2:  mrs x3, ctr_el0
    ubfx x3, x3, #16, #4            /* DminLine: log2(words) */
    mov x2, #4
    lsl x3, x2, x3                  /* line size in bytes */
    sub x2, x3, #1
    bic x0, x0, x2
3:  dc civac, x0
    add x0, x0, x3
    cmp x0, x1
    b.lo 3b
    dsb sy
    ret
ENDFUNC(clear_bss)

/*
 * Two boot address spaces, all tables in .bss:
 *  TTBR0 (identity): 1 GiB blocks over the kernel's GiB and the DTB's GiB, so
 *    the code keeps running right after the MMU turns on and C can read the
 *    DTB by physical address until the kernel window exists.
 *  TTBR1: the kernel image at KERNEL_IMAGE_VBASE in 2 MiB blocks.
 * Clobbers x0-x7.
 */
LOCAL_FUNC(build_boot_tables)
    adrp x0, boot_identity_l0
    adrp x1, boot_identity_l1
    orr x2, x1, #PTE_TABLE
    str x2, [x0]                    /* L0[0] covers PA 0 .. 512 GiB */

    ldr x3, =PTE_KERNEL_BLOCK
    lsr x4, x20, #30                /* kernel's GiB */
    lsl x5, x4, #30
    orr x5, x5, x3
    str x5, [x1, x4, lsl #3]
    cbz x19, 1f
    lsr x4, x19, #30                /* DTB's GiB, if below 512 GiB */
    cmp x4, #512
    b.hs 1f
    lsl x5, x4, #30
    orr x5, x5, x3
    str x5, [x1, x4, lsl #3]
1:
    adrp x0, boot_kernel_l0
    adrp x1, boot_kernel_l1
    adrp x2, boot_kernel_l2
    orr x4, x1, #PTE_TABLE
    str x4, [x0, #511 * 8]          /* L0[511]: top 512 GiB */
    orr x4, x2, #PTE_TABLE
    str x4, [x1, #510 * 8]          /* L1[510]: KERNEL_IMAGE_VBASE */

    ldr x4, =_kernel_image_size
    ldr x5, =KERNEL_TEXT_OFFSET
    add x4, x4, x5
    mov x7, #0x1FFFFF
    add x4, x4, x7
    lsr x4, x4, #21                 /* number of 2 MiB blocks */
    orr x5, x21, x3                 /* first block descriptor */
    mov x6, #0
2:  str x5, [x2, x6, lsl #3]
    add x5, x5, #0x200, lsl #12
    add x6, x6, #1
    cmp x6, x4
    b.lo 2b
    dsb sy
    ret
ENDFUNC(build_boot_tables)

/* Program MAIR/TCR/TTBRs and turn on the MMU and caches. Clobbers x0-x2. */
LOCAL_FUNC(enable_mmu)
    ldr x0, =MAIR_EL1_VALUE
    msr mair_el1, x0
    mrs x1, id_aa64mmfr0_el1
    and x1, x1, #0x7                /* PARange -> TCR.IPS */
    ldr x0, =TCR_EL1_BASE
    bfi x0, x1, #TCR_IPS_SHIFT, #3
    msr tcr_el1, x0
    adrp x0, boot_identity_l0
    msr ttbr0_el1, x0
    adrp x0, boot_kernel_l0
    msr ttbr1_el1, x0
    ldr x0, =CPACR_EL1_FPEN_NONE
    msr cpacr_el1, x0
    isb
    tlbi vmalle1
    dsb nsh
    ic iallu
    dsb nsh
    isb
    ldr x0, =SCTLR_EL1_KERNEL
    msr sctlr_el1, x0
    isb
    ret
ENDFUNC(enable_mmu)

/* Now at the high address: kernel stack, vectors, then C. */
LOCAL_FUNC(primary_entry_high)
    ldr x0, =kernel_stack_top
    mov sp, x0
    ldr x0, =exception_vectors
    msr vbar_el1, x0
    isb
    mov x29, #0
    mov x30, #0
    mov x0, x19
    mov x1, x20
    mov x2, x22
    bl init_kernel
    b park_core                     /* init_kernel does not return */
ENDFUNC(primary_entry_high)

#if CONFIG_MAX_NUM_NODES > 1
/*
 * A secondary core, started by PSCI CPU_ON or released from its spin table
 * (arch/aarch64/smp_boot.c), at the physical address, MMU off, at EL2 or
 * EL1. It uses the boot core's tables, so the boot core starts every
 * secondary before it drops the identity map. Each start gets a slot of
 * its own: the core finds its slot by its MPIDR in smp_slot_mpidr, and
 * with it its stack (slot 0 is the boot core's).
 */
FUNC(secondary_entry)
    msr daifset, #0xf
    bl drop_to_el1
    bl enable_mmu
    ldr x1, =secondary_entry_high
    br x1
ENDFUNC(secondary_entry)

LOCAL_FUNC(secondary_entry_high)
    mrs x1, mpidr_el1
    ldr x2, =MPIDR_AFFINITY_MASK
    and x1, x1, x2
    ldr x2, =smp_slot_mpidr
    mov x0, #1
1:  ldr x3, [x2, x0, lsl #3]
    cmp x3, x1
    b.eq 2f
    add x0, x0, #1
    cmp x0, #CONFIG_MAX_NUM_NODES
    b.lo 1b
    b park_core                     /* not a core the boot core started */
2:  ldr x1, =secondary_stacks
    mov x2, #KERNEL_STACK_SIZE
    madd x1, x0, x2, x1             /* top of the stack of slot x0 (from 1) */
    mov sp, x1
    ldr x1, =exception_vectors
    msr vbar_el1, x1
    isb
    mov x29, #0
    mov x30, #0
    bl smp_secondary_main           /* x0: the slot */
    b park_core                     /* smp_secondary_main does not return */
ENDFUNC(secondary_entry_high)
#endif

    .section .bss.boot_tables, "aw", %nobits
    .balign 4096
    .global boot_identity_l0, boot_identity_l1
    .global boot_kernel_l0, boot_kernel_l1, boot_kernel_l2
boot_identity_l0: .space 4096
boot_identity_l1: .space 4096
boot_kernel_l0: .space 4096
boot_kernel_l1: .space 4096
boot_kernel_l2: .space 4096

    .section .bss.stack, "aw", %nobits
    .balign 4096
    .global kernel_stack_top
kernel_stack_bottom: .space KERNEL_STACK_SIZE
kernel_stack_top:
#if CONFIG_MAX_NUM_NODES > 1
    .global secondary_stacks
secondary_stacks: .space KERNEL_STACK_SIZE * (CONFIG_MAX_NUM_NODES - 1)
#endif
