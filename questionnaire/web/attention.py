"""What needs the practitioner's attention first, for the workspace's list: an intake whose
advice is blocked (kidney problems: nothing until a doctor has looked), one where a doctor must
look first, a follow-up that is due, one not yet reviewed; the rest after them, newest first.

The same facts as `magnesium review`'s list (the intake's advice, the latest follow-up's), read
from the store's rows; the order is the workspace's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

BLOCKED, DOCTOR_FIRST, FOLLOW_UP_DUE, NEW = "blocked", "doctor_first", "follow_up_due", "new"
ORDER = (BLOCKED, DOCTOR_FIRST, FOLLOW_UP_DUE, NEW)


@dataclass(frozen=True)
class Row:
    """One intake in the list, with the reasons it needs attention (most urgent first)."""

    intake: Any  # StoredIntake
    reasons: tuple[str, ...]

    @property
    def rank(self) -> int:
        return ORDER.index(self.reasons[0]) if self.reasons else len(ORDER)


def reasons(intake: Any, latest: tuple[int, bool | None] | None, today: date) -> tuple[str, ...]:
    """Why an intake needs attention; `latest` is its latest follow-up (number, blocked)."""
    found = []
    advice = intake.advice or {}
    if (latest is not None and latest[1]) or (latest is None and intake.blocked):
        found.append(BLOCKED)
    elif advice.get("doctor_first"):
        found.append(DOCTOR_FIRST)
    if intake.follow_up and intake.follow_up[:10] <= today.isoformat():
        found.append(FOLLOW_UP_DUE)
    if intake.status == "new":
        found.append(NEW)
    return tuple(found)


def ordered(intakes: list, latest: dict[int, tuple[int, bool | None]], today: date) -> list[Row]:
    """The list, what needs attention first; within each kind the newest first."""
    rows = [Row(i, reasons(i, latest.get(i.number), today)) for i in intakes]
    return sorted(sorted(rows, key=lambda r: r.intake.number, reverse=True), key=lambda r: r.rank)
