// SPDX-License-Identifier: BSD-2-Clause
/*
 * FRAMEXN0001-0007: execute permission of frame mappings (seL4_ARM_ExecuteNever,
 * seL4 manual "Virtual Memory"; Arm ARM D8.4 on instruction fetch and XN).
 * Code is written into a frame through a read-write mapping of a copy of its
 * cap, made visible to instruction fetch with Page_Unify_Instruction on the
 * executable mapping, and called by a prober: an executable mapping runs it,
 * an ExecuteNever one raises a VM fault with PrefetchFault 1.
 */
#include "vm_util.h"

static const seL4_ARM_VMAttributes attr = seL4_ARM_Default_VMAttributes;
static const seL4_ARM_VMAttributes attr_xn = seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever;

/* The code under test: mov x0, #imm; ret. */
typedef struct code_frame {
    seL4_CPtr frame;    /* mapped for execution by the case */
    seL4_CPtr rw;       /* a copy, mapped read-write at rw_va */
    seL4_Word rw_va;
} code_frame_t;

static code_frame_t new_code_frame(seL4_Word type, seL4_Word rw_va)
{
    code_frame_t c = { vm_object(type, 0), 0, rw_va };
    c.rw = vm_copy(c.frame);
    TEST_CHECK(c.frame != 0 && c.rw != 0);
    CHECK_OK(vm_map(c.rw, ROOT_VSPACE, rw_va, seL4_ReadWrite, attr));
    return c;
}

/* Writes the code at offset, through the read-write mapping. */
static void write_code(const code_frame_t *c, seL4_Word offset, unsigned imm)
{
    if (!vm_mapped(c->rw_va)) {
        TEST_CHECK(!"read-write mapping of the code frame");
        return;
    }
    volatile uint32_t *insn = (volatile uint32_t *)(c->rw_va + offset);
    insn[0] = INSN_MOV_X0(imm);
    insn[1] = INSN_RET;
}

static void check_runs(seL4_Word va, seL4_Word want)
{
    probe_t r = probe(PROBE_EXEC, va, 0);
    TEST_CHECK(!r.faulted && !r.timeout);
    TEST_CHECK(r.value == want);
    if (r.faulted || r.value != want) {
        printf("    call %lx: faulted %d fsr %lx value %lx\n", va, r.faulted, r.fsr, r.value);
    }
}

static void check_xn_fault(seL4_Word va)
{
    probe_t r = probe(PROBE_EXEC, va, 0);
    TEST_CHECK(r.faulted);
    TEST_CHECK(r.ip == va);
    TEST_CHECK(r.addr == va);
    TEST_CHECK(r.prefetch == 1);
    TEST_CHECK(ESR_EC(r.fsr) == EC_IABT_LOWER);
    TEST_CHECK(ESR_FSC(r.fsr) == FSC_PERMISSION(3) || ESR_FSC(r.fsr) == FSC_PERMISSION(2));
    if (!r.faulted || ESR_EC(r.fsr) != EC_IABT_LOWER) {
        printf("    call %lx: faulted %d fsr %lx value %lx\n", va, r.faulted, r.fsr, r.value);
    }
}

static void executable(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    write_code(&c, 0x40, 0x1234);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0x40, 0x48));
    check_runs(va + 0x40, 0x1234);
}

static void execute_never(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    write_code(&c, 0, 0x55);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_ReadWrite, attr_xn));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0, 8));
    check_xn_fault(va);
    /* Reading and writing it are fine. */
    CHECK_READ(va, ((seL4_Word)INSN_RET << 32) | INSN_MOV_X0(0x55));
    CHECK_WRITE(va + 8, 1);
}

static void remap_toggles(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    write_code(&c, 0, 0x66);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr_xn));
    check_xn_fault(va);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0, 8));
    check_runs(va, 0x66);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr_xn));
    check_xn_fault(va);
}

static void large_page(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_LargePageObject, vm_region());
    write_code(&c, LARGE_SIZE - 8, 0x77);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr_xn));
    check_xn_fault(va + LARGE_SIZE - 8);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, LARGE_SIZE - 8, LARGE_SIZE));
    check_runs(va + LARGE_SIZE - 8, 0x77);
}

static void code_replaced(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    write_code(&c, 0x100, 0x11);
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_CanRead, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0x100, 0x108));
    check_runs(va + 0x100, 0x11);
    write_code(&c, 0x100, 0x22);
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0x100, 0x108));
    check_runs(va + 0x100, 0x22);
    /* The same through the VSpace's own operation. */
    write_code(&c, 0x100, 0x33);
    CHECK_OK(seL4_ARM_VSpace_Unify_Instruction(ROOT_VSPACE, va + 0x100, va + 0x108));
    check_runs(va + 0x100, 0x33);
}

static void ret_only(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    if (vm_mapped(c.rw_va)) {
        *(volatile uint32_t *)c.rw_va = INSN_RET;
    }
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_ReadWrite, attr));
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(c.frame, 0, 4));
    probe_t r = probe(PROBE_EXEC, va, 0);
    TEST_CHECK(!r.faulted && !r.timeout); /* it returns; x0 is whatever the caller left */
}

static void no_read_no_exec(void)
{
    seL4_Word va = vm_region();
    code_frame_t c = new_code_frame(seL4_ARM_SmallPageObject, va + PAGE_SIZE);
    write_code(&c, 0, 0x44);
    /* Without read the mapping is the kernel's only: a fetch faults too. */
    CHECK_OK(seL4_ARM_Page_Map(c.frame, ROOT_VSPACE, va, seL4_NoRights, attr));
    probe_t r = probe(PROBE_EXEC, va, 0);
    TEST_CHECK(r.faulted && r.prefetch == 1 && r.addr == va);
    if (!r.faulted) {
        printf("    call %lx ran and returned %lx\n", va, r.value);
    }
}

static const test_case_t cases[] = {
    { "FRAMEXN0001", "code in an executable read-only mapping runs", executable },
    { "FRAMEXN0002", "ExecuteNever: VMFault PrefetchFault 1, IP = Addr, FSR; data access fine",
      execute_never },
    { "FRAMEXN0003", "remapping in place switches ExecuteNever off and on", remap_toggles },
    { "FRAMEXN0004", "2M frame: ExecuteNever faults, executable runs", large_page },
    { "FRAMEXN0005", "rewritten code runs after Page_/VSpace_Unify_Instruction", code_replaced },
    { "FRAMEXN0006", "a lone ret instruction (0xd65f03c0) runs", ret_only },
    { "FRAMEXN0007", "a mapping without read cannot be executed", no_read_no_exec },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
