// SPDX-License-Identifier: BSD-2-Clause
/*
 * Threads in the root task's address space (thread.h). The root task fills
 * a new thread's TLS block itself, through the window the thread's stack is
 * mapped at: the window is in the root task's own VSpace, so no scratch
 * mapping is needed. Which windows are taken is one bitmap for the library,
 * as there is one root VSpace.
 */
#include <rootserver/thread.h>

#include <cairn/tls.h>

#define PAGE_SIZE (1UL << seL4_PageBits)
#define DEFAULT_STACK_PAGES 4
#define WINDOW_TABLES 3      /* levels 1-3 under the window's top-level entry */
#define STACK_OFFSET (2 * PAGE_SIZE) /* above the IPC buffer and the guard page */
#define STACK_ALIGN 16       /* AAPCS64: sp is 16-byte aligned */
#define MIN_STACK_BYTES 1024 /* what must stay below the TLS block */
#define NO_WINDOW RS_THREAD_MAX

_Static_assert(RS_THREAD_MAX <= 64, "one bit per window in windows_taken");
_Static_assert(STACK_OFFSET + RS_THREAD_MAX_STACK_PAGES * PAGE_SIZE <= (1UL << 21),
               "a window's pages share one level-3 table");

static uint64_t windows_taken;

static bool step(rs_thread_t *t, const char *what, seL4_Error err)
{
    if (err != seL4_NoError && t->failed == NULL) {
        t->failed = what;
        t->error = err;
    }
    return err == seL4_NoError;
}

static bool take_window(rs_thread_t *t)
{
    for (unsigned i = 0; i < RS_THREAD_MAX; i++) {
        if ((windows_taken & (1ULL << i)) == 0) {
            windows_taken |= 1ULL << i;
            t->window = i;
            return true;
        }
    }
    return false;
}

static void give_window_back(rs_thread_t *t)
{
    if (t->window != NO_WINDOW) {
        windows_taken &= ~(1ULL << t->window);
        t->window = NO_WINDOW;
    }
}

/* The thread's objects: a TCB, its IPC buffer page, stack pages and the
 * window's three tables, every one a page or less (the TCB is padded to a
 * page, as it comes first). One untyped holds them all. */
static seL4_Word object_count(seL4_Word stack_pages)
{
    return 2 + stack_pages + WINDOW_TABLES;
}

static unsigned arena_bits(seL4_Word stack_pages)
{
    unsigned bits = seL4_PageBits;
    while ((1UL << bits) < object_count(stack_pages) * PAGE_SIZE) {
        bits++;
    }
    return bits;
}

/* The thread starts here with x0 = its rs_thread_t. */
static void thread_entry(rs_thread_t *t)
{
    t->result = t->fn(t->arg);
    __atomic_store_n(&t->finished, true, __ATOMIC_RELEASE);
    if (t->notify != 0) {
        seL4_Signal(t->notify);
    }
    (void)seL4_TCB_Suspend(t->tcb);
    for (;;) {
        seL4_Yield(); /* not reached: the thread is suspended */
    }
}

static bool map_fresh(rs_thread_t *t, const char *what, seL4_Word vaddr, seL4_CPtr *frame)
{
    return step(t, what, rs_arena_object(&t->arena, seL4_ARM_SmallPageObject, 0, frame)) &&
           step(t, what, rs_vspace_map(&t->mapper, *frame, seL4_PageBits, vaddr, seL4_ReadWrite,
                                       seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever));
}

static bool make_objects(rs_thread_t *t, seL4_Word stack_pages)
{
    seL4_Word window = rs_thread_window(t->window);
    if (!step(t, "TCB", rs_arena_object(&t->arena, seL4_TCBObject, 0, &t->tcb)) ||
        !map_fresh(t, "IPC buffer", window, &t->ipc_frame)) {
        return false;
    }
    t->ipc_buffer = (seL4_IPCBuffer *)window;
    t->stack_low = window + STACK_OFFSET;
    for (seL4_Word i = 0; i < stack_pages; i++) {
        seL4_CPtr frame;
        if (!map_fresh(t, "stack", t->stack_low + i * PAGE_SIZE, &frame)) {
            return false;
        }
    }
    return true;
}

