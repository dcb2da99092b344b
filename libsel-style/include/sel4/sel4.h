/* SPDX-License-Identifier: BSD-2-Clause */
/* The one header a root task includes, as with libsel4. */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/simple_types.h>
#include <sel4/types.h>
#include <sel4/constants.h>
#include <sel4/errors.h>
#include <sel4/faults.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>
#include <sel4/message_info.h>
#include <sel4/syscall_numbers.h>
#include <sel4/bootinfo_types.h>
#include <sel4/ipc_buffer.h>
#include <sel4/syscalls.h>
#include <sel4/bootinfo.h>
#include <sel4/user_context.h>
#include <sel4/vm_attributes.h>
#include <sel4/invocation.h>
#include <sel4/received_fault.h>
#include <sel4/sched_context_types.h>
#include <sel4/domain_schedule.h>
#include <sel4/sel4_arch/deprecated.h>
