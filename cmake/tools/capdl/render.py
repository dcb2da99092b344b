# SPDX-License-Identifier: BSD-2-Clause
"""Graphviz views of a Spec (capdl.reader): each function returns the text
of one dot graph. The output depends only on the Spec, in a fixed order,
so that tests can compare it with golden files.

  protection_domain(spec, tcb)  one thread: its TCB and every CNode of its
                                CSpace as a table of slots
  object_graph(spec)            which thread reaches which endpoint,
                                notification, IRQ, thread or frame
  derivation_tree(spec)         which untyped each object was made from
"""
from html import escape

# The kinds of object the object graph shows a thread reaching.
REACHABLE = {"ep", "notification", "irq", "tcb", "frame"}
# Beyond this many frames of one owner, a view draws one node for them all.
FRAME_GROUP = 6
COLOURS = {"tcb": "#f4c27a", "cnode": "#cfe2f3", "ep": "#b6d7a8", "notification": "#d9c2e9",
           "frame": "#eeeeee", "ut": "#fff2cc", "irq": "#f4cccc"}
HEADER = ('  graph [fontname="Helvetica", fontsize=11, labelloc=t];\n'
          '  node [fontname="Helvetica", fontsize=10];\n'
          '  edge [fontname="Helvetica", fontsize=9];\n')


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slot_text(slot):
    return f"0x{slot:x}" if isinstance(slot, int) else slot


def slot_order(slot):
    return (0, slot, "") if isinstance(slot, int) else (1, 0, slot)


def describe(spec, cap):
    """Type, and the rights and numbers a cap carries, for a table row."""
    obj = spec.objects.get(cap.target)
    kind = obj.type if obj else cap.target
    extra = [cap.rights] if cap.rights else []
    for key in ("badge", "guard", "guard_size"):
        if key in cap.params:
            value = cap.params[key]
            extra.append(f"{key} {value:#x}" if key != "guard_size" else f"{key} {value}")
    extra += [key for key in ("reply", "master_reply") if key in cap.params]
    if "asid" in cap.params:
        extra.append("asid ({:#x}, {:#x})".format(*cap.params["asid"]))
    return kind, ", ".join(extra)


def cnode_table(spec, name):
    obj = spec.objects[name]
    rows = [f'<TR><TD COLSPAN="4" BGCOLOR="{COLOURS["cnode"]}" PORT="head">'
            f"<B>{escape(name)}</B> ({obj.bits} bits)</TD></TR>",
            "<TR><TD>slot</TD><TD>object</TD><TD>type</TD><TD>rights, badge, guard</TD></TR>"]
    for slot in sorted(spec.caps.get(name, {}), key=slot_order):
        cap = spec.caps[name][slot]
        kind, extra = describe(spec, cap)
        rows.append(f'<TR><TD PORT="s{slot_text(slot)}">{slot_text(slot)}</TD>'
                    f'<TD ALIGN="LEFT">{escape(cap.target)}</TD><TD>{escape(kind)}</TD>'
                    f"<TD>{escape(extra)}</TD></TR>")
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">'
    return f"  {quote(name)} [shape=plaintext, label=<{table}{''.join(rows)}</TABLE>>];\n"


def tcb_table(spec, tcb):
    obj = spec.objects[tcb]
    rows = [f'<TR><TD COLSPAN="2" BGCOLOR="{COLOURS["tcb"]}"><B>{escape(tcb)}</B></TD></TR>']
    for key in ("prio", "max_prio", "dom", "addr", "fault_ep"):
        if key in obj.attrs:
            value = obj.attrs[key]
            shown = f"{value:#x}" if key in ("addr", "fault_ep") else str(value)
            label = {"addr": "IPC buffer at", "fault_ep": "fault endpoint cptr"}.get(key, key)
            rows.append(f"<TR><TD>{label}</TD><TD>{shown}</TD></TR>")
    for slot in sorted(spec.caps.get(tcb, {}), key=slot_order):
        cap = spec.caps[tcb][slot]
        kind, extra = describe(spec, cap)
        text = escape(cap.target + (f" ({extra})" if extra else ""))
        rows.append(f'<TR><TD>{escape(slot_text(slot))}</TD><TD PORT="{slot}">{text}</TD></TR>')
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">'
    return f"  {quote(tcb)} [shape=plaintext, label=<{table}{''.join(rows)}</TABLE>>];\n"


def cspace_cnodes(spec, tcb):
    """The CNodes of a thread's CSpace: its root and every CNode a cap in
    one of them names, each once, in the order first met (guards and depths
    are not followed: this is what the caps could reach)."""
    root = spec.cap_at(tcb, "cspace")
    if root is None or root.target not in spec.objects:
        return []
    seen, queue = [root.target], [root.target]
    while queue:
        cnode = queue.pop(0)
        for slot in sorted(spec.caps.get(cnode, {}), key=slot_order):
            target = spec.caps[cnode][slot].target
            obj = spec.objects.get(target)
            if obj is not None and obj.type == "cnode" and target not in seen:
                seen.append(target)
                queue.append(target)
    return seen


def protection_domain(spec, tcb):
    out = [f"digraph {quote('pd_' + tcb)} {{\n", HEADER,
           f'  graph [rankdir=LR, label={quote("protection domain of " + tcb)}];\n',
           tcb_table(spec, tcb)]
    cnodes = cspace_cnodes(spec, tcb)
    for cnode in cnodes:
        out.append(cnode_table(spec, cnode))
    if cnodes:
        out.append(f'  {quote(tcb)}:cspace -> {quote(cnodes[0])}:head;\n')
    for cnode in cnodes:
        for slot in sorted(spec.caps.get(cnode, {}), key=slot_order):
            target = spec.caps[cnode][slot].target
            if target in cnodes:
                out.append(f"  {quote(cnode)}:s{slot_text(slot)} -> {quote(target)}:head;\n")
    out.append("}\n")
    return "".join(out)


