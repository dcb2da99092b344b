// SPDX-License-Identifier: BSD-2-Clause
/*
 * FAULT0101-0115: faults delivered to a fault endpoint (seL4 manual,
 * "Faults"; libsel4's message layouts): VM faults on data and instruction
 * access, unknown system calls, user exceptions (UDF, BRK) and capability
 * faults, with every message register checked; replies that restart the
 * thread, skip the faulting instruction or leave it stopped; a handler that
 * moves the thread elsewhere with WriteRegisters; a fault endpoint cap that
 * cannot carry faults. The root task is the fault handler throughout.
 */
#include "../lib/test.h"
#include "thread_util.h"

#define ESR_EC(esr) ((esr) >> 26)
#define EC_UNKNOWN 0x00
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24
#define EC_BRK 0x3C
#define ESR_WNR (1UL << 6)
#define FAULT_BADGE 0xFA
#define UNKNOWN_SYSCALL 0x7777UL
#define BAD_CPTR ((1UL << 63) | 5) /* misses the root CNode's 52-bit zero guard */

/* The faulting instructions, each at a known address. */
seL4_Word fault_load(seL4_Word address);
void fault_store(seL4_Word address, seL4_Word value);
seL4_Word fault_udf(void);
seL4_Word fault_udf_next(void);
seL4_Word fault_brk(void);
seL4_Word call_probe(seL4_Word cptr, seL4_Word syscall);
void call_probe_svc(void);

/* unknown_syscall_probe(record): x0-x7 = record->in, svc, record->out =
 * x0-x7 afterwards; sp and lr at the svc go to record->sp and ->lr. */
typedef struct syscall_record {
    seL4_Word in[8];
    seL4_Word out[8];
    seL4_Word sp;
    seL4_Word lr;
} syscall_record_t;

void unknown_syscall_probe(syscall_record_t *record);
void unknown_syscall_svc(void);

__asm__("    .text\n"
        "    .global fault_load\n"
        "    .type fault_load, %function\n"
        "fault_load:\n"
        "    ldr x0, [x0]\n"
        "    ret\n"
        "    .size fault_load, . - fault_load\n"
        "    .global fault_store\n"
        "    .type fault_store, %function\n"
        "fault_store:\n"
        "    str x1, [x0]\n"
        "    ret\n"
        "    .size fault_store, . - fault_store\n"
        "    .global fault_udf\n"
        "    .global fault_udf_next\n"
        "    .type fault_udf, %function\n"
        "fault_udf:\n"
        "    udf #0\n"
        "fault_udf_next:\n"
        "    mov x0, #0x5A\n"
        "    ret\n"
        "    .size fault_udf, . - fault_udf\n"
        "    .global fault_brk\n"
        "    .type fault_brk, %function\n"
        "fault_brk:\n"
        "    brk #0x42\n"
        "    mov x0, #0x5B\n"
        "    ret\n"
        "    .size fault_brk, . - fault_brk\n"
        "    .global call_probe\n"
        "    .global call_probe_svc\n"
        "    .type call_probe, %function\n"
        "call_probe:\n"
        "    mov x7, x1\n"
        "    mov x1, #0\n"
        "call_probe_svc:\n"
        "    svc #0\n"
        "    mov x0, x1\n"
        "    ret\n"
        "    .size call_probe, . - call_probe\n"
        "    .global unknown_syscall_probe\n"
        "    .global unknown_syscall_svc\n"
        "    .type unknown_syscall_probe, %function\n"
        "unknown_syscall_probe:\n"
        "    stp x29, x30, [sp, #-16]!\n"
        "    mov x29, sp\n"
        "    mov x9, x0\n"
        "    mov x10, sp\n"
        "    stp x10, x30, [x9, #128]\n"
        "    ldp x0, x1, [x9, #0]\n"
        "    ldp x2, x3, [x9, #16]\n"
        "    ldp x4, x5, [x9, #32]\n"
        "    ldp x6, x7, [x9, #48]\n"
        "unknown_syscall_svc:\n"
        "    svc #0\n"
        "    stp x0, x1, [x9, #64]\n"
        "    stp x2, x3, [x9, #80]\n"
        "    stp x4, x5, [x9, #96]\n"
        "    stp x6, x7, [x9, #112]\n"
        "    ldp x29, x30, [sp], #16\n"
        "    ret\n"
        "    .size unknown_syscall_probe, . - unknown_syscall_probe\n");

