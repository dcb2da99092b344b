#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Builds seL4's test suite for Cairn the way an seL4 user builds it for seL4:
# the project layout of seL4's repo manifest, with Cairn's seL4 interface
# (cmake/sel4-compat) as the `kernel` directory, configured by sel4test's own
# settings.cmake and CMakeLists.txt, unedited.
#
#   build_sel4test.sh SEL4TEST_DIR NANOPB_DIR WORK_DIR PLATFORM [cmake -D...]
#
# SEL4TEST_DIR holds the unpacked archives (as compile_check.sh takes them);
# NANOPB_DIR a nanopb source tree (libsel4rpc's message code; Debian's
# source package, which cmake/install-deps.sh unpacks). PLATFORM is seL4's
# name: qemu-arm-virt or rpi4. The image lands in
# WORK_DIR/build/images/sel4test-driver-image-arm-<platform>.
# Exits 77 (skipped) when SEL4TEST_DIR is empty.
set -eu

SKIPPED=77
src_dir=${1-}
nanopb=${2-}
work=${3:?work directory}
platform=${4:?platform}
shift 4
here=$(cd "$(dirname "$0")" && pwd)
cairn=$(cd "$here/../.." && pwd)

if [ -z "$src_dir" ]; then
    echo "sel4test NOT BUILT: CAIRN_SEL4TEST_DIR is empty."
    echo "Configure with -DCAIRN_SEL4TEST_DIR=<dir with the unpacked sel4test archives>."
    exit $SKIPPED
fi
if [ ! -f "$nanopb/pb_decode.c" ]; then
    echo "sel4test: no nanopb sources in '$nanopb' (sh cmake/install-deps.sh unpacks them)" >&2
    exit 1
fi

repo_path() {
    if [ -d "$src_dir/$1/$1" ]; then
        echo "$src_dir/$1/$1"
    elif [ -d "$src_dir/$1" ]; then
        echo "$src_dir/$1"
    else
        echo "sel4test: $src_dir lacks $1" >&2
        exit 1
    fi
}

# --- The manifest's layout -------------------------------------------------
# Projects are real copies: sel4test's settings.cmake finds the project root
# two levels above itself without resolving links, and musllibc's build
# copies its tree with `cp -a`. The tools are links into the archives.
mkdir -p "$work"
work=$(cd "$work" && pwd)
root="$work/project"
rm -rf "$root"
mkdir -p "$root/projects" "$root/tools"
ln -s "$cairn/cmake/sel4-compat" "$root/kernel"
ln -s "$(repo_path seL4_tools)" "$root/tools/seL4"
ln -s "$(cd "$nanopb" && pwd)" "$root/tools/nanopb"
for repo in sel4test seL4_libs util_libs sel4runtime musllibc sel4_projects_libs; do
    cp -RpH "$(repo_path $repo)" "$root/projects/$repo"
done

# --- Host tools -------------------------------------------------------------
# nanopb's generator needs Debian's python3 with its protobuf module, which a
# python3 earlier on PATH (pyenv, a venv) may lack.
PATH="/usr/bin:$PATH"
export PATH

# --- Configure and build, as seL4's init-build.sh does ------------------------
build="$work/build"
mkdir -p "$build"
cd "$build"
if [ ! -f CMakeCache.txt ]; then
    cmake -G Ninja -DPLATFORM="$platform" -DAARCH64=1 -DSIMULATION=TRUE "$@" \
        -C "$root/projects/sel4test/settings.cmake" "$root/projects/sel4test" >configure.log 2>&1 ||
        { tail -n 40 configure.log; echo "sel4test: configure failed ($build/configure.log)" >&2; exit 1; }
fi
ninja >build.log 2>&1 ||
    { grep -B2 -A12 -m5 'error' build.log | head -n 80; echo "sel4test: build failed ($build/build.log)" >&2; exit 1; }
ls "$build"/images/sel4test-driver-image-*
