/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers shared by the virtual-memory test images (tests/system/vm): kernel
 * objects from a pool of RAM untyped, fresh regions of the root VSpace,
 * mapping with the page tables a frame needs, error checks with their message
 * registers, raw invocations (for truncated messages), and "probers".
 *
 * A prober is a helper thread that touches memory for the root task: it
 * reads, writes or calls an address when asked over an endpoint and reports
 * back on its fault endpoint, so the root task sees either the result or the
 * VM fault the access raised, with every message register. A prober that
 * faulted is destroyed and started again on its next use. A prober may run
 * in a VSpace other than the root task's: vm_image_vspace() builds one that
 * maps the root task's own image (the same frames), so the prober's code,
 * stack and the shared variables are where the root task has them.
 */
#pragma once

#include <object/cap.h> /* Cairn's cap type numbers, as seL4_DebugCapIdentify returns them */
#include <sel4/sel4.h>
#include <stdbool.h>

#include "../ipc/thread_util.h"
#include "../lib/caps.h"
#include "../lib/test.h"

#define BIT(n) (1UL << (n))
#define ROOT_CNODE seL4_CapInitThreadCNode
#define ROOT_VSPACE seL4_CapInitThreadVSpace
#define IMAGE_BASE 0x400000UL   /* libsel-style/src/root_task.ld */
#define REGION_BASE 0x10000000UL /* fresh 2 MiB regions of the root VSpace from here */
#define REGION_END 0x40000000UL  /* ... to the end of the first GiB */
#define PAGE_SIZE BIT(seL4_PageBits)
#define LARGE_SIZE BIT(seL4_LargePageBits)
#define HUGE_SIZE BIT(seL4_HugePageBits)

/* AArch64 instructions written into frames that are then executed. */
#define INSN_RET 0xd65f03c0u
#define INSN_MOV_X0(imm16) (0xd2800000u | ((unsigned)(imm16) << 5)) /* movz x0, #imm16 */

/* ESR_EL1 fields of a VM fault's FSR (Arm ARM D17.2.37). */
#define ESR_EC(esr) ((esr) >> 26)
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24
#define ESR_WNR BIT(6)
#define ESR_FSC(esr) ((esr) & 0x3f)
#define FSC_TRANSLATION(level) (0x04u + (level))
#define FSC_PERMISSION(level) (0x0cu + (level))

/* Sets up the helper threads and the object pool; call first. */
void vm_init(void);

/* A kernel object from the shared pool of RAM (0 on failure). */
seL4_CPtr vm_object(seL4_Word type, seL4_Word size_bits);
/* A fresh child untyped of 2^bits from the pool (0 on failure). */
seL4_CPtr vm_untyped(unsigned bits);
/* n consecutive fresh root-CNode slots; returns the first. */
seL4_CPtr vm_slots(seL4_Word n);

/* A 2 MiB-aligned region of the root VSpace that no earlier call returned:
 * nothing is mapped in it and no page table covers it yet. */
seL4_Word vm_region(void);

/* Cap operations on root-CNode slots. */
seL4_CPtr vm_copy(seL4_CPtr cap);                          /* 0 on failure */
seL4_CPtr vm_mint(seL4_CPtr cap, seL4_CapRights_t rights); /* 0 on failure */
seL4_Error vm_delete(seL4_CPtr slot);
seL4_Error vm_revoke(seL4_CPtr slot);

/* A new page table mapped at vaddr in vspace (0, and the case fails, on
 * failure). */
seL4_CPtr vm_map_pt(seL4_CPtr vspace, seL4_Word vaddr);
/* Maps frame at vaddr, first mapping as many new page tables as the kernel
 * asks for (FailedLookup). */
seL4_Error vm_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights,
                  seL4_ARM_VMAttributes attr);
/* A new 4 KiB frame mapped read-write at vaddr of the root VSpace. */
seL4_CPtr vm_frame_at(seL4_Word vaddr);
/* A new VSpace with an ASID from pool (0 on failure). */
seL4_CPtr vm_vspace(seL4_CPtr pool);
/* A new ASID pool from a fresh 4 KiB untyped (0 on failure). */
seL4_CPtr vm_make_pool(void);
/* A VSpace whose ASID is no longer valid: it was assigned from a new pool
 * that was then deleted. The kernel hands out the lowest free pool and the
 * lowest free ASID in a pool (as seL4 does), so a pool made next and its
 * first VSpace get that ASID again. */
