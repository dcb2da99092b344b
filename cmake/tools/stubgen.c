// SPDX-License-Identifier: BSD-2-Clause
/*
 * stubgen: turns the invocation interface list (libsel-style/interface/
 * cairn.api) into two headers:
 *   invocation_labels.h  enum invocation_label, shared by kernel and user;
 *   client.h             one static inline stub per method, seL4_<Object>_<Method>.
 *
 *   stubgen cairn.api OUTPUT_DIR
 *
 * Marshalling: capability arguments (a cap type such as seL4_CNode, or any
 * type preceded by `cap`) become extra caps (seL4_SetCap); other arguments
 * one message register each; `in seL4_UserContext regs` appends `count`
 * register words; MR0-MR3 travel in registers (seL4_CallWithMRs) and are
 * copied back to the IPC buffer on an error so seL4_GetMR can read the
 * details, as libsel4 does. Results: `out seL4_UserContext regs` receives
 * `count` words of the reply; `-> (type name, ...)` makes the stub return a
 * struct seL4_<Object>_<Method>_t { error; name; ... } filled from the reply.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_METHODS 128
#define MAX_ARGS 16
#define NAME_LEN 64

typedef enum arg_kind { ARG_WORD, ARG_CAP, ARG_REGS_IN, ARG_REGS_OUT } arg_kind_t;

typedef struct arg {
    char type[NAME_LEN];
    char name[NAME_LEN];
    arg_kind_t kind;
} arg_t;

typedef struct method {
    char object[NAME_LEN];
    char name[NAME_LEN];
    arg_t args[MAX_ARGS];
    int nargs;
    arg_t results[MAX_ARGS];
    int nresults;
    int line;
} method_t;

static const char *const cap_types[] = {
    "seL4_CNode", "seL4_TCB", "seL4_Untyped", "seL4_IRQHandler", "seL4_IRQControl",
    "seL4_ARM_VSpace", "seL4_ARM_PageTable", "seL4_ARM_Page", "seL4_ARM_ASIDPool",
    "seL4_ARM_ASIDControl", "seL4_DomainSet", NULL,
};

static method_t methods[MAX_METHODS];
static int nmethods;

static void die(int line, const char *msg)
{
    fprintf(stderr, "stubgen: line %d: %s\n", line, msg);
    exit(1);
}

static bool is_cap_type(const char *type)
{
    for (int i = 0; cap_types[i] != NULL; i++) {
        if (strcmp(type, cap_types[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Copies one identifier from *p into out; returns false if none. */
static bool take_word(const char **p, char *out)
{
    while (isspace((unsigned char)**p)) {
        (*p)++;
    }
    size_t n = 0;
    while (isalnum((unsigned char)**p) || **p == '_') {
        if (n + 1 >= NAME_LEN) {
            return false;
        }
        out[n++] = *(*p)++;
    }
    out[n] = '\0';
    return n > 0;
}

static void expect_char(const char **p, char c, int line)
{
    while (isspace((unsigned char)**p)) {
        (*p)++;
    }
    if (**p != c) {
        char msg[32];
        snprintf(msg, sizeof(msg), "expected '%c'", c);
        die(line, msg);
    }
    (*p)++;
}

static void skip_space(const char **p)
{
    while (isspace((unsigned char)**p)) {
        (*p)++;
    }
}

/* Parses "( [cap|in|out] <type> <name>, ... )" into list. */
static int parse_list(const char **p, arg_t *list, int line, bool results)
{
    int n = 0;
    expect_char(p, '(', line);
    skip_space(p);
    while (**p != ')') {
        if (n == MAX_ARGS) {
            die(line, "too many arguments");
        }
        arg_t *a = &list[n++];
        if (!take_word(p, a->type)) {
            die(line, "expected a type");
        }
        a->kind = ARG_WORD;
        if (!results && strcmp(a->type, "cap") == 0) {
            a->kind = ARG_CAP;
        } else if (!results && (strcmp(a->type, "in") == 0 || strcmp(a->type, "out") == 0)) {
            a->kind = a->type[0] == 'i' ? ARG_REGS_IN : ARG_REGS_OUT;
        }
        if (a->kind != ARG_WORD && !take_word(p, a->type)) {
            die(line, "expected a type after cap/in/out");
        }
        if (!take_word(p, a->name)) {
            die(line, "expected <type> <name>");
        }
        if (a->kind == ARG_WORD && !results && is_cap_type(a->type)) {
            a->kind = ARG_CAP;
        }
        if ((a->kind == ARG_REGS_IN || a->kind == ARG_REGS_OUT) &&
            strcmp(a->type, "seL4_UserContext") != 0) {
            die(line, "in/out arguments must be seL4_UserContext");
        }
        skip_space(p);
        if (**p == ',') {
            (*p)++;
        } else if (**p != ')') {
            die(line, "expected ',' or ')'");
        }
        skip_space(p);
    }
    (*p)++;
    return n;
}

