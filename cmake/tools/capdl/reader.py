# SPDX-License-Identifier: BSD-2-Clause
"""The capDL reader: turns the subset of capDL that Cairn's
seL4_DebugSnapshot prints (docs/capdl-snapshot.md) into a Spec.

The subset is line-oriented: one declaration, slot, IRQ or derivation per
line, sections opened by "objects {", "caps {", "irq maps {", "cdt {" and
closed by "}". Comments start with "--". Anything else is refused with a
SpecError naming the line, and so is a reference to an object that was
never declared or a derivation between slots that hold nothing.

Given a console log, the reader takes the text between the first pair of
marker lines; line numbers in errors are those of the log.
"""
import re
from dataclasses import dataclass, field

BEGIN = "--- capDL snapshot begin ---"
END = "--- capDL snapshot end ---"

# capDL object types this reader knows, with what their declaration needs.
OBJECT_TYPES = {
    "ut": "bits", "cnode": "bits", "tcb": None, "ep": None, "notification": None,
    "frame": "size", "pgd": None, "pud": None, "pd": None, "pt": None,
    "asid_pool": None, "irq": None,
}
FRAME_SIZES = {"4k": 12, "2M": 21, "1G": 30}
# Caps that name something without memory of its own.
PSEUDO_OBJECTS = {"irq_control", "asid_control", "domain"}
TCB_SLOTS = ["cspace", "vspace", "ipc_buffer_slot", "reply_slot", "caller_slot",
             "fault_ep_slot", "bound_notification"]

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
NUMBER = r"(?:0x[0-9a-fA-F]+|[0-9]+)"
SLOT = rf"(?:{NUMBER}|{NAME})"


class SpecError(Exception):
    """A malformed snapshot: the message names the line."""

    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Object:
    name: str
    type: str
    attrs: dict
    line: int
    bits: int = 0  # size: ut and cnode from "(N bits)", frames from 4k/2M/1G


@dataclass
class Cap:
    target: str  # an object's name, or a pseudo-object
    rights: str = ""
    params: dict = field(default_factory=dict)
    line: int = 0


@dataclass
class Spec:
    arch: str = ""
    objects: dict = field(default_factory=dict)  # name -> Object, in order
    caps: dict = field(default_factory=dict)     # container -> {slot: Cap}
    irqs: dict = field(default_factory=dict)     # number -> irq object name
    cdt: list = field(default_factory=list)      # ((container, slot), (container, slot))

    def cap_at(self, container, slot):
        return self.caps.get(container, {}).get(slot)


def parse_number(text, line):
    try:
        return int(text, 0)
    except ValueError:
        raise SpecError(line, f"'{text}' is not a number") from None


def parse_slot(text, line):
    if re.fullmatch(NUMBER, text):
        return int(text, 0)
    if text in TCB_SLOTS:
        return text
    raise SpecError(line, f"'{text}' is neither a slot number nor a TCB slot name")


def check_parentheses(text, line):
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise SpecError(line, "a ')' without its '('")
    if depth > 0:
        raise SpecError(line, "a '(' without its ')'")


def split_items(text, line):
    """Splits "a, b: (1, 2), c" at the commas outside parentheses."""
    items, depth, current = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise SpecError(line, "a ')' without its '('")
        if ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += ch
    if depth != 0:
        raise SpecError(line, "a '(' without its ')'")
    items.append(current.strip())
    if any(item == "" for item in items):
        raise SpecError(line, "an empty item in a list")
    return items


def parse_object(text, line):
    check_parentheses(text, line)
    m = re.fullmatch(rf"({NAME})\s*=\s*({NAME})\s*(?:\((.*)\))?", text)
    if not m:
        raise SpecError(line, f"expected 'name = type (attributes)', found '{text}'")
    name, kind, attr_text = m.groups()
    if kind not in OBJECT_TYPES:
        raise SpecError(line, f"unknown object type '{kind}'")
    obj = Object(name, kind, {}, line)
    for item in split_items(attr_text, line) if attr_text is not None else []:
        bits = re.fullmatch(r"([0-9]+) bits", item)
        pair = re.fullmatch(rf"({NAME}):\s*({NUMBER})", item)
        if bits:
            obj.bits = int(bits.group(1))
        elif item in FRAME_SIZES:
            obj.bits = FRAME_SIZES[item]
        elif pair:
            obj.attrs[pair.group(1)] = parse_number(pair.group(2), line)
        else:
            raise SpecError(line, f"cannot read the attribute '{item}'")
    need = OBJECT_TYPES[kind]
    if need == "bits" and obj.bits == 0:
        raise SpecError(line, f"a {kind} needs its size: '(N bits)'")
    if need == "size" and obj.bits == 0:
        raise SpecError(line, "a frame needs its size: 4k, 2M or 1G")
    return obj


def parse_cap(text, line):
    check_parentheses(text, line)
    m = re.fullmatch(rf"({NAME})\s*(?:\((.*)\))?", text)
    if not m:
        raise SpecError(line, f"expected 'object (parameters)', found '{text}'")
    cap = Cap(m.group(1), line=line)
    for item in split_items(m.group(2), line) if m.group(2) is not None else []:
        pair = re.fullmatch(rf"({NAME}):\s*(.+)", item)
        if re.fullmatch(r"[RWGP]+", item):
            cap.rights = item
        elif item in ("reply", "master_reply"):
            cap.params[item] = True
        elif pair and pair.group(1) == "asid":
            asid = re.fullmatch(rf"\(\s*({NUMBER})\s*,\s*({NUMBER})\s*\)", pair.group(2))
            if not asid:
                raise SpecError(line, "an ASID is written '(pool, index)'")
            cap.params["asid"] = (int(asid.group(1), 0), int(asid.group(2), 0))
        elif pair and re.fullmatch(NUMBER, pair.group(2)):
            cap.params[pair.group(1)] = int(pair.group(2), 0)
        else:
            raise SpecError(line, f"cannot read the cap parameter '{item}'")
    return cap


