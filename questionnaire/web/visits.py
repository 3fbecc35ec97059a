"""A client's visits in time order, for their page: each intake, its follow-ups, its plan
versions and its notes, every one with its time; and each complaint's severity over the visits
(the intake's rating, then each follow-up's), for the chart (chart.py) and its table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Visit:
    """One thing that happened: an intake, a follow-up, a plan version or a note."""

    at: str  # ISO time
    kind: str  # intake, follow_up, plan, note
    intake: int  # the intake it belongs to
    number: int | None = None  # the follow-up's number or the plan's version
    text: str | None = None  # a note's text


def visits(intakes: list, plans: dict[int, list[dict]], follow_ups: dict[int, list[dict]]) -> list[Visit]:
    """Everything of these intakes in time order, the oldest first."""
    found = []
    for intake in intakes:
        found.append(Visit(intake.created_at, "intake", intake.number))
        found += [Visit(f["created_at"], "follow_up", intake.number, f["number"]) for f in follow_ups.get(intake.number, [])]
        found += [Visit(p["created_at"], "plan", intake.number, p["version"]) for p in plans.get(intake.number, [])]
        found += [Visit(n["created_at"] or "", "note", intake.number, text=n["text"]) for n in intake.notes]
    return sorted(found, key=lambda v: v.at)


@dataclass(frozen=True)
class Course:
    """One complaint's severity (0-10) at each visit that rated it: [(ISO date, severity)]."""

    complaint: str
    points: tuple[tuple[str, int], ...]


def courses(intakes: list, follow_ups: dict[int, list[dict]]) -> list[Course]:
    """Each complaint rated at least once, with its ratings over the visits in time order."""
    ratings: dict[str, list[tuple[str, int]]] = {}
    for intake in intakes:
        rated: list[tuple[str, Any]] = [(intake.created_at, intake.severities or {})]
        rated += [(f["created_at"], f.get("severities") or {}) for f in follow_ups.get(intake.number, [])]
        for at, severities in rated:
            for complaint, value in severities.items():
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
                    ratings.setdefault(complaint, []).append((at, value))
    return [Course(c, tuple((at[:10], v) for at, v in sorted(points, key=lambda p: p[0]))) for c, points in ratings.items()]
