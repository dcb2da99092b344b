#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Compiles (syntax only) every user-level source of seL4's sel4test build
# (sources.txt) against libsel-style instead of libsel4, unmodified, with
# the include directories and flags seL4's build gives them.
#
#   compile_check.sh SEL4TEST_DIR WORK_DIR LIBSEL_INCLUDE GENERATED_INCLUDE [JOBS]
#
# SEL4TEST_DIR holds the unpacked archives: sel4test, seL4_libs, util_libs,
# sel4runtime, musllibc, sel4_projects_libs, seL4_tools (each either the
# repository itself or a folder holding it under the same name), and
# optionally nanopb (or $NANOPB_DIR names a nanopb tree). Empty: the check is
# not run and exits 77 (skipped).
# WORK_DIR receives musl's installed headers, the libraries' configuration
# headers and one log per source. The compilers are $CC and $CXX
# (default aarch64-linux-gnu-gcc / -g++).
#
# Beyond seL4's own flags, implicit declarations and incompatible pointer
# types are errors: in C they would otherwise let a missing or mistyped
# libsel4 name through to link time.
set -u

SKIPPED=77
src_dir=${1-}
work=${2:?work directory}
libsel_include=${3:?libsel-style include directory}
generated_include=${4:?generated include directory}
jobs=${5:-2}
CC=${CC:-aarch64-linux-gnu-gcc}
CXX=${CXX:-aarch64-linux-gnu-g++}
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "$src_dir" ]; then
    echo "sel4test compile check NOT RUN: CAIRN_SEL4TEST_DIR is empty."
    echo "Configure with -DCAIRN_SEL4TEST_DIR=<dir with the unpacked sel4test archives>."
    exit $SKIPPED
fi

# --- Where each archive's repository is -----------------------------------
repo_path() {
    if [ -d "$src_dir/$1/$1" ]; then
        echo "$src_dir/$1/$1"
    elif [ -d "$src_dir/$1" ]; then
        echo "$src_dir/$1"
    fi
}
missing=""
for repo in sel4test seL4_libs util_libs sel4runtime musllibc sel4_projects_libs seL4_tools; do
    [ -n "$(repo_path $repo)" ] || missing="$missing $repo"
done
if [ -n "$missing" ]; then
    echo "sel4test compile check: $src_dir lacks:$missing" >&2
    exit 1
fi
S=$(repo_path sel4test)
L=$(repo_path seL4_libs)
U=$(repo_path util_libs)
R=$(repo_path sel4runtime)
P=$(repo_path sel4_projects_libs)
M=$(repo_path musllibc)
N=${NANOPB_DIR:-$(repo_path nanopb)}

for tool in "$CC" "$CXX"; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "sel4test compile check: $tool not found" >&2; exit 1; }
done
mkdir -p "$work" || exit 1
work=$(cd "$work" && pwd)

# --- musl's headers, installed once into the work directory ---------------
# The stamp names the musllibc tree they came from.
musl_stage="$work/musl/stage"
if [ ! -f "$musl_stage/include/stdio.h" ] || [ "$(cat "$work/musl/source" 2>/dev/null)" != "$M" ]; then
    rm -rf "$work/musl" && mkdir -p "$work/musl/build"
    if ! (cd "$work/musl/build" &&
          CC="$CC" CROSS_COMPILE="" "$M/configure" --target=aarch64 --prefix="$musl_stage" \
              --disable-shared --with-malloc=oldmalloc &&
          make install-headers) >"$work/musl/install.log" 2>&1; then
        echo "sel4test compile check: installing musl's headers failed:" >&2
        tail -n 20 "$work/musl/install.log" >&2
        exit 1
    fi
    echo "$M" >"$work/musl/source"
fi

# --- The libraries' configuration headers ---------------------------------
# seL4's build makes these with add_config_library from each library's
# options; the values are those of the reference configuration.
config="$work/gen_config"
write_config() { # <library> <defines...>
    mkdir -p "$config/$1"
    lib=$1
    shift
    {
        echo "/* Written by tests/sel4test/compile_check.sh: $lib's settings. */"
        echo "#pragma once"
        for define in "$@"; do
            echo "#define $define"
        done
    } >"$config/$lib/gen_config.h"
}
write_config sel4test-driver "CONFIG_SIMULATION 1"
write_config sel4test 'CONFIG_TESTPRINTER_REGEX ".*"'
write_config utils "CONFIG_LIB_UTILS_DEFAULT_ZF_LOG_LEVEL 5"
write_config platsupport
write_config sel4platsupport "CONFIG_LIB_SEL4_PLAT_SUPPORT_USE_SEL4_DEBUG_PUTCHAR 1" \
    "CONFIG_LIB_SEL4_PLAT_SUPPORT_SEL4_START 1"
