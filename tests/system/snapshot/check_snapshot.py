#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Reads the capDL snapshot in a console log with the visualiser's reader
(cmake/tools/capdl) and checks it against what the root task built.

  check_snapshot.py --system LOG   SNAPSHOT0001 (snapshot.c): every object
                                   type, with the values its SNAP: lines give
  check_snapshot.py --demo LOG     the demo's snapshot: its six processes,
                                   badged endpoint caps, the UART's IRQ
  check_snapshot.py --reads LOG    any snapshot (the fuzzer's): it reads back
  check_snapshot.py --large LOG    SNAPSHOT0002 (snapshot_large.c): a CNode
                                   of 4,096 endpoint caps, half of them badged

Prints each failed check and exits 1 if there was one.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "cmake", "tools"))
from capdl import reader, render  # noqa: E402  (after the path is set)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def objects_of(spec, kind):
    return [o for o in spec.objects.values() if o.type == kind]


def caps_naming(spec, kind):
    """(container, slot, cap) for every cap to an object of this type."""
    return [(c, s, cap) for c, slots in spec.caps.items() for s, cap in slots.items()
            if cap.target in spec.objects and spec.objects[cap.target].type == kind]


def table_entry(spec, vaddr, levels):
    """The cap in the page-table entry that maps vaddr, walking down from
    every VSpace, or None (levels: how many table levels the walk may use)."""
    for vspace in objects_of(spec, "pgd"):
        table = vspace.name
        for level in range(levels):
            index = (vaddr >> (39 - 9 * level)) & 0x1ff
            cap = spec.cap_at(table, index)
            if cap is None:
                break
            if spec.objects[cap.target].type == "frame":
                return cap
            table = cap.target
    return None


def check_system(spec, facts):
    for kind in ("ut", "cnode", "tcb", "ep", "notification", "frame", "pgd", "pud", "pd",
                 "pt", "asid_pool", "irq"):
        check(objects_of(spec, kind), f"no {kind} object")
    worker, other = spec.objects.get("tcb_snap_worker"), spec.objects.get("tcb_snap_other")
    check(worker is not None and other is not None, "the two threads are not named")
    if worker is None or other is None:
        return
    check(worker.attrs.get("prio") == 77 and other.attrs.get("prio") == 66, "priorities")
    check(worker.attrs.get("fault_ep") == int(facts["worker fault_ep"], 0), "worker fault_ep")
    check(worker.attrs.get("addr") == int(facts["worker ipc_buffer"], 0), "worker IPC buffer")
    fault = spec.cap_at(worker.name, "fault_ep_slot")
    check(fault is not None and fault.params.get("badge") == 0x66, "worker fault endpoint cap")
    bound = spec.cap_at(worker.name, "bound_notification")
    check(bound is not None and spec.objects[bound.target].type == "notification",
          "worker's bound notification")
    buffer = spec.cap_at(worker.name, "ipc_buffer_slot")
    check(buffer is not None and spec.objects[buffer.target].bits == 12, "worker IPC buffer cap")
    cspace = spec.cap_at(other.name, "cspace")
    check(cspace is not None and spec.objects[cspace.target].bits == 4 and
          cspace.params.get("guard_size") == 60, "other's CSpace: a 4-bit CNode, guard size 60")
    if cspace is not None:
        sent = spec.cap_at(cspace.target, 1)
        check(sent is not None and sent.rights == "W" and sent.params.get("badge") == 0x55,
              "the CNode's slot 1: send-only endpoint with badge 0x55")
        guarded = [cap for _, _, cap in caps_naming(spec, "cnode")
                   if cap.target == cspace.target and cap.params.get("guard") == 0x5 and
                   cap.params.get("guard_size") == 8]
        check(guarded, "a cap to the CNode with guard 0x5 of 8 bits")
    vspace = spec.cap_at(other.name, "vspace")
    check(vspace is not None and vspace.params.get("asid", (0, 0))[0] != 0,
          "other's VSpace: an ASID from the second pool")
    check(len(objects_of(spec, "asid_pool")) >= 2, "two ASID pools")
    check(table_entry(spec, int(facts["other ipc_buffer"], 0), 4) is not None,
          "other's IPC buffer mapped in its VSpace")
    check(table_entry(spec, int(facts["frame4k"], 0), 4) is not None, "the 4 KiB mapping")
    large = table_entry(spec, int(facts["frame2m"], 0), 3)
    check(large is not None and spec.objects[large.target].bits == 21, "the 2 MiB mapping")
    if facts["frame1g"] != "none":
        huge = table_entry(spec, int(facts["frame1g"], 0), 2)
        check(huge is not None and spec.objects[huge.target].bits == 30, "the 1 GiB mapping")
    mapped = {cap.target for slots in spec.caps.values() for cap in slots.values()
              if spec.objects.get(cap.target) and spec.objects[cap.target].type == "frame"
              and any(spec.objects.get(c) and spec.objects[c].type in ("pt", "pd", "pud")
                      and cap in spec.caps[c].values() for c in spec.caps)}
    unmapped = [o for o in objects_of(spec, "frame") if o.name not in mapped]
    check(unmapped, "a frame mapped nowhere")
    irq = int(facts["irq"], 0)
    check(irq in spec.irqs, f"IRQ {irq} in irq maps")
    if irq in spec.irqs:
        signal = spec.cap_at(spec.irqs[irq], 0)
        check(signal is not None and signal.params.get("badge") == 0x1, "the IRQ's notification")
    parents = render.made_from(spec)
    check(all(o.name in parents for o in objects_of(spec, "ep")),
          "every endpoint made from an untyped")
    nested = [o for o in objects_of(spec, "ut") if o.name in parents]
    check(nested, "an untyped made from an untyped")