/* The TLS block at the top of the stack pages, sp just below it. */
static bool place_tls(rs_thread_t *t, seL4_Word stack_pages)
{
    seL4_Word top = t->stack_low + stack_pages * PAGE_SIZE;
    seL4_Word size = cairn_tls_area_size();
    if (size + MIN_STACK_BYTES > top - t->stack_low) {
        return step(t, "TLS", seL4_NotEnoughMemory);
    }
    seL4_Word area = (top - size) & ~(seL4_Word)(cairn_tls_area_align() - 1);
    t->tls_base = cairn_tls_init((void *)area, top - area);
    if (t->tls_base == 0) {
        return step(t, "TLS", seL4_AlignmentError);
    }
    cairn_tls_set_ipc_buffer(t->tls_base, t->ipc_buffer);
    t->stack_top = area & ~(seL4_Word)(STACK_ALIGN - 1);
    return true;
}

static bool configure(rs_thread_t *t, const rs_thread_config_t *config)
{
    seL4_UserContext regs = { .pc = (seL4_Word)(uintptr_t)thread_entry, .sp = t->stack_top,
                              .x0 = (seL4_Word)(uintptr_t)t, .tpidr_el0 = t->tls_base };
    return step(t, "TCB_Configure",
                seL4_TCB_Configure(t->tcb, config->fault_ep, seL4_CapInitThreadCNode, 0,
                                   t->env->vspace.vspace, 0, (seL4_Word)t->ipc_buffer,
                                   t->ipc_frame)) &&
           step(t, "TCB_SetPriority",
                seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, config->priority)) &&
           step(t, "TCB_WriteRegisters",
                seL4_TCB_WriteRegisters(t->tcb, false, 0, sizeof(regs) / sizeof(seL4_Word),
                                        &regs));
}

/* Destroys everything made so far and gives the window back. */
static seL4_Error undo(rs_thread_t *t)
{
    /* The page tables are arena objects: the revoke takes them, and
     * deleting them unmaps the window. */
    t->mapper.count = 0;
    seL4_Error err = rs_arena_release(&t->arena);
    give_window_back(t);
    t->tcb = t->ipc_frame = 0;
    return err;
}

seL4_Error rs_thread_create(rs_thread_t *t, rs_env_t *env, const rs_thread_config_t *config)
{
    *t = (rs_thread_t){ .env = env, .window = NO_WINDOW, .fn = config->fn, .arg = config->arg,
                        .notify = config->notify, .failed = NULL };
    seL4_Word pages = config->stack_pages != 0 ? config->stack_pages : DEFAULT_STACK_PAGES;
    if (!step(t, "fn", config->fn != NULL ? seL4_NoError : seL4_InvalidArgument) ||
        !step(t, "stack size",
              pages <= RS_THREAD_MAX_STACK_PAGES ? seL4_NoError : seL4_RangeError) ||
        !step(t, "window", take_window(t) ? seL4_NoError : seL4_NotEnoughMemory)) {
        return t->error;
    }
    if (!step(t, "arena",
              rs_arena_init(&t->arena, &env->ut, arena_bits(pages), object_count(pages)))) {
        give_window_back(t);
        return t->error;
    }
    rs_vspace_init_new(&t->mapper, env->vspace.vspace, &t->arena);
    if (make_objects(t, pages) && place_tls(t, pages) && configure(t, config)) {
        return seL4_NoError;
    }
    (void)undo(t);
    return t->error;
}

seL4_Error rs_thread_start(rs_thread_t *t)
{
    return seL4_TCB_Resume(t->tcb);
}

bool rs_thread_finished(const rs_thread_t *t)
{
    return __atomic_load_n(&t->finished, __ATOMIC_ACQUIRE);
}

seL4_Error rs_thread_join(rs_thread_t *t)
{
    if (t->notify == 0) {
        return seL4_InvalidArgument;
    }
    /* Several threads may share the notification: a signal only says that
     * one of them finished, so look again each time. */
    while (!rs_thread_finished(t)) {
        seL4_Wait(t->notify, NULL);
    }
    return seL4_NoError;
}

seL4_Error rs_thread_destroy(rs_thread_t *t)
{
    if (t->tcb == 0) {
        return seL4_NoError; /* never made, or already destroyed */
    }
    /* Stop it first, so it does not run while its memory goes. */
    seL4_Error result = seL4_TCB_Suspend(t->tcb);
    seL4_Error err = undo(t);
    return result != seL4_NoError ? result : err;
}