static test_thread_t threads[2];
static seL4_CPtr fault_ep;   /* the root task receives here */
static seL4_CPtr fault_send; /* the faulting thread's cap: Write + GrantReply, badged */

static void destroy_all(void)
{
    for (unsigned i = 0; i < 2; i++) {
        thread_destroy(&threads[i]);
    }
}

static void start_faulter(thread_fn_t fn, seL4_Word arg)
{
    fault_ep = threads_object(seL4_EndpointObject);
    fault_send = threads_mint(fault_ep, seL4_CapRights_new(1, 0, 0, 1), FAULT_BADGE);
    TEST_CHECK(fault_send != 0);
    TEST_CHECK(thread_start(&threads[0], fn, arg, THREAD_PRIO, fault_send, false));
}

/* Receives the next fault; checks its label, length and badge. */
static void receive_fault(seL4_Word label, seL4_Word length)
{
    for (unsigned i = 0; i < seL4_MsgMaxLength; i++) {
        seL4_SetMR((int)i, 0xEEEE); /* so that a word not written shows */
    }
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == label);
    TEST_CHECK(seL4_MessageInfo_get_length(info) == length);
    TEST_CHECK(badge == FAULT_BADGE);
}

static void reply(seL4_Word label, seL4_Word length)
{
    seL4_Reply(seL4_MessageInfo_new(label, 0, 0, length));
}

static seL4_Word do_load(seL4_Word address)
{
    return fault_load(address);
}

static void check_data_abort(seL4_Word address, bool write)
{
    receive_fault(seL4_Fault_VMFault, seL4_VMFault_Length);
    seL4_Word ip = write ? (seL4_Word)(uintptr_t)fault_store : (seL4_Word)(uintptr_t)fault_load;
    TEST_CHECK(seL4_GetMR(seL4_VMFault_IP) == ip);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_Addr) == address);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_PrefetchFault) == 0);
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    TEST_CHECK(ESR_EC(fsr) == EC_DABT_LOWER);
    TEST_CHECK((fsr & 0x3C) == 0x04); /* DFSC: translation fault, level 0-3 */
    TEST_CHECK(((fsr & ESR_WNR) != 0) == write);
}

static void test_vm_fault(void)
{
    start_faulter(do_load, 0x18);
    check_data_abort(0x18, false);
    destroy_all();
}

static void test_vm_fault_restart(void)
{
    start_faulter(do_load, 0x28);
    check_data_abort(0x28, false);
    reply(0, 0); /* nothing was fixed: the load runs again and faults again */
    check_data_abort(0x28, false);
    destroy_all();
}

static void test_vm_fault_redirect(void)
{
    start_faulter(do_load, 0x30);
    check_data_abort(0x30, false);
    /* The handler skips the load and makes it "return" 0x5AFE. */
    seL4_UserContext c;
    TEST_CHECK(seL4_TCB_ReadRegisters(threads[0].tcb, false, 0, 4, &c) == seL4_NoError);
    TEST_CHECK(c.pc == (seL4_Word)(uintptr_t)fault_load);
    TEST_CHECK(c.x0 == 0x30);
    c.pc += 4;
    c.x0 = 0x5AFE;
    TEST_CHECK(seL4_TCB_WriteRegisters(threads[0].tcb, false, 0, 4, &c) == seL4_NoError);
    reply(0, 0);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == 0x5AFE);
    destroy_all();
}

static void test_vm_fault_stop(void)
{
    /* seL4: a VM fault's reply restarts the thread whatever its label. */
    start_faulter(do_load, 0x38);
    check_data_abort(0x38, false);
    reply(1, 0);
    check_data_abort(0x38, false);
    destroy_all();
}

