"""The client's rights in the store (AVG/GDPR): one client's intakes, how recent each record
is, and the practice's retention period.

A mixin of IntakeStore (intakes.py). The store has no table of clients: a client is the name
given at the intake. So one client's intakes are those with the same name (any case, any
spacing), and never those that merely contain it: erasing "Jan" must not erase "Jansen". Given a
number, it is that intake's client (an intake without a name is only itself). Retention only
lists: what to erase, the practitioner decides (`magnesium client erase`), nothing goes silently.
"""
from __future__ import annotations

from datetime import date
from typing import Any

RETENTION = "retention_years"  # the setting's name in the table `settings`


def same_client(name: str | None) -> str:
    """A name as compared: any case, spaces and line breaks as one space."""
    return " ".join((name or "").split()).casefold()


class Clients:
    """The client methods of IntakeStore (see the module's docstring)."""

    def client_intakes(self: Any, who: str) -> list:
        """Every intake of one client, oldest first: by name, or by the number of one of them
        (bad input when that number is not stored; an empty list when no name matches)."""
        if who.isdigit():
            intake = self.get(int(who), broken_too=True)
            if not same_client(intake.client):
                return [intake]
            who = intake.client
        wanted = same_client(who)
        return [self.get(i.number, broken_too=True) for i in self.list_intakes() if same_client(i.client) == wanted]

    def last_activity(self: Any) -> dict[int, str]:
        """Per intake, the date (YYYY-MM-DD) of the last thing kept about it: the intake, its
        review, a note, a plan or a follow-up (the start of a retention period)."""
        latest: dict[int, str] = {}
        queries = ("SELECT number, created_at FROM intake", "SELECT number, reviewed_at FROM intake",
                   "SELECT intake, MAX(created_at) FROM notes GROUP BY intake",
                   "SELECT intake, MAX(created_at) FROM plans GROUP BY intake",
                   "SELECT intake, MAX(created_at) FROM follow_ups GROUP BY intake")
        for sql in queries:
            for number, at in self._rows(5, sql):
                if isinstance(at, str) and at[:10] > latest.get(number, ""):
                    latest[number] = at[:10]
        return latest

    def older_than(self: Any, years: int, today: date) -> list[tuple[Any, str]]:
        """The intakes whose last activity is more than `years` years before `today`, with that
        date, oldest first: to be reviewed (kept longer, or erased), never erased here."""
        try:
            cutoff = today.replace(year=today.year - years).isoformat()
        except ValueError:  # 29 February, in a year without one
            cutoff = today.replace(year=today.year - years, day=28).isoformat()
        latest = self.last_activity()
        found = [(i, latest.get(i.number, i.created_at[:10])) for i in self.list_intakes()]
        return sorted(((i, at) for i, at in found if at < cutoff), key=lambda pair: pair[1])

    def setting(self: Any, name: str) -> str | None:
        rows = self._rows(6, "SELECT value FROM settings WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def set_setting(self: Any, name: str, value: str) -> None:
        """Keep a practice setting (shared by every desk of the store), with its audit event."""
        with self.engine.write():
            self.engine.execute("DELETE FROM settings WHERE name = ?", (name,))
            self.engine.execute("INSERT INTO settings (name, value) VALUES (?, ?)", (name, value))
            self._record(f"setting.{name}")
