/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Invocation labels and the seL4_<Object>_<Method> stubs, generated at build
 * time from libsel-style/interface/cairn.api (golden copies of the output
 * are checked in under libsel-style/interface/golden/ and a test keeps them
 * equal).
 */
#pragma once

#include <sel4/vm_attributes.h>
#include <sel4/generated/client.h>
