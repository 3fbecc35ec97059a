"""The follow-ups of the intake store: each a row beside its intake (table `follow_ups`, schema 5).

A mixin of IntakeStore (intakes.py), kept apart so each file stays readable: it uses the store's
engine, guards and write transaction, and is never used on its own. A follow-up is plain
data (its answers, severities, plan taken, side effects, the advice and its rule-base version);
a damaged row is one clear line, as a damaged intake is.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from ..common.clock import now

_FOLLOW_UP_COLUMNS = ("number", "created_at", "lang", "answers", "severities", "plan_taken", "plan_version",
                      "side_effects", "advice", "rulebase_version")
_FOLLOW_UP_JSON = ("answers", "severities", "side_effects", "advice")
DEFAULT_FOLLOW_UP_DAYS = 30


def follow_up_date(created: date, advice: dict) -> date:
    """The next follow-up: the day plus the longest duration in the advice, or 30 days."""
    days = [r["duration_days"] for r in advice.get("recommendations", []) if r.get("duration_days")]
    return created + timedelta(days=max(days, default=DEFAULT_FOLLOW_UP_DAYS))


class FollowUps:
    """The follow-up methods of IntakeStore (see the module's docstring)."""

    def save_follow_up(self: Any, number: int, follow_up: dict) -> int:
        """Keep a follow-up of an intake ({lang, answers, severities, plan_taken, plan_version,
        side_effects, advice}); returns its number (1, 2, ... per intake). In the same
        transaction the intake is new again (there are answers to review) and its next
        follow-up is counted from today with the new advice: all of it, or nothing."""
        made = now()
        row = {**follow_up, "created_at": made.isoformat(),
               "rulebase_version": follow_up["advice"]["rulebase_version"]}
        row.update({column: json.dumps(row[column], ensure_ascii=False) for column in _FOLLOW_UP_JSON})
        with self.engine.write():
            self._must_exist(number)  # and lock its row: two desks never take one number
            row["number"] = self._one("SELECT COALESCE(MAX(number), 0) + 1 FROM follow_ups WHERE intake = ?",
                                      (number,))[0]
            self._keep_rulebase(row["rulebase_version"])
            names = ", ".join(("intake", *_FOLLOW_UP_COLUMNS))
            marks = ", ".join("?" for _ in ("intake", *_FOLLOW_UP_COLUMNS))
            self.engine.execute(f"INSERT INTO follow_ups ({names}) VALUES ({marks})",
                                (number, *(row[column] for column in _FOLLOW_UP_COLUMNS)))
            self.engine.execute("UPDATE intake SET status = 'new', reviewed_at = NULL, follow_up = ? WHERE number = ?",
                                (follow_up_date(made.date(), follow_up["advice"]).isoformat(), number))
            self._record("follow_up.saved", number)
        return row["number"]

    def follow_ups(self: Any, number: int) -> list[dict]:
        """Every follow-up of an intake, oldest first, as plain data (the JSON export's shape)."""
        rows = self._rows(5, f"SELECT {', '.join(_FOLLOW_UP_COLUMNS)} FROM follow_ups WHERE intake = ? ORDER BY number",
                          (number,))
        return [self._follow_up(number, dict(zip(_FOLLOW_UP_COLUMNS, row))) for row in rows]

    def _follow_up(self: Any, number: int, row: dict) -> dict:
        """One follow-up with its JSON read; a damaged one is one clear line (exit 2), as an intake's."""
        for column in _FOLLOW_UP_JSON:
            try:
                row[column] = json.loads(row[column])
            except (TypeError, ValueError, RecursionError):
                raise self._unreadable(number, f"follow_ups.{column}") from None
        if not isinstance(row["created_at"], str) or not is_time(row["created_at"]):
            raise self._unreadable(number, "follow_ups.created_at")
        return row

    def latest_follow_ups(self: Any) -> dict[int, tuple[int, bool | None]]:
        """Per intake with a follow-up, for the list: the latest one's number and whether its
        advice is blocked (None when its advice cannot be read)."""
        rows = self._rows(5, "SELECT intake, number, advice FROM follow_ups ORDER BY intake, number")
        return {intake: (number, _blocked(advice)) for intake, number, advice in rows}  # the latest wins


def is_time(text: str) -> bool:
    """Whether a stored time reads back as one (the commands show and compare them; a damaged
    one is the row's clear line, not a traceback later)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _blocked(advice: str) -> bool | None:
    try:
        return json.loads(advice)["blocked"] is True
    except (TypeError, ValueError, KeyError, RecursionError):
        return None
