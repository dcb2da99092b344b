// SPDX-License-Identifier: BSD-2-Clause
/*
 * Probers (vm_util.h): helper threads that touch memory for the root task.
 * The root task writes a request into the prober_t (memory that a prober in
 * another VSpace shares, see vm_image_vspace), signals req, and receives on
 * ep, where the prober's answer (label PROBE_DONE, MR0 the result) and its VM
 * faults both arrive, badged. Signalling never blocks, so a prober that
 * faulted before it could wait cannot hang the root task; the watchdog ends
 * the receive if nothing comes. After a fault the prober is destroyed rather
 * than repaired: the next request starts a new one.
 */
#include "vm_util.h"

#define PROBE_DONE 0xD0EUL
#define PROBE_BADGE 0x9B

seL4_Word vm_load(seL4_Word address);
void vm_store(seL4_Word address, seL4_Word value);

__asm__("    .text\n"
        "    .global vm_load\n"
        "    .type vm_load, %function\n"
        "vm_load:\n"
        "    ldr x0, [x0]\n"
        "    ret\n"
        "    .size vm_load, . - vm_load\n"
        "    .global vm_store\n"
        "    .type vm_store, %function\n"
        "vm_store:\n"
        "    str x1, [x0]\n"
        "    ret\n"
        "    .size vm_store, . - vm_store\n");

seL4_Word probe_load_ip(void)
{
    return (seL4_Word)(uintptr_t)vm_load;
}

seL4_Word probe_store_ip(void)
{
    return (seL4_Word)(uintptr_t)vm_store;
}

static seL4_Word probe_do(seL4_Word op, seL4_Word addr, seL4_Word value)
{
    switch (op) {
    case PROBE_READ:
        return vm_load(addr);
    case PROBE_WRITE:
        vm_store(addr, value);
        return 0;
    case PROBE_EXEC:
        return ((seL4_Word(*)(void))addr)();
    default:
        return ~0UL;
    }
}

/* The prober's loop; it uses only the ...WithMRs calls (no IPC buffer). */
static seL4_Word prober_main(seL4_Word arg)
{
    prober_t *p = (prober_t *)arg;
    for (;;) {
        seL4_Wait(p->req, seL4_Null);
        seL4_Word result = probe_do(p->op, p->addr, p->value);
        seL4_SendWithMRs(p->send, seL4_MessageInfo_new(PROBE_DONE, 0, 0, 1), &result, seL4_Null,
                         seL4_Null, seL4_Null);
    }
    return 0;
}

void prober_init(prober_t *p, seL4_CPtr vspace)
{
    *p = (prober_t){ .vspace = vspace, .alive = false };
    p->req = threads_object(seL4_NotificationObject);
    p->ep = threads_object(seL4_EndpointObject);
    p->send = threads_mint(p->ep, seL4_CapRights_new(1, 0, 0, 1), PROBE_BADGE);
    TEST_CHECK(p->req != 0 && p->ep != 0 && p->send != 0);
}

static bool prober_start(prober_t *p)
{
    if (!thread_create(&p->thread, prober_main, (seL4_Word)(uintptr_t)p, THREAD_PRIO, p->send,
                       false)) {
        return false;
    }
    if (p->vspace != ROOT_VSPACE &&
        seL4_TCB_SetSpace(p->thread.tcb, p->send, ROOT_CNODE, 0, p->vspace, 0) != seL4_NoError) {
        thread_destroy(&p->thread);
        return false;
    }
    p->alive = thread_resume(&p->thread) == seL4_NoError;
    return p->alive;
}

void prober_stop(prober_t *p)
{
    if (p->alive) {
        thread_destroy(&p->thread);
        p->alive = false;
    }
}