static seL4_Word do_store(seL4_Word address)
{
    fault_store(address, 1);
    return 0;
}

static void test_vm_fault_write(void)
{
    start_faulter(do_store, 0x40);
    check_data_abort(0x40, true);
    destroy_all();
}

static seL4_Word do_jump(seL4_Word address)
{
    return ((seL4_Word(*)(void))address)();
}

static void test_prefetch_fault(void)
{
    start_faulter(do_jump, 0x1000);
    receive_fault(seL4_Fault_VMFault, seL4_VMFault_Length);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_IP) == 0x1000);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_Addr) == 0x1000);
    TEST_CHECK(seL4_GetMR(seL4_VMFault_PrefetchFault) == 1);
    TEST_CHECK(ESR_EC(seL4_GetMR(seL4_VMFault_FSR)) == EC_IABT_LOWER);
    /* Return to the caller as if the call had given 0x7E7. */
    seL4_UserContext c;
    TEST_CHECK(seL4_TCB_ReadRegisters(threads[0].tcb, false, 0, sizeof(c) / sizeof(seL4_Word),
                                      &c) == seL4_NoError);
    c.pc = c.x30;
    c.x0 = 0x7E7;
    TEST_CHECK(seL4_TCB_WriteRegisters(threads[0].tcb, false, 0, sizeof(c) / sizeof(seL4_Word),
                                       &c) == seL4_NoError);
    reply(0, 0);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == 0x7E7);
    destroy_all();
}

static syscall_record_t record;

static seL4_Word do_unknown_syscall(seL4_Word arg)
{
    unknown_syscall_probe((syscall_record_t *)arg);
    return 0;
}

static void start_unknown_syscall(void)
{
    record = (syscall_record_t){ .in = { 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
                                         UNKNOWN_SYSCALL } };
    start_faulter(do_unknown_syscall, (seL4_Word)(uintptr_t)&record);
}

static void check_unknown_syscall(void)
{
    receive_fault(seL4_Fault_UnknownSyscall, seL4_UnknownSyscall_Length);
    for (unsigned i = 0; i < 8; i++) {
        TEST_CHECK(seL4_GetMR((int)(seL4_UnknownSyscall_X0 + i)) == record.in[i]);
    }
    TEST_CHECK(seL4_GetMR(seL4_UnknownSyscall_FaultIP) ==
               (seL4_Word)(uintptr_t)unknown_syscall_svc);
    TEST_CHECK(seL4_GetMR(seL4_UnknownSyscall_SP) == record.sp);
    /* "LR" is ELR_EL1 as seL4 reports it: the address after the svc. */
    TEST_CHECK(seL4_GetMR(seL4_UnknownSyscall_LR) ==
               (seL4_Word)(uintptr_t)unknown_syscall_svc + 4);
    TEST_CHECK((seL4_GetMR(seL4_UnknownSyscall_SPSR) & 0x1F) == 0); /* EL0t, AArch64 */
    TEST_CHECK(seL4_GetMR(seL4_UnknownSyscall_Syscall) == UNKNOWN_SYSCALL);
}

/* Replies with new x0-x7 and FaultIP + 4: the thread goes on after the svc. */
static void reply_skip_svc(void)
{
    for (unsigned i = 0; i < 8; i++) {
        seL4_SetMR((int)(seL4_UnknownSyscall_X0 + i), 0x900 + i);
    }
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, (seL4_Word)(uintptr_t)unknown_syscall_svc + 4);
    seL4_SetMR(seL4_UnknownSyscall_SP, record.sp);
    seL4_SetMR(seL4_UnknownSyscall_LR, (seL4_Word)(uintptr_t)unknown_syscall_svc + 4);
    seL4_SetMR(seL4_UnknownSyscall_SPSR, 0);
    reply(0, seL4_UnknownSyscall_Syscall);
}

