// SPDX-License-Identifier: BSD-2-Clause
/*
 * Step 4: a device driver is just a process with the right caps. The root
 * carves the UART's page out of the device untyped that holds it, maps it
 * into the driver's VSpace, takes the UART's IRQ handler cap from IRQControl,
 * binds it to a notification, and gives the driver the handler and the
 * notification. Nothing else in the system can touch the UART's receive
 * side. DEMO_UART_IRQ is the board's INTID for the UART (set by CMake).
 */
#include <plat_config.h>

#include "demo.h"

static rs_process_t driver;
static demo_object_t irq_ntfn;
static seL4_CPtr uart_frame, uart_ut; /* the device page and its untyped */
static seL4_CPtr irq_handler;
static seL4_CPtr irq_badged; /* the handler signals this badged copy of irq_ntfn */

static bool take_uart(void)
{
    seL4_Error err = rs_ut_device_frame(&demo_env.ut, PLAT_UART_PADDR, &uart_frame, &uart_ut);
    if (err != seL4_NoError) {
        printf("[root] FAIL: no device frame for the UART: error %d\n", (int)err);
        uart_frame = 0;
        return false;
    }
    /* A signal with badge 0 would leave the driver's Poll nothing to see. */
    irq_badged = rs_slots_alloc(&demo_env.slots);
    err = seL4_CNode_Mint(seL4_CapInitThreadCNode, irq_badged, seL4_WordBits,
                          seL4_CapInitThreadCNode, irq_ntfn.cap, seL4_WordBits, seL4_AllRights,
                          UART_IRQ_BADGE);
    irq_handler = rs_slots_alloc(&demo_env.slots);
    if (err == seL4_NoError) {
        err = seL4_IRQControl_Get(seL4_CapIRQControl, DEMO_UART_IRQ, seL4_CapInitThreadCNode,
                                  irq_handler, seL4_WordBits);
    }
    if (err == seL4_NoError) {
        err = seL4_IRQHandler_SetNotification(irq_handler, irq_badged);
    }
    if (err != seL4_NoError) {
        printf("[root] FAIL: IRQ handler for interrupt %d: error %d\n", DEMO_UART_IRQ, (int)err);
        return false;
    }
    return true;
}

static bool spawn_driver(void)
{
    if (!demo_object_new(&irq_ntfn, seL4_NotificationObject, "the IRQ notification") ||
        !take_uart() || !demo_spawn(&driver, "uart", "uart", PRIO_UART, 0, REPORT_UART)) {
        return false;
    }
    seL4_Error err = rs_vspace_map(&driver.mapper, uart_frame, seL4_PageBits, UART_VADDR, seL4_ReadWrite,
                                   seL4_ARM_ExecuteNever); /* not cacheable: device memory */
    if (err != seL4_NoError) {
        printf("[root] FAIL: mapping the UART into the driver: error %d\n", (int)err);
        return false;
    }
    return demo_give(&driver, SLOT_IRQ_HANDLER, irq_handler, seL4_AllRights, 0) &&
           demo_give(&driver, SLOT_IRQ_NTFN, irq_ntfn.cap, seL4_CanRead, 0);
}

bool demo_uart_run(void)
{
    printf("\n[root] step 4: a user-level UART driver, with the UART's registers and interrupt\n");
    if (!spawn_driver()) {
        return false;
    }
    printf("[root] gave the driver the UART page (0x%llx) at 0x%lx and interrupt %d\n",
           PLAT_UART_PADDR, UART_VADDR, DEMO_UART_IRQ);
    if (!demo_start(&driver) || !demo_expect(LABEL_DONE, REPORT_UART)) {
        return false;
    }
    printf("[root] the driver received %lu characters\n", seL4_GetMR(0));
    return true;
}

void demo_uart_end(void)
{
    demo_teardown(&driver);
    if (irq_handler != 0) {
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, irq_handler, seL4_WordBits);
        rs_slots_free(&demo_env.slots, irq_handler);
        irq_handler = 0;
    }
    if (irq_badged != 0) {
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, irq_badged, seL4_WordBits);
        rs_slots_free(&demo_env.slots, irq_badged);
        irq_badged = 0;
    }
    if (uart_frame != 0) {
        (void)rs_ut_free(&demo_env.ut, uart_ut); /* deletes the frame cap too */
        rs_slots_free(&demo_env.slots, uart_frame);
        uart_frame = 0;
    }
    demo_object_free(&irq_ntfn);
}