write_config sel4muslcsys "CONFIG_LIB_SEL4_MUSLC_SYS_MORECORE_BYTES 1048576" \
    "CONFIG_LIB_SEL4_MUSLC_SYS_DEBUG_HALT 1" \
    "CONFIG_LIB_SEL4_MUSLC_SYS_CONSTRUCTOR_PRIORITY MUSLCSYS_WITH_VSYSCALL_PRIORITY + 10"
write_config sel4runtime "CONFIG_SEL4RUNTIME_ROOT_STACK 16384" "CONFIG_SEL4RUNTIME_STATIC_TLS 16384"
write_config sel4utils "CONFIG_SEL4UTILS_STACK_SIZE 65536" "CONFIG_SEL4UTILS_CSPACE_SIZE_BITS 12"
write_config sel4vka "CONFIG_LIB_SEL4_VKA_DEBUG_LIVE_SLOTS_SZ 0" "CONFIG_LIB_SEL4_VKA_DEBUG_LIVE_OBJS_SZ 0"
write_config sel4debug "CONFIG_LIBSEL4DEBUG_ALLOC_BUFFER_ENTRIES 0" \
    "CONFIG_LIBSEL4DEBUG_FUNCTION_INSTRUMENTATION_NONE 1"
write_config sel4serialserver "CONFIG_SERIAL_SERVER_COLOURED_OUTPUT 1"

# --- nanopb: its headers, and rpc.pb.[ch] from libsel4rpc's rpc.proto -----
# Optional: nanopb is not among the archives (cmake/install-deps.sh unpacks
# Debian's). Without it the sources that need it are listed as not checked.
generated="$work/generated"
mkdir -p "$generated"
nanopb_missing=""
if [ -z "$N" ] || [ ! -f "$N/pb.h" ]; then
    nanopb_missing="no nanopb source tree (SEL4TEST_DIR/nanopb with pb.h)"
else
    if [ ! -f "$generated/rpc.pb.h" ] || [ -n "$(find "$P/libsel4rpc/rpc.proto" -newer "$generated/rpc.pb.h")" ]; then
        if command -v nanopb_generator >/dev/null 2>&1; then
            generate="nanopb_generator"
        else
            # Debian's python3, with its protobuf module (a pyenv or venv
            # python3 earlier on PATH may lack it).
            generate="/usr/bin/python3 $N/generator/nanopb_generator.py"
        fi
        if ! (cd "$P/libsel4rpc" && $generate -D "$generated" rpc.proto) \
            >"$generated/generate.log" 2>&1; then
            rm -f "$generated/rpc.pb.h" "$generated/rpc.pb.c"
            nanopb_missing="nanopb's generator failed (see $generated/generate.log)"
        fi
    fi
fi

# --- Include directories and flags ----------------------------------------
# Every library's public directories, as seL4's targets export them; a
# source sees more of them than its own target would, which can only hide
# a missing library header, never a missing libsel4 name.
lib_includes="
$R/include $R/include/mode/64 $R/include/arch/arm $R/include/sel4_arch/aarch64
$L/libsel4allocman/include $L/libsel4allocman/sel4_arch/aarch64 $L/libsel4allocman/arch/arm
$L/libsel4vka/include $L/libsel4vka/sel4_arch_include/aarch64 $L/libsel4vka/arch_include/arm
$U/libutils/include $U/libutils/arch_include/arm
$L/libsel4debug/include $L/libsel4debug/arch_include/arm $L/libsel4debug/sel4_arch_include/aarch64
$L/libsel4utils/include $L/libsel4utils/sel4_arch_include/aarch64 $L/libsel4utils/arch_include/arm
$L/libsel4vspace/include $L/libsel4vspace/arch_include/arm
$L/libsel4simple/include $L/libsel4simple/arch_include/arm
$L/libsel4platsupport/include $L/libsel4platsupport/arch_include/arm
$L/libsel4platsupport/plat_include/qemu-arm-virt
$U/libplatsupport/include $U/libplatsupport/plat_include/qemu-arm-virt
$U/libplatsupport/sel4_arch_include/aarch64 $U/libplatsupport/arch_include/arm
$U/libfdt/include $U/libfdt
$L/libsel4simple-default/include $U/libelf/include $U/libcpio/include
$P/libsel4rpc/include $P/libsel4nanopb/include
$L/libsel4test/include $L/libsel4sync/include $L/libsel4muslcsys/include
$S/libsel4testsupport/include $L/libsel4serialserver/include
$generated $config"
[ -n "$nanopb_missing" ] || lib_includes="$lib_includes $N"

