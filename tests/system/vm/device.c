// SPDX-License-Identifier: BSD-2-Clause
/*
 * VMDEV0001-0005: device memory (seL4 manual, "Untyped Memory" and "Virtual
 * Memory"). Device untypeds retype only to frames and untypeds (seL4:
 * InvalidArgument 1 otherwise); the console UART's page (PLAT_UART_PADDR) is
 * among the device untypeds, and a user mapping of it drives the PL011: the
 * line this image writes through it is what the test's EXPECT looks for.
 * Device frames cannot be IPC buffers and are never executable.
 */
#include <plat_config.h>
#include <stdint.h>

#include "vm_util.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF BIT(5)
#define UART_LINE "VMDEV: written through a user mapping of the UART\r\n"

/* The boot untyped (device) holding paddr; its size in *bits, paddr in *base. */
static seL4_CPtr device_untyped_at(seL4_Word paddr, unsigned *bits, seL4_Word *base)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (d->isDevice && paddr >= d->paddr && paddr - d->paddr < BIT(d->sizeBits)) {
            *bits = d->sizeBits;
            *base = d->paddr;
            return bi->untyped.start + i;
        }
    }
    return 0;
}

/* A device untyped of 2^want bits holding paddr, split off by halves. */
static seL4_CPtr device_untyped_part(seL4_Word paddr, unsigned want)
{
    unsigned bits = 0;
    seL4_Word base = 0;
    seL4_CPtr ut = device_untyped_at(paddr, &bits, &base);
    if (ut == 0) {
        printf("    no device untyped holds %lx\n", paddr);
        return 0;
    }
    while (bits > want) {
        seL4_CPtr halves = vm_slots(2);
        seL4_Error err = seL4_Untyped_Retype(ut, seL4_UntypedObject, bits - 1, ROOT_CNODE, 0, 0,
                                             halves, 2);
        if (err != seL4_NoError) {
            CHECK_OK(err);
            return 0;
        }
        bits--;
        bool upper = paddr >= base + BIT(bits);
        base += upper ? BIT(bits) : 0;
        ut = halves + upper;
    }
    return ut;
}

/* A 16 KiB device untyped that does not hold the UART (at the start of the
 * first such device untyped), and its address. */
static seL4_CPtr spare;
static seL4_Word spare_paddr;

static void find_spare(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; spare == 0 && i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        bool uart = PLAT_UART_PADDR >= d->paddr && PLAT_UART_PADDR - d->paddr < BIT(d->sizeBits);
        if (d->isDevice && !uart && d->sizeBits >= seL4_PageBits + 2) {
            spare_paddr = d->paddr;
            spare = device_untyped_part(d->paddr, seL4_PageBits + 2);
        }
    }
    TEST_CHECK(spare != 0);
}

static seL4_CPtr spare_frame(void)
{
    seL4_CPtr frame = test_slot();
    CHECK_OK(seL4_Untyped_Retype(spare, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, frame, 1));
    return frame;
}

static seL4_CPtr uart_frame;
static seL4_Word uart_va;

static void retype_types(void)
{
    find_spare();
    seL4_CPtr ut = spare;
    const seL4_Word refused[] = { seL4_TCBObject, seL4_EndpointObject, seL4_NotificationObject,
                                  seL4_CapTableObject, seL4_ARM_PageTableObject,
                                  seL4_ARM_VSpaceObject };
    const seL4_Word size[] = { 0, 0, 0, 1, 0, 0 };
    seL4_CPtr slot = test_slot();
    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        CHECK_ERR1(seL4_Untyped_Retype(ut, refused[i], size[i], ROOT_CNODE, 0, 0, slot, 1),
                   seL4_InvalidArgument, 1);
    }
    TEST_CHECK(seL4_DebugCapIdentify(slot) == CAP_NULL);
    /* Nothing was used: a frame comes from the untyped's start; so does an untyped. */
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_UntypedObject, 10, ROOT_CNODE, 0, 0, slot, 1));
    CHECK_OK(vm_revoke(ut));
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, slot, 1));
    TEST_CHECK(vm_paddr(slot) == spare_paddr);
}

