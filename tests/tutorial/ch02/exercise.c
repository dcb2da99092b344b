// SPDX-License-Identifier: BSD-2-Clause
/*
 * Chapter 2 exercise: untyped memory and retype. Fill in the four EXERCISE
 * blocks (docs/tutorial/02-untyped.md), then
 *   cmake --build --preset qemu-virt --target tutorial-02         (boot it)
 *   cmake --build --preset qemu-virt --target tutorial-02-check   (check it)
 */
#include "chapter.h"

seL4_CPtr ch02_find_untyped(const seL4_BootInfo *bi, unsigned min_bits)
{
    /* EXERCISE 2.1: bi->untyped is the slot range of the untyped caps;
     * bi->untypedList[i] describes the one in slot bi->untyped.start + i
     * (sizeBits, isDevice, paddr). Return the first RAM untyped with
     * sizeBits >= min_bits. */
    (void)bi;
    (void)min_bits;
    return seL4_CapNull;
}

seL4_Error ch02_make_child(seL4_CPtr parent, seL4_CPtr dest)
{
    /* EXERCISE 2.2: seL4_Untyped_Retype(parent, type, size_bits, root,
     * node_index, node_depth, node_offset, num_objects). Make one
     * seL4_UntypedObject of CH02_CHILD_BITS. The destination slots are
     * named from a CNode: root seL4_CapInitThreadCNode with index 0 and
     * depth 0 means "the root CNode itself", and node_offset is the slot. */
    (void)parent;
    (void)dest;
    return seL4_IllegalOperation;
}

seL4_Error ch02_make_endpoints(seL4_CPtr child, seL4_CPtr first)
{
    /* EXERCISE 2.3: one retype of `child` into CH02_ENDPOINTS
     * seL4_EndpointObject objects (their size is fixed: size_bits 0). */
    (void)child;
    (void)first;
    return seL4_IllegalOperation;
}

seL4_Word ch02_fill_with_frames(seL4_CPtr child, seL4_CPtr first)
{
    /* EXERCISE 2.4: make seL4_ARM_SmallPageObject frames from `child`
     * until it has no room left. Either work out how many fit (the
     * endpoints used the start of the 16 KiB, and every object is aligned
     * to its own size) or retype one at a time until the kernel says
     * seL4_NotEnoughMemory. */
    (void)child;
    (void)first;
    return 0;
}