static void parse_line(const char *p, int line)
{
    if (nmethods == MAX_METHODS) {
        die(line, "too many methods");
    }
    method_t *m = &methods[nmethods++];
    m->line = line;
    if (!take_word(&p, m->object) || !take_word(&p, m->name)) {
        die(line, "expected <Object> <Method>");
    }
    m->nargs = parse_list(&p, m->args, line, false);
    skip_space(&p);
    if (p[0] == '-' && p[1] == '>') {
        p += 2;
        m->nresults = parse_list(&p, m->results, line, true);
    }
}

static void parse(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    char buf[1024];
    int line = 0;
    while (fgets(buf, sizeof(buf), f) != NULL) {
        line++;
        const char *p = buf;
        while (isspace((unsigned char)*p)) {
            p++;
        }
        if (*p != '\0' && *p != '#') {
            parse_line(p, line);
        }
    }
    fclose(f);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    fprintf(f, "/* Generated by stubgen from cairn.api: do not edit. */\n#pragma once\n\n");
    return f;
}

/* The label's name: object and method joined, with the object's own
 * underscores dropped (ARM_Page Map -> ARMPageMap), as libsel4 spells them. */
static const char *label_name(const method_t *m)
{
    static char out[2 * NAME_LEN];
    size_t n = 0;
    for (const char *c = m->object; *c != '\0' && n + 1 < sizeof(out); c++) {
        if (*c != '_') {
            out[n++] = *c;
        }
    }
    snprintf(out + n, sizeof(out) - n, "%s", m->name);
    return out;
}

static void write_labels(const char *dir)
{
    FILE *f = open_out(dir, "invocation_labels.h");
    fprintf(f, "enum invocation_label {\n    InvalidInvocation = 0,\n");
    for (int i = 0; i < nmethods; i++) {
        fprintf(f, "    %s,\n", label_name(&methods[i]));
    }
    fprintf(f, "    nInvocationLabels\n};\n");
    fclose(f);
}

static bool has_count_arg(const method_t *m)
{
    for (int i = 0; i < m->nargs; i++) {
        if (strcmp(m->args[i].name, "count") == 0 && m->args[i].kind == ARG_WORD) {
            return true;
        }
    }
    return false;
}

static void write_result_struct(FILE *f, const method_t *m)
{
    if (m->nresults == 0) {
        return;
    }
    fprintf(f, "typedef struct seL4_%s_%s {\n    int error;\n", m->object, m->name);
    for (int i = 0; i < m->nresults; i++) {
        fprintf(f, "    %s %s;\n", m->results[i].type, m->results[i].name);
    }
    fprintf(f, "} seL4_%s_%s_t;\n\n", m->object, m->name);
}

static void write_signature(FILE *f, const method_t *m)
{
    if (m->nresults > 0) {
        fprintf(f, "static inline seL4_%s_%s_t", m->object, m->name);
    } else {
        fprintf(f, "static inline seL4_Error");
    }
    fprintf(f, " seL4_%s_%s(seL4_%s _service", m->object, m->name, m->object);
    for (int i = 0; i < m->nargs; i++) {
        const arg_t *a = &m->args[i];
        bool regs = a->kind == ARG_REGS_IN || a->kind == ARG_REGS_OUT;
        fprintf(f, ", %s %s%s", a->type, regs ? "*" : "", a->name);
    }
    fprintf(f, ")\n");
}

/* Emits the argument marshalling; returns the number of fixed words. */
static int write_arguments(FILE *f, const method_t *m, bool *regs_in)
{
    int ncaps = 0;
    int word = 0;
    *regs_in = false;
    for (int i = 0; i < m->nargs; i++) {
        const arg_t *a = &m->args[i];
        if (a->kind == ARG_CAP) {
            if (ncaps == 3) {
                die(m->line, "more than seL4_MsgMaxExtraCaps capability arguments");
            }
            fprintf(f, "    seL4_SetCap(%d, %s);\n", ncaps++, a->name);
        } else if (a->kind == ARG_REGS_IN) {
            *regs_in = true;
        } else if (a->kind == ARG_WORD && strcmp(a->type, "seL4_CapRights_t") == 0) {
            fprintf(f, "    mr[%d] = %s.words[0];\n", word++, a->name);
        } else if (a->kind == ARG_WORD) {
            fprintf(f, "    mr[%d] = (seL4_Word)%s;\n", word++, a->name);
        }
    }
    return word;
}

