/* SPDX-License-Identifier: BSD-2-Clause */
/* What the benchmark files share (bench.c has the method). */
#pragma once

#include <rootserver/debug_print.h>
#include <sel4/sel4.h>

#define WARMUP 100
#define RUNS 10000

/* Instructions retired at EL0 and EL1 so far (PMU counter 0, pmu_hook.c). */
static inline seL4_Word instructions(void)
{
    seL4_Word v;
    __asm__ volatile("isb\n\tmrs %0, pmevcntr0_el0" : "=r"(v)::"memory");
    return v;
}

/* Prints "bench NAME AVERAGE". */
void report(const char *name, seL4_Word total, seL4_Word runs);

/* A fresh slot of the root CNode. */
seL4_CPtr bench_slot(void);

/* The virtual-memory measures (bench_vm.c), from an untyped other than busy. */
void bench_vm(seL4_CPtr busy);

/* fault_rt (bench_fault.c), with objects from the VM measures' untyped. */
struct proc_env;
void bench_fault(struct proc_env *env);

/* The frame cap of the page of this image that holds p. */
seL4_CPtr bench_image_frame(const void *p);

/* The scaling series (bench_scaling.c). */
void bench_scaling(void);