static void test_unknown_syscall(void)
{
    start_unknown_syscall();
    check_unknown_syscall();
    reply_skip_svc();
    TEST_CHECK(thread_join(&threads[0]));
    for (unsigned i = 0; i < 8; i++) {
        TEST_CHECK(record.out[i] == 0x900 + i);
    }
    destroy_all();
}

static void test_unknown_syscall_restart(void)
{
    start_unknown_syscall();
    check_unknown_syscall();
    reply(0, 0); /* no registers: the svc runs again */
    check_unknown_syscall();
    reply_skip_svc();
    TEST_CHECK(thread_join(&threads[0]));
    destroy_all();
}

static seL4_Word do_udf(seL4_Word arg)
{
    (void)arg;
    return fault_udf();
}

static seL4_Word do_brk(seL4_Word arg)
{
    (void)arg;
    return fault_brk();
}

/* Checks a user exception at `ip` of class `ec`; replies with FaultIP + 4. */
static void check_user_exception(seL4_Word ip, seL4_Word ec)
{
    receive_fault(seL4_Fault_UserException, seL4_UserException_Length);
    TEST_CHECK(seL4_GetMR(seL4_UserException_FaultIP) == ip);
    seL4_Word sp = seL4_GetMR(seL4_UserException_SP);
    TEST_CHECK(sp < (seL4_Word)(uintptr_t)threads[0].stack_top &&
               sp >= (seL4_Word)(uintptr_t)threads[0].stack_top - THREAD_STACK_BYTES);
    TEST_CHECK((seL4_GetMR(seL4_UserException_SPSR) & 0x1F) == 0);
    TEST_CHECK(ESR_EC(seL4_GetMR(seL4_UserException_Number)) == ec);
    TEST_CHECK(seL4_GetMR(seL4_UserException_Code) == 0);
    seL4_SetMR(seL4_UserException_FaultIP, ip + 4);
    reply(0, 1);
}

static void test_udf(void)
{
    start_faulter(do_udf, 0);
    check_user_exception((seL4_Word)(uintptr_t)fault_udf, EC_UNKNOWN);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == 0x5A);
    destroy_all();
}

static void test_user_exception_stop(void)
{
    /* A user exception's reply with a label other than 0 leaves the thread
     * stopped; resumed, it runs the instruction again and faults again. */
    start_faulter(do_udf, 0);
    receive_fault(seL4_Fault_UserException, seL4_UserException_Length);
    reply(1, 0);
    threads_settle();
    seL4_Word badge = 1;
    (void)seL4_NBRecv(fault_ep, &badge);
    TEST_CHECK(badge == 0); /* no new fault */
    TEST_CHECK(!threads[0].finished);
    TEST_CHECK(seL4_TCB_Resume(threads[0].tcb) == seL4_NoError);
    receive_fault(seL4_Fault_UserException, seL4_UserException_Length);
    destroy_all();
}

static void test_brk(void)
{
    start_faulter(do_brk, 0);
    check_user_exception((seL4_Word)(uintptr_t)fault_brk, EC_BRK);
    TEST_CHECK(thread_join(&threads[0]));
    TEST_CHECK(threads[0].result == 0x5B);
    destroy_all();
}

static seL4_Word do_call_bad(seL4_Word cptr)
{
    return call_probe(cptr, seL4_SysCall);
}

static seL4_Word do_recv_bad(seL4_Word cptr)
{
    return call_probe(cptr, seL4_SysRecv);
}

static void test_cap_fault(void)
{
    start_faulter(do_call_bad, BAD_CPTR);
    receive_fault(seL4_Fault_CapFault, seL4_CapFault_Length);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_IP) == (seL4_Word)(uintptr_t)call_probe_svc);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == BAD_CPTR);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 0);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_LookupFailureType) == seL4_GuardMismatch);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_BitsLeft) == seL4_WordBits);
    destroy_all();
}

static void test_cap_fault_guard(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    start_faulter(do_call_bad, BAD_CPTR);
    receive_fault(seL4_Fault_CapFault, seL4_CapFault_Length);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_GuardMismatch_GuardFound) == 0);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_GuardMismatch_BitsFound) ==
               seL4_WordBits - bi->initThreadCNodeSizeBits);
    destroy_all();
}

