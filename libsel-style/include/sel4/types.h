/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The user API's types as libsel4's <sel4/types.h> offers them: the word
 * types plus message info, rights, cap data and the IPC buffer. Code that
 * includes only this header (seL4_libs' libsel4debug, for one) relies on
 * all of them being visible.
 */
#pragma once

#include <sel4/macros.h>
#include <sel4/basic_types.h>
#include <sel4/message_info.h>
#include <sel4/shared_types.h>
#include <sel4/ipc_buffer.h>
