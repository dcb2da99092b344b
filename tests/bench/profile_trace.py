#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Instructions per function from a QEMU execution trace.

Run an image with `-d in_asm,exec,nochain -D trace.log` (add -icount shift=0
for a faithful instruction count), then

    profile_trace.py trace.log KERNEL.elf ROOT.elf [MARKER [FIRST LAST]]

prints, for the stretch between the FIRST-th and LAST-th time the kernel
function MARKER starts (default fastpath_call, 20 and 180), the instructions
executed per MARKER entry in each kernel (K:) and user (U:) function. QEMU
logs each translated block's instructions once (in_asm) and each execution
(exec); nochain makes every execution appear. Development aid, not a test.
"""
import bisect
import collections
import re
import subprocess
import sys


def read_trace(path):
    """Each translation's instruction addresses, keyed by its host code
    address, and the translations executed, in order. One guest address can
    have several translations of different lengths (icount ends some blocks
    early), so the guest address alone does not tell how many ran."""
    blocks, execs, pending = {}, [], None
    with open(path) as log:
        for line in log:
            if line.startswith('IN:'):
                pending = []
                continue
            insn = re.match(r'0x([0-9a-f]+):\s+[0-9a-f]{8}\s', line)
            if insn and pending is not None:
                pending.append(int(insn.group(1), 16))
            elif line.startswith('Trace'):
                host = re.match(r'Trace \d+: (0x[0-9a-f]+)', line).group(1)
                if pending:
                    blocks[host] = pending
                pending = None
                execs.append(host)
    return blocks, execs


def symbols(elf):
    out = subprocess.run(['aarch64-linux-gnu-nm', '-n', elf], capture_output=True,
                         text=True, check=True).stdout
    return [(int(f[0], 16), f[2]) for f in (l.split() for l in out.splitlines())
            if len(f) == 3 and f[1] in 'tTwW']


def main(argv):
    trace, kernel_elf, root_elf = argv[1:4]
    marker = argv[4] if len(argv) > 4 else 'fastpath_call'
    first, last = (int(argv[5]), int(argv[6])) if len(argv) > 6 else (20, 180)
    blocks, execs = read_trace(trace)
    kernel, user = symbols(kernel_elf), symbols(root_elf)
    kaddr, uaddr = [a for a, _ in kernel], [a for a, _ in user]

    def name(pc):
        table, addrs, tag = (kernel, kaddr, 'K:') if pc >= 1 << 63 else (user, uaddr, 'U:')
        i = bisect.bisect_right(addrs, pc) - 1
        return tag + (table[i][1] if i >= 0 else '?')

    start = dict((s, a) for a, s in kernel)[marker]
    entries = [i for i, host in enumerate(execs) if blocks[host][0] == start]
    stretch = execs[entries[first]:entries[last]]
    count = collections.Counter()
    for host in stretch:
        for pc in blocks[host]:
            count[name(pc)] += 1
    runs = last - first
    print('instructions per %s: %.1f' % (marker, sum(count.values()) / runs))
    for function, n in count.most_common(25):
        print('  %-44s %7.1f' % (function, n / runs))


if __name__ == '__main__':
    main(sys.argv)