def check_demo(spec, _facts):
    for name in ("tcb_rootserver", "tcb_server", "tcb_client_a", "tcb_client_b",
                 "tcb_faulty", "tcb_uart"):
        check(name in spec.objects, f"no {name}")
    badges = {cap.params.get("badge") for _, _, cap in caps_naming(spec, "ep")}
    check({1, 2} <= badges, "the clients' badges 1 and 2")
    check(len(spec.irqs) == 1, "one IRQ (the UART's)")
    check(len(render.all_views(spec)) == 2 + 6, "eight views")


def check_large(spec, _facts):
    full = [name for name, slots in spec.caps.items() if len(slots) == 4096]
    check(len(full) == 1, "one CNode with all 4,096 slots filled")
    if not full:
        return
    slots = spec.caps[full[0]]
    badges = sorted(slots[i].params.get("badge", 0) for i in range(2048, 4096))
    check(badges == list(range(1, 2049)), "the second half: badges 1 to 2048")
    check(len({slots[i].target for i in range(2048)}) == 2048, "2,048 distinct endpoints")
    copies = [(p, c) for p, c in spec.cdt if p[0] == full[0] and c[0] == full[0]]
    check(len(copies) == 2048 and all(c[1] == p[1] + 2048 for p, c in copies),
          "each badged copy is the child of its endpoint's cap")


def check_reads(spec, _facts):
    check(spec.objects, "no objects")


def main():
    mode, path = sys.argv[1], sys.argv[2]
    try:
        spec = reader.parse_file(path)
    except reader.SpecError as error:
        print(f"FAIL: {path}: {error}")
        return 1
    with open(path, encoding="utf-8", errors="replace") as f:
        facts = dict(re.findall(r"^SNAP: ([a-z0-9_ ]+?) (0x[0-9a-f]+|[0-9]+|none)\b", f.read(), re.M))
    {"--system": check_system, "--demo": check_demo, "--large": check_large, "--reads": check_reads}[mode](spec, facts)
    for what in failures:
        print(f"FAIL: snapshot: {what}")
    print(f"snapshot: {len(spec.objects)} objects, {len(spec.cdt)} derivations; "
          f"{len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
