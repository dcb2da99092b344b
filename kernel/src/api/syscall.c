// SPDX-License-Identifier: BSD-2-Clause
/*
 * System-call dispatch. The number is bounds-checked and clamped against
 * speculation before it selects anything. Invocation and IPC system calls
 * resolve a capability in the caller's CSpace; until CSpaces exist every
 * lookup fails, which seL4 turns into a capability fault for the caller.
 */
#include <kernel/syscall.h>

#include <arch.h>
#include <arch/aarch64/speculation.h>
#include <kernel/printk.h>
#include <lib/format.h>
#include <plat.h>
#include <sel4/syscall_numbers.h>

void handle_user_fault(tcb_t *thread, const char *kind, const char *detail, word_t pc,
                       word_t address, word_t esr)
{
    printk("cairn: thread '%s' fault: %s%s%s\n", thread->name, kind, detail[0] ? ", " : "",
           detail);
    printk("cairn:   pc 0x%lx address 0x%lx esr 0x%lx\n", pc, address, esr);
    thread_stop(thread, "no fault handler");
}

static void capability_fault(tcb_t *thread, word_t cptr)
{
    char detail[48];
    format_snprint(detail, sizeof(detail), "no capability at cptr 0x%lx", cptr);
    handle_user_fault(thread, "capability fault", detail, thread->context.pc, cptr, 0);
}

static void unknown_syscall(tcb_t *thread, word_t number)
{
    printk("cairn: thread '%s' made unknown system call %ld at pc 0x%lx\n", thread->name,
           (long)number, thread->context.pc - 4);
    thread_stop(thread, "no fault handler");
}

void handle_syscall(tcb_t *thread)
{
    user_context_t *ctx = &thread->context;
    word_t number = ctx->x[7];
    if (number >= cairn_NumSyscalls) {
        unknown_syscall(thread, number);
        return;
    }
    switch (index_nospec(number, cairn_NumSyscalls)) {
    case seL4_SysYield:
    case seL4_SysDebugSnapshot:
        break;
    case seL4_SysDebugPutChar:
        plat_console_putc((char)ctx->x[0]);
        break;
    case seL4_SysDebugDumpScheduler:
        printk("cairn: scheduler: '%s' running\n", thread->name);
        break;
    case seL4_SysDebugHalt:
        printk("cairn: halted by '%s'\n", thread->name);
        arch_system_exit(0);
    case cairn_SysDebugExit:
        printk("cairn: '%s' ended the system with status %lu\n", thread->name, ctx->x[0]);
        arch_system_exit(ctx->x[0]);
    default:
        /* Send, Call, Recv, Reply ... and the cap-taking debug calls. */
        capability_fault(thread, ctx->x[0]);
        break;
    }
}
