// SPDX-License-Identifier: BSD-2-Clause
/* Helpers for the IRQ test images (irq_util.h). */
#include "irq_util.h"

#include <plat_config.h>

seL4_Word irq_lines(void)
{
    seL4_CPtr slot = test_slot();
    seL4_Error err = seL4_IRQControl_Get(seL4_CapIRQControl, ~0UL, ROOT_CNODE, slot,
                                         seL4_WordBits);
    return err == seL4_RangeError ? seL4_GetMR(1) + 1 : 0;
}

seL4_CPtr irq_get(seL4_Word irq, seL4_Error *err)
{
    seL4_CPtr slot = test_slot();
    seL4_Error e = seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT_CNODE, slot, seL4_WordBits);
    if (err != seL4_Null) {
        *err = e;
    }
    return e == seL4_NoError ? slot : 0;
}

bool irq_is_free(seL4_Word irq)
{
    static seL4_CPtr scratch;
    if (scratch == 0) {
        scratch = test_slot();
    }
    seL4_Error err = seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT_CNODE, scratch,
                                         seL4_WordBits);
    if (err != seL4_NoError) {
        return false;
    }
    return seL4_CNode_Delete(ROOT_CNODE, scratch, seL4_WordBits) == seL4_NoError;
}

/* The device untyped that holds the UART's page, cut down to that page. */
static seL4_CPtr uart_untyped(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        seL4_Word base = d->paddr;
        if (d->isDevice && PLAT_UART_PADDR >= base &&
            PLAT_UART_PADDR - base < BIT(d->sizeBits)) {
            seL4_CPtr ut = bi->untyped.start + i;
            /* Frames are taken from the untyped in address order: skip the
             * pages below the UART's. */
            for (seL4_Word skip = (PLAT_UART_PADDR - base) >> seL4_PageBits; skip > 0; skip--) {
                (void)retype(ut, seL4_ARM_SmallPageObject, 0, test_slot(), 1);
            }
            return ut;
        }
    }
    return 0;
}

volatile uint32_t *uart_map(void)
{
    static volatile uint32_t *mapped;
    if (mapped != NULL) {
        return mapped;
    }
    seL4_CPtr ut = uart_untyped();
    seL4_CPtr frame = test_slot();
    if (ut == 0 || retype(ut, seL4_ARM_SmallPageObject, 0, frame, 1) != seL4_NoError) {
        printf("    uart_map: no device frame for the UART\n");
        return NULL;
    }
    /* Page tables down to level 3 at UART_VADDR: the kernel places each
     * at the first level that has none, and answers DeleteFirst once every
     * level has one (the root task's image may already share the upper ones). */
    for (int level = 1; level <= 3; level++) {
        seL4_CPtr pt = threads_object(seL4_ARM_PageTableObject);
        seL4_Error err = seL4_ARM_PageTable_Map(pt, seL4_CapInitThreadVSpace, UART_VADDR,
                                                seL4_ARM_Default_VMAttributes);
        if (err == seL4_DeleteFirst) {
            break;
        }
        if (err != seL4_NoError) {
            printf("    uart_map: page table %d: error %d\n", level, (int)err);
            return NULL;
        }
    }
    seL4_Error err = seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, UART_VADDR,
                                       seL4_ReadWrite, seL4_ARM_ExecuteNever);
    if (err != seL4_NoError) {
        printf("    uart_map: frame: error %d\n", (int)err);
        return NULL;
    }
    mapped = (volatile uint32_t *)UART_VADDR;
    return mapped;
}

bool ntfn_wait_ms(seL4_CPtr ntfn, unsigned ms, seL4_Word *badge)
{
    uint64_t deadline = threads_now_ms() + ms;
    do {
        seL4_Word got = 0;
        seL4_Poll(ntfn, &got);
        if (got != 0) {
            if (badge != seL4_Null) {
                *badge = got;
            }
            return true;
        }
    } while (threads_now_ms() < deadline);
    return false;
}

void uart_raise_tx(volatile uint32_t *uart)
{
    uart[UART_IMSC] = UART_INT_TX;
    while (uart[UART_FR] & UART_FR_TXFF) {
    }
    uart[UART_DR] = '\n';
}

void uart_quiet(volatile uint32_t *uart)
{
    uart[UART_IMSC] = 0;
    uart[UART_ICR] = UART_INT_ALL;
}
