# SPDX-License-Identifier: BSD-2-Clause
"""Reading and drawing capDL snapshots (docs/capdl-snapshot.md)."""
