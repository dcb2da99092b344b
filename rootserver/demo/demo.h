/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo root task's parts: main.c tells the story in order and checks
 * the memory, spawn.c holds the helpers every step uses, and each step_*.c
 * builds, runs and tears down its own processes. Every kernel object the
 * root makes comes from an untyped of its own or from a process's arena, so
 * giving them all back returns the free RAM to its starting figure.
 */
#pragma once

#include <rootserver/debug_print.h>
#include <rootserver/env.h>
#include <rootserver/process.h>
#include <sel4/sel4.h>
#include <stdbool.h>

#include "programs/protocol.h"

#define PRIO_SERVER 150
#define PRIO_UART 120
#define PRIO_CLIENT 100

/* A kernel object in an untyped of its own (rs_ut_alloc_object). */
typedef struct demo_object {
    seL4_CPtr cap;
    seL4_CPtr ut;
} demo_object_t;

extern rs_env_t demo_env;
/* The endpoint every program reports on (and faulty faults on), badged per program. */
extern demo_object_t demo_report;

bool demo_object_new(demo_object_t *o, seL4_Word type, const char *what);
void demo_object_free(demo_object_t *o);

/* Builds a process from the archive member `program` (it does not run yet),
 * names its thread `name` in the kernel's messages and gives it its report
 * endpoint, badged report_badge, in SLOT_REPORT. */
bool demo_spawn(rs_process_t *p, const char *program, const char *name, seL4_Word priority,
                seL4_Word arg, seL4_Word report_badge);
bool demo_give(rs_process_t *p, seL4_Word slot, seL4_CPtr cap, seL4_CapRights_t rights,
               seL4_Word badge);
bool demo_start(rs_process_t *p);

/* Waits on the report endpoint: the label, with the sender's badge in *badge. */
seL4_Word demo_wait(seL4_Word *badge);
/* Waits for `label` from `badge`; false (and says what came) otherwise. */
bool demo_expect(seL4_Word label, seL4_Word badge);

void demo_teardown(rs_process_t *p);

/* The steps, each true if it went as planned; *_end tears a step's
 * processes down (and frees what it made), whatever happened. */
bool demo_badges_run(void);
bool demo_pass_run(void);
void demo_badges_end(void);
bool demo_fault_run(void);
void demo_fault_end(void);
bool demo_uart_run(void);
void demo_uart_end(void);
