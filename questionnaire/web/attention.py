"""What needs the practitioner's attention first, for the workspace's lists: an intake whose
advice is blocked (kidney problems: nothing until a doctor has looked), a follow-up that names
signs of too much magnesium, one where a doctor must look first, a letter to the GP without an
answer in the plan yet, a follow-up that is due, one not yet reviewed; the rest after them,
newest first.

The same facts as `magnesium review`'s list (the intake's advice, the latest follow-up's), read
from the store's rows (Facts); the order is the workspace's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

BLOCKED, TOO_MUCH, DOCTOR_FIRST, LETTER = "blocked", "too_much", "doctor_first", "letter_unanswered"
FOLLOW_UP_DUE, NEW = "follow_up_due", "new"
ORDER = (BLOCKED, TOO_MUCH, DOCTOR_FIRST, LETTER, FOLLOW_UP_DUE, NEW)


@dataclass(frozen=True)
class Facts:
    """What the store says beside the intakes: the latest follow-up (number, blocked), its signs
    of too much, the intakes whose letter to the GP waits for an answer."""

    latest: dict[int, tuple[int, bool | None]]
    side_effects: dict[int, list[str]]
    letters: set[int]
    today: date


def facts(kept: Any, today: date) -> Facts:
    return Facts(kept.latest_follow_ups(), kept.latest_side_effects(), kept.unanswered_letters(), today)


@dataclass(frozen=True)
class Row:
    """One intake in the list, with the reasons it needs attention (most urgent first)."""

    intake: Any  # StoredIntake
    reasons: tuple[str, ...]

    @property
    def rank(self) -> int:
        return ORDER.index(self.reasons[0]) if self.reasons else len(ORDER)


def reasons(intake: Any, known: Facts) -> tuple[str, ...]:
    """Why an intake needs attention, most urgent first."""
    found = []
    advice, latest = intake.advice or {}, known.latest.get(intake.number)
    if (latest is not None and latest[1]) or (latest is None and intake.blocked):
        found.append(BLOCKED)
    if known.side_effects.get(intake.number):
        found.append(TOO_MUCH)
    if BLOCKED not in found and advice.get("doctor_first"):
        found.append(DOCTOR_FIRST)
    if intake.number in known.letters:
        found.append(LETTER)
    if intake.follow_up and intake.follow_up[:10] <= known.today.isoformat():
        found.append(FOLLOW_UP_DUE)
    if intake.status == "new":
        found.append(NEW)
    return tuple(found)


def ordered(intakes: list, known: Facts) -> list[Row]:
    """The list, what needs attention first; within each kind the newest first."""
    rows = [Row(i, reasons(i, known)) for i in intakes]
    return sorted(sorted(rows, key=lambda r: r.intake.number, reverse=True), key=lambda r: r.rank)


@dataclass(frozen=True)
class ClientRow:
    """One client in the list: the reasons of all their intakes (most urgent first), the last
    visit and the next follow-up."""

    client: Any  # ClientRecord
    reasons: tuple[str, ...]
    last_visit: str | None
    next_follow_up: str | None

    @property
    def rank(self) -> int:
        return ORDER.index(self.reasons[0]) if self.reasons else len(ORDER)


def by_client(clients: list, rows: list[Row], links: dict[int, int | None]) -> tuple[list[ClientRow], list[Row]]:
    """The clients, what needs attention first (then by name), and the intakes linked to nobody."""
    mine: dict[int, list[Row]] = {c.number: [] for c in clients}
    unlinked = []
    for row in rows:
        client = links.get(row.intake.number)
        (mine[client] if client in mine else unlinked).append(row)
    found = []
    for client in clients:
        theirs = mine[client.number]
        reasons = tuple(r for r in ORDER if any(r in row.reasons for row in theirs))
        visits = [row.intake.created_at[:10] for row in theirs]
        dates = [row.intake.follow_up[:10] for row in theirs if row.intake.follow_up]
        found.append(ClientRow(client, reasons, max(visits, default=None), min(dates, default=None)))
    return sorted(found, key=lambda r: r.rank), unlinked