probe_t prober_run(prober_t *p, probe_op_t op, seL4_Word addr, seL4_Word value)
{
    probe_t r = { .faulted = false, .timeout = true };
    if (!p->alive && !prober_start(p)) {
        printf("    prober could not start\n");
        return r;
    }
    p->op = op;
    p->addr = addr;
    p->value = value;
    seL4_Signal(p->req);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(p->ep, &badge);
    seL4_Word label = seL4_MessageInfo_get_label(info);
    if (label == PROBE_DONE && badge == PROBE_BADGE) {
        r.timeout = false;
        r.value = seL4_GetMR(0);
        return r;
    }
    if (label == seL4_Fault_VMFault && badge == PROBE_BADGE) {
        r.timeout = false;
        r.faulted = true;
        r.ip = seL4_GetMR(seL4_VMFault_IP);
        r.addr = seL4_GetMR(seL4_VMFault_Addr);
        r.prefetch = seL4_GetMR(seL4_VMFault_PrefetchFault);
        r.fsr = seL4_GetMR(seL4_VMFault_FSR);
    } else {
        printf("    prober answered label %lx badge %lx\n", label, badge);
    }
    prober_stop(p);
    return r;
}

static prober_t root_prober;
static bool root_prober_ready;

static prober_t *root(void)
{
    if (!root_prober_ready) {
        prober_init(&root_prober, ROOT_VSPACE);
        root_prober_ready = true;
    }
    return &root_prober;
}

probe_t probe(probe_op_t op, seL4_Word addr, seL4_Word value)
{
    return prober_run(root(), op, addr, value);
}

probe_t probe_paged(probe_op_t op, seL4_Word addr, seL4_Word value, void (*fix)(seL4_Word))
{
    prober_t *p = root();
    probe_t r = { .faulted = false, .timeout = true };
    if (!p->alive && !prober_start(p)) {
        return r;
    }
    p->op = op;
    p->addr = addr;
    p->value = value;
    seL4_Signal(p->req);
    for (unsigned faults = 0; faults < 2; faults++) {
        seL4_MessageInfo_t info = threads_recv(p->ep, seL4_Null);
        seL4_Word label = seL4_MessageInfo_get_label(info);
        if (label == PROBE_DONE) {
            r.timeout = false;
            r.value = seL4_GetMR(0);
            return r;
        }
        if (label != seL4_Fault_VMFault || r.faulted) {
            break; /* a second fault: the fix did not help */
        }
        r.faulted = true;
        r.ip = seL4_GetMR(seL4_VMFault_IP);
        r.addr = seL4_GetMR(seL4_VMFault_Addr);
        r.prefetch = seL4_GetMR(seL4_VMFault_PrefetchFault);
        r.fsr = seL4_GetMR(seL4_VMFault_FSR);
        fix(r.addr);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    }
    prober_stop(p);
    return r;
}

bool vm_mapped(seL4_Word addr)
{
    probe_t r = probe(PROBE_READ, addr, 0);
    return !r.faulted && !r.timeout;
}

void expect_read(const char *file, int line, seL4_Word addr, seL4_Word want)
{
    probe_t r = probe(PROBE_READ, addr, 0);
    if (r.faulted || r.timeout || r.value != want) {
        printf("    read of %lx: faulted %d (fsr %lx) timeout %d value %lx, want %lx\n", addr,
               r.faulted, r.fsr, r.timeout, r.value, want);
        test_fail(file, line, "read completes with the value");
    }
}

void expect_write(const char *file, int line, seL4_Word addr, seL4_Word value)
{
    probe_t r = probe(PROBE_WRITE, addr, value);
    if (r.faulted || r.timeout) {
        printf("    write to %lx: faulted %d (fsr %lx) timeout %d\n", addr, r.faulted, r.fsr,
               r.timeout);
        test_fail(file, line, "write completes");
    }
}

void expect_fault(const char *file, int line, probe_op_t op, seL4_Word addr)
{
    probe_t r = probe(op, addr, 0x5EED);
    if (!r.faulted || r.addr != addr) {
        printf("    access %d to %lx: faulted %d at %lx timeout %d value %lx\n", (int)op, addr,
               r.faulted, r.addr, r.timeout, r.value);
        test_fail(file, line, "access faults");
    }
}
