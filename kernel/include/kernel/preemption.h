/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Preemption points (DESIGN §0, §8): long operations (revoke, deleting a
 * CNode, clearing memory for retype) call preemption_point() between steps.
 * Each step leaves the kernel consistent and records its progress in the
 * objects themselves (a zombie's count, an untyped's watermark), so when an
 * interrupt is pending the operation returns EXCEPTION_PREEMPTED, the system
 * call is set to restart, and running it again continues where it stopped.
 */
#pragma once

#include <kernel/errors.h>

exception_t preemption_point(void);

/* Test images may define this to force preemption (a weak default returns
 * false); it lets the test suite exercise every restart path. */
bool preemption_test_hook(void);