common_flags="-march=armv8-a -D__KERNEL_64__ -nostdinc -fno-pic -fno-pie -fno-stack-protector
-fno-asynchronous-unwind-tables -ftls-model=local-exec -mstrict-align -mno-outline-atomics
-isystem $musl_stage/include -I$libsel_include -I$generated_include"
for dir in $lib_includes; do
    common_flags="$common_flags -I$dir"
done

c_errors="-Werror=implicit-function-declaration -Werror=incompatible-pointer-types"

# Extra flags of a group (sources.txt), before the common ones.
group_flags() {
    case $1 in
        driver) echo "-I$S/apps/sel4test-driver/include -Werror" ;;
        tests) echo "-I$S/apps/sel4test-tests/include -I$S/apps/sel4test-tests/arch/arm
                     -I$S/apps/sel4test-tests/sel4_arch/aarch64" ;;
        runtime) echo "-I$R/src -I$R/src/mode/64 -I$R/src/arch/arm -I$R/src/sel4_arch/aarch64" ;;
        muslcsys) echo "-D_XOPEN_SOURCE=700 -DMUSLC_HIGHEST_SYSCALL=452" ;;
        *) echo "" ;;
    esac
}

# --- Compile --------------------------------------------------------------
logs="$work/logs"
rm -rf "$logs" && mkdir -p "$logs"
jobs_file="$work/jobs"
: >"$jobs_file"
not_checked=""
total=0
index=0
while read -r group needs path; do
    case $group in ''|'#'*) continue ;; esac
    total=$((total + 1))
    if [ "$needs" = nanopb ] && [ -n "$nanopb_missing" ]; then
        not_checked="$not_checked $path"
        continue
    fi
    case $path in
        nanopb/*) file="$N/${path#nanopb/}" ;;
        generated/*) file="$generated/${path#generated/}" ;;
        *) repo=${path%%/*}; file="$(repo_path "$repo")/${path#*/}" ;;
    esac
    case $path in
        *.cxx) cmd="$CXX -nostdinc++ -fsyntax-only" ;;
        *.S) cmd="$CC -E -o /dev/null" ;; # assembly: its includes and conditionals
        *) cmd="$CC -std=gnu11 -fsyntax-only $c_errors" ;;
    esac
    index=$((index + 1))
    # One line per job: log name, source path (for the report), command.
    # Unquoted, so that the shell folds the flags' line breaks into spaces
    # (xargs -L would take a line ending in a blank as continued).
    # shellcheck disable=SC2046,SC2086
    echo $index $path $cmd $(group_flags "$group") $common_flags $file >>"$jobs_file"
done <"$here/sources.txt"

# shellcheck disable=SC2016
xargs -P "$jobs" -L 1 sh -c '
    log="$0"; path="$1"; shift
    "$@" >"'"$logs"'/$log.log" 2>&1
    echo "$? $path" >"'"$logs"'/$log.rc"
' <"$jobs_file"

failed=""
ok=0
for rc_file in "$logs"/*.rc; do
    [ -f "$rc_file" ] || continue
    read -r rc path <"$rc_file"
    if [ "$rc" -eq 0 ]; then
        ok=$((ok + 1))
    else
        failed="$failed $path"
        echo "--- $path does not compile:"
        grep -E 'error|fatal' "${rc_file%.rc}.log" | head -n 5
    fi
done

checked=$((total - $(echo "$not_checked" | wc -w)))
echo "sel4test compile check: $ok of $checked checked sources compile ($total in the build)"
if [ -n "$not_checked" ]; then
    echo "Not checked ($nanopb_missing):"
    for path in $not_checked; do echo "  $path"; done
fi
if [ -n "$failed" ]; then
    echo "Do not compile:"
    for path in $failed; do echo "  $path"; done
    exit 1
fi
[ "$ok" -eq "$checked" ] || { echo "sel4test compile check: some jobs did not report" >&2; exit 1; }
exit 0
