/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The root task's side of the process tests: one untyped for process
 * objects, the report and fault endpoints every child talks to, and
 * commands with the watchdog of thread_util.h armed on every wait, so a
 * child that never answers fails one case instead of hanging the image.
 */
#pragma once

#include "../lib/test.h"
#include "../ipc/thread_util.h"
#include "process.h"

#define CHILD_PRIO 100
#define ROOT_SHARED_VA 0x10010000UL /* tests map frames from here up in the root */

#define ESR_EC(esr) ((esr) >> 26)
#define EC_IABT_LOWER 0x20UL
#define EC_DABT_LOWER 0x24UL
#define ESR_IL (1UL << 25)
#define ESR_ISV (1UL << 24)
#define ESR_WNR (1UL << 6)
#define DFSC_TRANSLATION(level) (0x04UL + (level))
#define DFSC_PERMISSION(level) (0x0CUL + (level))

extern proc_env_t harness_env;
extern unsigned harness_untyped_bits;
extern seL4_CPtr report_ep;
extern seL4_CPtr fault_ep;

/* threads_init, an untyped of at least 2^untyped_bits bytes, the endpoints. */
void harness_init(unsigned untyped_bits);

/* Builds and starts a child; on failure fails the case with the step. */
bool spawn(process_t *p, seL4_Word badge, seL4_Word prio);

/* Sends a command (the child must be waiting for one). */
void command(const process_t *p, seL4_Word cmd, seL4_Word a0, seL4_Word a1, seL4_Word a2);

/* Receives p's report into out[0..3]; false (and the case fails) if the
 * watchdog fired or it is not a report from p. */
bool report(const process_t *p, seL4_Word out[4]);

/* command() then report(): out[0] is the first word reported (~0 on failure). */
seL4_Word ask(const process_t *p, seL4_Word cmd, seL4_Word a0, seL4_Word a1, seL4_Word a2);

/* Receives p's next fault: its label, MR0-3 in mrs (the case fails if it
 * is not from p or has not the fault's length). */
seL4_Word receive_fault(const process_t *p, seL4_Word mrs[4]);

/* The expected ESR of a data abort from EL0 by child_load/child_store
 * (ldr/str x0/x1, [x0]): checks fsr against it; an implementation may set
 * ISV, and then the syndrome must describe that access. */
bool data_abort_fsr_is(seL4_Word fsr, seL4_Word dfsc, bool write);

/* Lets a faulted child go on past the faulting probe as if it returned value. */
void skip_fault(const process_t *p, seL4_Word value);

/* The child's CMD_INFO: child_load, child_store, _start, &child_counter. */
bool child_info(const process_t *p, seL4_Word info[4]);

/* A case that needs the file's child process: fails at once if setting it
 * up failed (the file's `child_ok`), else runs. GUARDED(f) defines f_case. */
static inline void run_if_ready(bool ready, void (*fn)(void))
{
    TEST_CHECK(ready);
    if (ready) {
        fn();
    }
}

#define GUARDED(name)                  \
    static void name##_case(void)      \
    {                                  \
        run_if_ready(child_ok, name);  \
    }
