"""Clinical rules of Dala Kiosk: units, NEWS2, IMCI and plausibility checks.

Pure functions over numbers, standard library only, no I/O. Every fact comes from
``reference/clinical.md``; each module cites its section. Tables marked "kiosk policy" there
are the project's own choices and change only together with their tests.

- :mod:`kiosk.clinical.units`: conversions and display rounding (§5).
- :mod:`kiosk.clinical.news2`: the NEWS2 early warning score for adults (§1).
- :mod:`kiosk.clinical.imci`: WHO IMCI danger signs and fast breathing for under-fives (§2).
- :mod:`kiosk.clinical.plausibility`: implausible values and unit confusion (§3, §4).
"""

from __future__ import annotations

import enum


class Priority(enum.StrEnum):
    """The consult priority a clinical rule asks for (§1.2, §2), lowest first."""

    ROUTINE = "routine"
    URGENT = "urgent"
    STAT = "stat"

    @property
    def rank(self) -> int:
        return list(Priority).index(self)