seL4_CPtr vm_stale_vspace(void);
/* Maps the root task's image (copies of its frame caps) into vspace. */
bool vm_map_image(seL4_CPtr vspace);
/* A new VSpace with an ASID from pool, mapping the root task's image. */
seL4_CPtr vm_image_vspace(seL4_CPtr pool);
/* The physical address of a frame (~0 on failure). */
seL4_Word vm_paddr(seL4_CPtr frame);

/* An invocation with an arbitrary length and extra caps (up to 4 MRs). */
seL4_Error vm_invoke(seL4_CPtr cap, seL4_Word label, seL4_Word length, const seL4_Word *mrs,
                     seL4_Word extra_caps, const seL4_CPtr *caps);

/* Checks an invocation's error and its first `count` message registers. */
void vm_expect(const char *file, int line, seL4_Error got, seL4_Error want, int count,
               seL4_Word mr0, seL4_Word mr1, seL4_Word mr2);
#define CHECK_OK(e) vm_expect(__FILE__, __LINE__, (e), seL4_NoError, 0, 0, 0, 0)
#define CHECK_ERR(e, want) vm_expect(__FILE__, __LINE__, (e), (want), 0, 0, 0, 0)
#define CHECK_ERR1(e, want, a) vm_expect(__FILE__, __LINE__, (e), (want), 1, (a), 0, 0)
#define CHECK_ERR3(e, want, a, b, c) vm_expect(__FILE__, __LINE__, (e), (want), 3, (a), (b), (c))
/* FailedLookup of a missing page table: not the source, MissingCapability. */
#define CHECK_NO_TABLE(e, bits_left) \
    CHECK_ERR3((e), seL4_FailedLookup, 0, seL4_MissingCapability, (bits_left))

/* --- Probers ---------------------------------------------------------- */
typedef enum { PROBE_READ = 1, PROBE_WRITE, PROBE_EXEC } probe_op_t;

typedef struct probe {
    bool faulted;  /* a VM fault: the words below are its message */
    bool timeout;  /* neither a result nor a VM fault came */
    seL4_Word value; /* what a read or a call returned */
    seL4_Word ip;
    seL4_Word addr;
    seL4_Word prefetch;
    seL4_Word fsr;
} probe_t;

typedef struct prober {
    test_thread_t thread;
    seL4_CPtr vspace;
    seL4_CPtr req;    /* notification: a request is in op, addr, value */
    volatile seL4_Word op;
    volatile seL4_Word addr;
    volatile seL4_Word value;
    seL4_CPtr ep;     /* results and faults, received by the root task */
    seL4_CPtr send;   /* the prober's badged cap to ep */
    bool alive;
} prober_t;

/* A prober in vspace (not started until its first use). A prober in
 * another VSpace sees only the image: its prober_t must be static. */
void prober_init(prober_t *p, seL4_CPtr vspace);
probe_t prober_run(prober_t *p, probe_op_t op, seL4_Word addr, seL4_Word value);
void prober_stop(prober_t *p);

/* The same through the root VSpace's prober. */
probe_t probe(probe_op_t op, seL4_Word addr, seL4_Word value);
/* Through the root VSpace's prober: the access faults once, fix(fault
 * address) runs, the root task replies to the fault and the access is
 * restarted; value is what it then gave, timeout set if it never did. */
probe_t probe_paged(probe_op_t op, seL4_Word addr, seL4_Word value, void (*fix)(seL4_Word));
/* A read of addr completes (the root task may touch it itself). */
bool vm_mapped(seL4_Word addr);
/* An access completes (and a read gives want) / faults, and the case fails
 * otherwise. */
void expect_read(const char *file, int line, seL4_Word addr, seL4_Word want);
void expect_write(const char *file, int line, seL4_Word addr, seL4_Word value);
void expect_fault(const char *file, int line, probe_op_t op, seL4_Word addr);
#define CHECK_READ(addr, want) expect_read(__FILE__, __LINE__, (addr), (want))
#define CHECK_WRITE(addr, value) expect_write(__FILE__, __LINE__, (addr), (value))
#define CHECK_FAULT(op, addr) expect_fault(__FILE__, __LINE__, (op), (addr))

/* Where the prober's load and store instructions are (a VM fault's IP). */
seL4_Word probe_load_ip(void);
seL4_Word probe_store_ip(void);