class Reader:
    def __init__(self):
        self.spec = Spec()
        self.section = None    # "objects", "caps", "irqs", "cdt" or None
        self.container = None  # the object whose caps are being read
        self.seen = set()      # sections already read

    def open_section(self, name, line):
        if name in self.seen:
            raise SpecError(line, f"a second '{name}' section")
        self.seen.add(name)
        self.section = name

    def top_level(self, text, line):
        m = re.fullmatch(rf"arch\s+({NAME})", text)
        sections = {"objects {": "objects", "caps {": "caps", "irq maps {": "irqs",
                    "cdt {": "cdt"}
        if m:
            self.spec.arch = m.group(1)
        elif text in sections:
            self.open_section(sections[text], line)
        else:
            raise SpecError(line, f"expected a section ('objects {{', 'caps {{', ...), "
                                  f"found '{text}'")

    def declared(self, name, line):
        if name not in self.spec.objects and name not in PSEUDO_OBJECTS:
            raise SpecError(line, f"'{name}' was never declared in 'objects'")

    def objects_line(self, text, line):
        obj = parse_object(text, line)
        if obj.name in self.spec.objects:
            first = self.spec.objects[obj.name].line
            raise SpecError(line, f"'{obj.name}' is declared twice (first on line {first})")
        self.spec.objects[obj.name] = obj

    def caps_line(self, text, line):
        if self.container is None:
            m = re.fullmatch(rf"({NAME})\s*{{", text)
            if not m:
                raise SpecError(line, f"expected 'object {{', found '{text}'")
            self.declared(m.group(1), line)
            if m.group(1) in self.spec.caps:
                raise SpecError(line, f"the caps of '{m.group(1)}' are listed twice")
            self.container = m.group(1)
            self.spec.caps[self.container] = {}
            return
        m = re.fullmatch(rf"({SLOT}):\s*(.*)", text)
        if not m:
            raise SpecError(line, f"expected 'slot: object', found '{text}'")
        slot = parse_slot(m.group(1), line)
        cap = parse_cap(m.group(2), line)
        self.declared(cap.target, line)
        slots = self.spec.caps[self.container]
        if slot in slots:
            raise SpecError(line, f"slot {m.group(1)} of '{self.container}' is filled twice")
        slots[slot] = cap

    def irqs_line(self, text, line):
        m = re.fullmatch(rf"({NUMBER}):\s*({NAME})", text)
        if not m:
            raise SpecError(line, f"expected 'number: irq object', found '{text}'")
        self.declared(m.group(2), line)
        self.spec.irqs[int(m.group(1), 0)] = m.group(2)

    def cdt_line(self, text, line):
        ref = rf"\(\s*({NAME})\s*,\s*({SLOT})\s*\)"
        m = re.fullmatch(rf"{ref}\s*{{\s*{ref}\s*}}", text)
        if not m:
            raise SpecError(line, f"expected '(object, slot) {{ (object, slot) }}', found '{text}'")
        ends = []
        for name, slot_text in (m.group(1, 2), m.group(3, 4)):
            slot = parse_slot(slot_text, line)
            if self.spec.cap_at(name, slot) is None:
                raise SpecError(line, f"slot ({name}, {slot_text}) holds no cap")
            ends.append((name, slot))
        self.spec.cdt.append(tuple(ends))

    def feed(self, text, line):
        text = text.split("--", 1)[0].strip()
        if not text:
            return
        if text == "}":
            if self.section == "caps" and self.container is not None:
                self.container = None
            elif self.section is not None:
                self.section = None
            else:
                raise SpecError(line, "a '}' that closes nothing")
            return
        handlers = {None: self.top_level, "objects": self.objects_line,
                    "caps": self.caps_line, "irqs": self.irqs_line, "cdt": self.cdt_line}
        handlers[self.section](text, line)

    def finish(self, line):
        if self.section is not None:
            raise SpecError(line, f"the '{self.section}' section is not closed")
        if "objects" not in self.seen:
            raise SpecError(line, "no 'objects' section")
        return self.spec


def snapshot_lines(text):
    """The numbered lines to read: those between the first pair of markers
    if there are markers, else every line."""
    lines = [(n, s.rstrip("\r")) for n, s in enumerate(text.split("\n"), start=1)]
    begins = [n for n, s in lines if s.strip() == BEGIN]
    if not begins:
        if any(s.strip() == END for _, s in lines):
            raise SpecError(next(n for n, s in lines if s.strip() == END),
                            "an end marker without a begin marker")
        return lines
    start = begins[0]
    for n, s in lines[start:]:
        if s.strip() == END:
            return lines[start:n - 1]
        if s.strip() == BEGIN:
            raise SpecError(n, "a second begin marker before the end marker")
    raise SpecError(len(lines), f"the snapshot that begins on line {start} has no end marker")


def parse(text):
    reader = Reader()
    lines = snapshot_lines(text)
    for n, s in lines:
        reader.feed(s, n)
    return reader.finish(lines[-1][0] + 1 if lines else 1)


def parse_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse(f.read())