static int count_caps(const method_t *m)
{
    int n = 0;
    for (int i = 0; i < m->nargs; i++) {
        n += m->args[i].kind == ARG_CAP;
    }
    return n;
}

static const arg_t *regs_arg(const method_t *m, arg_kind_t kind)
{
    for (int i = 0; i < m->nargs; i++) {
        if (m->args[i].kind == kind) {
            return &m->args[i];
        }
    }
    return NULL;
}

static void write_stub(FILE *f, const method_t *m)
{
    const arg_t *in = regs_arg(m, ARG_REGS_IN);
    const arg_t *out = regs_arg(m, ARG_REGS_OUT);
    if ((in != NULL || out != NULL) && !has_count_arg(m)) {
        die(m->line, "seL4_UserContext arguments need a word argument named count");
    }
    write_result_struct(f, m);
    write_signature(f, m);
    fprintf(f, "{\n");
    int fixed = 0;
    for (int i = 0; i < m->nargs; i++) {
        fixed += m->args[i].kind == ARG_WORD;
    }
    int size = fixed + (in != NULL ? 36 : 0) + (out != NULL ? 36 : 0);
    fprintf(f, "    seL4_Word mr[%d] = { 0 };\n", size < 4 ? 4 : size);
    bool regs_in;
    int words = write_arguments(f, m, &regs_in);
    fprintf(f, "    seL4_Word length = %d;\n", words);
    if (in != NULL) {
        fprintf(f, "    for (seL4_Word i = 0; i < count && i < sizeof(*%s) / sizeof(seL4_Word); i++) {\n",
                in->name);
        fprintf(f, "        mr[length++] = ((const seL4_Word *)%s)[i];\n    }\n", in->name);
    }
    if (words > 4 || in != NULL) {
        fprintf(f, "    for (seL4_Word i = 4; i < length; i++) {\n");
        fprintf(f, "        seL4_SetMR((int)i, mr[i]);\n    }\n");
    }
    fprintf(f, "    seL4_MessageInfo_t tag = seL4_MessageInfo_new(%s, 0, %d, length);\n",
            label_name(m), count_caps(m));
    fprintf(f, "    seL4_MessageInfo_t out_tag = seL4_CallWithMRs(_service, tag, &mr[0], &mr[1], "
               "&mr[2], &mr[3]);\n");
    fprintf(f, "    seL4_Error result = (seL4_Error)seL4_MessageInfo_get_label(out_tag);\n");
    fprintf(f, "    if (result != seL4_NoError) {\n");
    fprintf(f, "        for (int i = 0; i < 4; i++) {\n            seL4_SetMR(i, mr[i]);\n        }\n");
    fprintf(f, "    }\n");
    if (out != NULL) {
        fprintf(f, "    if (result == seL4_NoError) {\n");
        fprintf(f, "        for (seL4_Word i = 0; i < count && i < sizeof(*%s) / sizeof(seL4_Word); i++) {\n",
                out->name);
        fprintf(f, "            ((seL4_Word *)%s)[i] = i < 4 ? mr[i] : seL4_GetMR((int)i);\n",
                out->name);
        fprintf(f, "        }\n    }\n");
    }
    if (m->nresults > 0) {
        fprintf(f, "    seL4_%s_%s_t ret = { result", m->object, m->name);
        for (int i = 0; i < m->nresults; i++) {
            fprintf(f, ", (%s)(result == seL4_NoError ? mr[%d] : 0)", m->results[i].type, i);
        }
        fprintf(f, " };\n    return ret;\n}\n\n");
        return;
    }
    fprintf(f, "    return result;\n}\n\n");
}

static void write_client(const char *dir)
{
    FILE *f = open_out(dir, "client.h");
    fprintf(f, "#include <sel4/generated/invocation_labels.h>\n");
    fprintf(f, "#include <sel4/ipc_buffer.h>\n#include <sel4/shared_types.h>\n");
    fprintf(f, "#include <sel4/syscalls.h>\n#include <sel4/errors.h>\n");
    fprintf(f, "#include <sel4/user_context.h>\n\n");
    for (int i = 0; i < nmethods; i++) {
        write_stub(f, &methods[i]);
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: stubgen cairn.api OUTPUT_DIR\n");
        return 2;
    }
    parse(argv[1]);
    write_labels(argv[2]);
    write_client(argv[2]);
    return 0;
}