static void test_cap_fault_recv(void)
{
    seL4_CPtr empty = threads_object(seL4_EndpointObject);
    TEST_CHECK(threads_delete(empty) == seL4_NoError);
    start_faulter(do_recv_bad, empty);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = threads_recv(fault_ep, &badge);
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_IP) == (seL4_Word)(uintptr_t)call_probe_svc);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_Addr) == empty);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_InRecvPhase) == 1);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_LookupFailureType) == seL4_MissingCapability);
    TEST_CHECK(seL4_GetMR(seL4_CapFault_BitsLeft) == 0);
    destroy_all();
}

static void test_call_empty_slot(void)
{
    /* An empty slot is found, so it is not a cap fault: the Call is answered
     * with InvalidCapability (seL4 manual, "Error Codes"). */
    seL4_CPtr empty = threads_object(seL4_EndpointObject);
    TEST_CHECK(threads_delete(empty) == seL4_NoError);
    start_faulter(do_call_bad, empty);
    TEST_CHECK(thread_join(&threads[0]));
    seL4_MessageInfo_t info = { { threads[0].result } };
    TEST_CHECK(seL4_MessageInfo_get_label(info) == seL4_InvalidCapability);
    destroy_all();
}

static void test_unusable_fault_ep(void)
{
    /* Send alone cannot carry a fault: the thread is stopped instead. */
    seL4_CPtr ep = threads_object(seL4_EndpointObject);
    seL4_CPtr send_only = threads_mint(ep, seL4_CanWrite, 0);
    TEST_CHECK(thread_start(&threads[0], do_load, 0x48, THREAD_PRIO, send_only, false));
    threads_settle();
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    TEST_CHECK(badge == 0 && seL4_MessageInfo_get_label(info) == 0);
    TEST_CHECK(!threads[0].finished);
    destroy_all();
}

static const test_case_t cases[] = {
    { "FAULT0101", "a read of an unmapped address: VMFault with IP, Addr, FSR", test_vm_fault },
    { "FAULT0102", "a plain restart runs the load again and faults again", test_vm_fault_restart },
    { "FAULT0103", "the handler moves the thread past the load with WriteRegisters", test_vm_fault_redirect },
    { "FAULT0104", "a VM fault's reply restarts the thread whatever its label", test_vm_fault_stop },
    { "FAULT0105", "a write fault has WnR set in the FSR", test_vm_fault_write },
    { "FAULT0106", "an instruction fetch fault: PrefetchFault 1, IP = Addr", test_prefetch_fault },
    { "FAULT0107", "unknown syscall: X0-X7, FaultIP, SP, LR, SPSR, Syscall; reply sets them", test_unknown_syscall },
    { "FAULT0108", "unknown syscall: a reply without registers runs the svc again", test_unknown_syscall_restart },
    { "FAULT0109", "UDF: UserException with FaultIP, SP, SPSR, Number; FaultIP + 4 skips it", test_udf },
    { "FAULT0116", "a user exception's reply with a label other than 0 leaves it stopped",
      test_user_exception_stop },
    { "FAULT0110", "BRK: UserException with the BRK class in Number", test_brk },
    { "FAULT0111", "Call on an unresolvable cptr: CapFault with IP, Addr, lookup failure", test_cap_fault },
    { "FAULT0112", "a guard mismatch cap fault carries GuardFound and BitsFound", test_cap_fault_guard },
    { "FAULT0113", "Recv on an empty slot: CapFault in the receive phase", test_cap_fault_recv },
    { "FAULT0114", "Call on an empty slot: InvalidCapability, not a fault", test_call_empty_slot },
    { "FAULT0115", "a fault endpoint cap without Grant or GrantReply stops the thread", test_unusable_fault_ep },
};

int main(void)
{
    threads_init();
    return test_run(cases, TEST_COUNT(cases));
}