def threads(spec):
    return sorted(name for name, obj in spec.objects.items() if obj.type == "tcb")


def reach(spec, tcb):
    """{object: [labels]} for everything the thread's CSpace names, plus
    its TCB-slot links (IPC buffer, bound notification)."""
    found = {}
    for cnode in cspace_cnodes(spec, tcb):
        for slot in sorted(spec.caps.get(cnode, {}), key=slot_order):
            cap = spec.caps[cnode][slot]
            obj = spec.objects.get(cap.target)
            if obj is not None and obj.type in REACHABLE and cap.target != tcb:
                kind, extra = describe(spec, cap)
                found.setdefault(cap.target, []).append(extra)
    for slot in ("ipc_buffer_slot", "bound_notification", "fault_ep_slot"):
        cap = spec.cap_at(tcb, slot)
        if cap is not None and cap.target in spec.objects:
            found.setdefault(cap.target, []).append(slot.replace("_slot", ""))
    return found


def node(spec, name):
    kind = spec.objects[name].type
    shape = {"tcb": "box", "ep": "ellipse", "notification": "diamond",
             "irq": "octagon", "frame": "note"}.get(kind, "box")
    return (f"  {quote(name)} [shape={shape}, style=filled, "
            f'fillcolor="{COLOURS.get(kind, "#ffffff")}", label={quote(name + chr(10) + kind)}];\n')


def edge_label(labels):
    shown = sorted(set(label for label in labels if label))
    return "; ".join(shown[:3]) + ("; ..." if len(shown) > 3 else "")


def object_graph(spec):
    out = [f"digraph {quote('objects')} {{\n", HEADER,
           '  graph [rankdir=LR, label="who can reach what: each thread and the objects its '
           'caps name"];\n']
    nodes, edges = [], []
    for tcb in threads(spec):
        nodes.append(tcb)
        found = reach(spec, tcb)
        frames = sorted(n for n in found if spec.objects[n].type == "frame")
        for target in sorted(found):
            if spec.objects[target].type == "frame" and len(frames) > FRAME_GROUP:
                continue
            nodes.append(target)
            edges.append(f"  {quote(tcb)} -> {quote(target)} "
                         f"[label={quote(edge_label(found[target]))}];\n")
        if len(frames) > FRAME_GROUP:
            group = f"{tcb}_frames"
            out.append(f"  {quote(group)} [shape=note, style=filled, fillcolor="
                       f'"{COLOURS["frame"]}", label={quote(f"{len(frames)} frames")}];\n')
            edges.append(f"  {quote(tcb)} -> {quote(group)};\n")
    for name in sorted(set(nodes)):
        out.append(node(spec, name))
    out += edges
    out.append("}\n")
    return "".join(out)


def made_from(spec):
    """{object: untyped} from the cdt: the untyped whose cap is the parent
    of a cap to the object."""
    parent = {}
    for (p_node, p_slot), (c_node, c_slot) in spec.cdt:
        p_cap = spec.cap_at(p_node, p_slot)
        c_cap = spec.cap_at(c_node, c_slot)
        p_obj = spec.objects.get(p_cap.target)
        if (p_obj is not None and p_obj.type == "ut" and c_cap.target in spec.objects
                and c_cap.target != p_cap.target):
            parent.setdefault(c_cap.target, p_cap.target)
    return parent


def size_text(obj):
    if obj.bits == 0:
        return obj.type
    units = [(30, "G"), (20, "M"), (10, "K")]
    for shift, unit in units:
        if obj.bits >= shift:
            return f"{obj.type}, {1 << (obj.bits - shift)} {unit}iB"
    return f"{obj.type}, {1 << obj.bits} B"


def derivation_tree(spec):
    parent = made_from(spec)
    children = {}
    for child, ut in parent.items():
        children.setdefault(ut, []).append(child)
    out = [f"digraph {quote('derivation')} {{\n", HEADER,
           '  graph [rankdir=LR, label="where objects came from: each untyped and what was '
           'retyped out of it"];\n']
    shown = sorted(set(parent) | set(parent.values()))
    edges = []
    for ut in sorted(children):
        kids = sorted(children[ut])
        frames = [k for k in kids if spec.objects[k].type == "frame" and k not in children]
        if len(frames) > FRAME_GROUP:
            group = f"{ut}_frames"
            out.append(f"  {quote(group)} [shape=note, style=filled, fillcolor="
                       f'"{COLOURS["frame"]}", label={quote(f"{len(frames)} frames")}];\n')
            edges.append(f"  {quote(ut)} -> {quote(group)};\n")
            shown = [n for n in shown if n not in frames]
            kids = [k for k in kids if k not in frames]
        edges += [f"  {quote(ut)} -> {quote(kid)};\n" for kid in kids]
    for name in shown:
        obj = spec.objects[name]
        out.append(f"  {quote(name)} [shape=box, style=filled, "
                   f'fillcolor="{COLOURS.get(obj.type, "#ffffff")}", '
                   f"label={quote(name + chr(10) + size_text(obj))}];\n")
    out += edges
    out.append("}\n")
    return "".join(out)


def all_views(spec):
    """{file name: dot text} for every view."""
    views = {"objects.dot": object_graph(spec), "derivation.dot": derivation_tree(spec)}
    for tcb in threads(spec):
        views[f"pd_{tcb}.dot"] = protection_domain(spec, tcb)
    return views
