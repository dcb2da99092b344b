#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of the capDL visualiser (cmake/tools/capdl_view.py).

  Golden     CAPDL0001-0004: demo-virt.cdl, a snapshot of the demo taken on
             QEMU virt, reads back; each view's Graphviz source equals the
             file in golden/ (the dot text, not a rendering, so Graphviz's
             version does not matter); dot renders each to SVG; a console
             log around the snapshot reads the same.
  Malformed  CAPDL0101-...: broken inputs are refused with the number of
             the line at fault, by the reader and by the command.

After an intended change to the views: python3 cmake/tools/capdl_view.py
tests/capdl/demo-virt.cdl --dot-only -o tests/capdl/golden
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "..", "cmake", "tools")
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, TOOLS)
from capdl import reader, render  # noqa: E402  (after the path is set)

FIXTURE = os.path.join(HERE, "demo-virt.cdl")
GOLDEN = os.path.join(HERE, "golden")


def read_fixture():
    with open(FIXTURE, encoding="utf-8") as f:
        return f.read()


class Golden(unittest.TestCase):
    def setUp(self):
        self.spec = reader.parse(read_fixture())

    def test_reads_back(self):
        """CAPDL0001: the demo's snapshot reads back whole."""
        kinds = {o.type for o in self.spec.objects.values()}
        self.assertTrue({"ut", "cnode", "tcb", "ep", "notification", "frame", "pgd", "pud",
                         "pd", "pt", "asid_pool", "irq"} <= kinds)
        self.assertEqual(self.spec.arch, "aarch64")
        self.assertEqual(self.spec.objects["cnode_401c2000"].bits, 8)
        slot = self.spec.cap_at("cnode_401c2000", 2)
        self.assertEqual((slot.target, slot.rights, slot.params), ("ep_40043810", "WP",
                                                                   {"badge": 2}))
        self.assertEqual(self.spec.irqs, {33: "irq_33"})
        self.assertEqual(len(self.spec.cdt), 241)

    def test_views_match_golden(self):
        """CAPDL0002: every view's dot source is the golden one."""
        views = render.all_views(self.spec)
        self.assertEqual(sorted(views), sorted(os.listdir(GOLDEN)))
        for name, text in views.items():
            with open(os.path.join(GOLDEN, name), encoding="utf-8") as f:
                self.assertEqual(text, f.read(), f"{name} differs from golden/{name}")

    def test_dot_renders(self):
        """CAPDL0003: Graphviz's dot renders every golden view to SVG."""
        dot = shutil.which("dot")
        self.assertIsNotNone(dot, "Graphviz's dot is missing (sh cmake/install-deps.sh)")
        for name in sorted(os.listdir(GOLDEN)):
            done = subprocess.run([dot, "-Tsvg", os.path.join(GOLDEN, name)],
                                  capture_output=True, text=True, check=False)
            self.assertEqual(done.returncode, 0, f"dot on {name}: {done.stderr}")
            self.assertIn("<svg", done.stdout)

    def test_console_log(self):
        """CAPDL0004: the snapshot is cut out of a console log."""
        log = "cairn: booting\n[root] hello\n" + read_fixture() + "[root] goodbye\n"
        spec = reader.parse(log)
        self.assertEqual(sorted(spec.objects), sorted(self.spec.objects))
        self.assertEqual(spec.cdt, self.spec.cdt)


def wrap(body):
    """A snapshot around body: the begin marker is line 1, objects { line 2."""
    return reader.BEGIN + "\nobjects {\nep_1 = ep\ncnode_2 = cnode (4 bits)\n" + body + \
        reader.END + "\n"


# (description, text, line at fault, words the message must hold)
MALFORMED = [
    ("CAPDL0101 unknown object type", wrap("x = blob\n}\n"), 5, "unknown object type"),
    ("CAPDL0102 a CNode without its size", wrap("c = cnode\n}\n"), 5, "needs its size"),
    ("CAPDL0103 a frame without its size", wrap("f = frame (paddr: 0x1000)\n}\n"), 5,
     "4k, 2M or 1G"),
    ("CAPDL0104 an object declared twice", wrap("ep_1 = ep\n}\n"), 5, "declared twice"),
    ("CAPDL0105 a cap to an undeclared object",
     wrap("}\ncaps {\ncnode_2 {\n0x1: ep_9\n}\n}\n"), 8, "never declared"),
    ("CAPDL0106 unbalanced parentheses",
     wrap("}\ncaps {\ncnode_2 {\n0x1: ep_1 (RW, badge: 0x3\n}\n}\n"), 8, "'('"),
    ("CAPDL0107 a cap parameter that means nothing",
     wrap("}\ncaps {\ncnode_2 {\n0x1: ep_1 (XYZ)\n}\n}\n"), 8, "cap parameter 'XYZ'"),
    ("CAPDL0108 a slot filled twice",
     wrap("}\ncaps {\ncnode_2 {\n0x1: ep_1\n1: ep_1\n}\n}\n"), 9, "filled twice"),
    ("CAPDL0109 a derivation from an empty slot",
     wrap("}\ncaps {\ncnode_2 {\n0x1: ep_1\n}\n}\ncdt {\n(cnode_2, 0x2) { (cnode_2, 0x1) }\n}\n"),
     12, "holds no cap"),
    ("CAPDL0110 a section never closed", wrap("ep_3 = ep\n"), 6, "not closed"),
    ("CAPDL0111 a stray closing brace", wrap("}\n}\n"), 6, "closes nothing"),
    ("CAPDL0112 no end marker", reader.BEGIN + "\nobjects {\n}\n", 4, "no end marker"),
    ("CAPDL0113 an IRQ mapped to an undeclared object",
     wrap("}\nirq maps {\n33: irq_33\n}\n"), 7, "never declared"),
    ("CAPDL0114 a line in no section", wrap("}\nhello\n"), 6, "expected a section"),
    ("CAPDL0115 a slot that is not a number",
     wrap("}\ncaps {\ncnode_2 {\nzz: ep_1\n}\n}\n"), 8, "neither a slot number"),
]


class Malformed(unittest.TestCase):
    def test_reader_refuses(self):
        """CAPDL0101-0115: each broken input names its line."""
        for description, text, line, words in MALFORMED:
            with self.subTest(description):
                with self.assertRaises(reader.SpecError) as caught:
                    reader.parse(text)
                self.assertEqual(caught.exception.line, line, str(caught.exception))
                self.assertIn(words, str(caught.exception))
                self.assertTrue(str(caught.exception).startswith(f"line {line}: "))

    def test_log_line_numbers(self):
        """CAPDL0116: in a console log, lines are counted from the log's start."""
        text = "boot line 1\nboot line 2\n" + MALFORMED[0][1]
        with self.assertRaises(reader.SpecError) as caught:
            reader.parse(text)
        self.assertEqual(caught.exception.line, MALFORMED[0][2] + 2)

    def test_command_refuses(self):
        """CAPDL0117: the command exits 1, names the line, and writes nothing."""
        with tempfile.TemporaryDirectory() as work:
            bad = os.path.join(work, "bad.cdl")
            with open(bad, "w", encoding="utf-8") as f:
                f.write(MALFORMED[4][1])
            out = os.path.join(work, "out")
            done = subprocess.run([sys.executable, os.path.join(TOOLS, "capdl_view.py"), bad,
                                   "-o", out], capture_output=True, text=True, check=False)
            self.assertEqual(done.returncode, 1)
            self.assertIn("bad.cdl: line 8: 'ep_9' was never declared", done.stderr)
            self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