static void uart_write(void)
{
    seL4_CPtr ut = device_untyped_part(PLAT_UART_PADDR, seL4_PageBits);
    TEST_CHECK(ut != 0);
    uart_frame = test_slot();
    CHECK_OK(seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, uart_frame,
                                 1));
    TEST_CHECK(vm_paddr(uart_frame) == PLAT_UART_PADDR);
    uart_va = vm_region();
    seL4_Error err = vm_map(uart_frame, ROOT_VSPACE, uart_va, seL4_ReadWrite,
                            seL4_ARM_Default_VMAttributes);
    CHECK_OK(err);
    if (err != seL4_NoError || vm_paddr(uart_frame) != PLAT_UART_PADDR) {
        return;
    }
    const volatile uint32_t *fr = (const volatile uint32_t *)(uart_va + PL011_FR);
    volatile uint32_t *dr = (volatile uint32_t *)(uart_va + PL011_DR);
    for (const char *c = UART_LINE; *c != '\0'; c++) {
        while ((*fr & PL011_FR_TXFF) != 0) {
        }
        *dr = (uint32_t)(unsigned char)*c;
    }
}

static void ipc_buffer(void)
{
    seL4_CPtr tcb = vm_object(seL4_TCBObject, 0);
    seL4_CPtr frame = spare_frame();
    seL4_Word va = vm_region();
    CHECK_OK(vm_map(frame, ROOT_VSPACE, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, va, frame), seL4_IllegalOperation);
    /* seL4's checkValidIPCBuffer: frame type, then device, then alignment. */
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, va + 8, frame), seL4_IllegalOperation);
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, uart_va, uart_frame), seL4_IllegalOperation);
    CHECK_ERR(seL4_TCB_Configure(tcb, seL4_CapNull, ROOT_CNODE, 0, ROOT_VSPACE, 0, va, frame),
              seL4_IllegalOperation);
    /* A RAM frame: misaligned is AlignmentError, aligned works. */
    seL4_Word rva = va + PAGE_SIZE;
    seL4_CPtr ram = vm_frame_at(rva);
    CHECK_ERR(seL4_TCB_SetIPCBuffer(tcb, rva + 8, ram), seL4_AlignmentError);
    CHECK_ERR(seL4_TCB_Configure(tcb, seL4_CapNull, ROOT_CNODE, 0, ROOT_VSPACE, 0, rva + 8, ram),
              seL4_AlignmentError);
    CHECK_OK(seL4_TCB_SetIPCBuffer(tcb, rva + BIT(seL4_IPCBufferSizeBits), ram));
}

static void device_mapping_works(void)
{
    /* Reading the UART's flag register through the mapping (a prober's load). */
    probe_t r = probe(PROBE_READ, uart_va + PL011_FR, 0);
    TEST_CHECK(!r.faulted && !r.timeout);
}

static void never_executable(void)
{
    /* Mapped without ExecuteNever, a device frame still cannot be executed:
     * the fetch faults before it reaches the device. */
    probe_t r = probe(PROBE_EXEC, uart_va + 0x100, 0);
    TEST_CHECK(r.faulted && r.prefetch == 1 && r.addr == uart_va + 0x100);
    TEST_CHECK(ESR_EC(r.fsr) == EC_IABT_LOWER);
}

static const test_case_t cases[] = {
    { "VMDEV0001", "device untyped: frame and untyped only, else InvalidArgument 1", retype_types },
    { "VMDEV0002", "the UART's device frame, mapped, prints a line via the PL011", uart_write },
    { "VMDEV0003", "device frame as IPC buffer: IllegalOperation; RAM misaligned: AlignmentError",
      ipc_buffer },
    { "VMDEV0004", "a device mapping can be read by a thread", device_mapping_works },
    { "VMDEV0005", "a device frame mapped executable cannot be executed", never_executable },
};

int main(void)
{
    vm_init();
    return test_run(cases, TEST_COUNT(cases));
}
