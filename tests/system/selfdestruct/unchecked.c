// SPDX-License-Identifier: BSD-2-Clause
/*
 * CHECKER: kernel side, linked only into the self_destruct_unchecked image.
 * Puts back issue 16's bug (TCB installs without checking that their source
 * and the TCB are still there), so that the image can show the invariant
 * checker reporting the states that bug made.
 */
#include <object/invocation.h>

bool tcb_test_unchecked_installs(void)
{
    return true;
}
