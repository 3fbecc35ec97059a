"""The store's intakes: each saved intake with its notes and plans (follow-ups: follow_ups.py, the
audit trail: audit.py, the web intake's client codes: invites.py, the practitioners' accounts:
users.py), in SQL that both engines run (engines.py says where they differ).

Each save is one transaction: an intake killed mid-save leaves the store as it was, and two desks
saving at once both land. A damaged row (an edit by hand, a damaged file) is one clear line
naming the intake and column, and never stops that intake from being erased.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from engine.errors import BadInput

from ..common.clock import now
from .audit import Audit, os_user
from .clients import Clients
from .follow_ups import FollowUps, follow_up_date, is_time
from .invites import Invites
from .users import Users
from .schema import SCHEMA_VERSION
from .words import StoreProblem


_COLUMNS = ("number", "created_at", "client", "lang", "answers", "advice", "rulebase_version",
            "accepted_at", "status", "note", "reviewed_at", "follow_up", "severities")
_TEXT_COLUMNS = ("created_at", "client", "lang", "rulebase_version", "accepted_at", "status", "note",
                 "reviewed_at", "follow_up")
# The tables that hold one client's data (each with its column `intake`, or `number` for intake).
CLIENT_TABLES = ("intake", "plans", "notes", "follow_ups")


@dataclass(frozen=True)
class StoredIntake:
    """One saved intake, as the practitioner reviews it."""

    number: int
    created_at: str
    client: str | None
    lang: str
    answers: dict
    advice: dict
    rulebase_version: str
    accepted_at: str | None
    status: str
    note: str | None
    reviewed_at: str | None
    follow_up: str | None  # None: no follow-up (cleared)
    broken: str | None = None  # the column (answers, advice) that cannot be read; then both are {}
    notes: tuple[dict, ...] = ()  # every note, oldest first: {created_at, text}; `note` is the latest
    severities: dict | None = None  # {complaint: 0-10} as rated at the intake; None: not asked (older release)

    @property
    def blocked(self) -> bool:
        return bool(self.advice.get("blocked"))

    def record(self) -> dict:
        """The whole record as plain data (the JSON export)."""
        fields = {k: v for k, v in asdict(self).items() if k != "broken"}
        return {"schema_version": SCHEMA_VERSION, **fields, "blocked": self.blocked}


class IntakeStore(FollowUps, Audit, Clients, Invites, Users):
    """The intakes in one store (an engine of engines.py). Use as a context manager, or
    call close(). `actor` is who acts, for the audit trail (default: the operating-system user)."""

    def __init__(self, engine: Any, read_only: bool = False, actor: str | None = None):
        self.engine, self.read_only, self.actor = engine, read_only, actor or os_user()
        self.name = engine.name
        self.version = engine.version()

    def __enter__(self) -> IntakeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.close()

    def _rows(self, since: int, sql: str, params: tuple = ()) -> list[tuple]:
        """The rows of a table that migration `since` added; none in a store of an older release,
        opened read-only (so not migrated)."""
        if self.version < since:
            return []
        with self.engine.guard():
            return self.engine.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple = ()) -> tuple | None:
        return self.engine.execute(sql, params).fetchone()

    def save_intake(self, answers: dict, advice: dict, lang: str, accepted_at: str | None,
                    severities: dict | None = None, invite: int | None = None) -> int:
        """Store one intake with its advice (and the severities of its complaints, beside the
        contract answers); returns its number (1, 2, 3, ... never reused). A web intake uses up
        its client code (`invite`) in the same transaction: saved and used up, or neither."""
        created = now()
        row = {
            "created_at": created.isoformat(),
            "client": answers.get("client"),
            "lang": lang,
            "answers": json.dumps(answers, ensure_ascii=False),
            "advice": json.dumps(advice, ensure_ascii=False),
            "rulebase_version": advice["rulebase_version"],
            "accepted_at": accepted_at,
            "follow_up": follow_up_date(created.date(), advice).isoformat(),
            "severities": json.dumps(severities or {}, ensure_ascii=False),
        }
        with self.engine.write():
            self._keep_rulebase(row["rulebase_version"])
            number = self._insert(row)
            self._record("intake.saved", number)
            if invite is not None:
                self._use_invite(invite, number)
        return number

    def _keep_rulebase(self, version: str) -> None:
        """The rule files of an advice's version, once, so it can be shown and explained later."""
        from engine.rulebase import files_of  # here, not at the top: the intake's first screen stays fast

        files = files_of(version)
        if files is not None:
            self.engine.execute("INSERT INTO rulebases (version, files) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                (version, json.dumps(files, ensure_ascii=False)))

    def rulebase_files(self, version: str) -> dict[str, str] | None:
        """The rule files ({name: text}) of a rule-base version, if an intake was saved with it;
        a damaged row is one clear line (its intakes stay erasable, which needs none of this)."""
        rows = self._rows(2, "SELECT files FROM rulebases WHERE version = ?", (version,))
        if not rows:
            return None
        files = _json(rows[0][0])
        if not (isinstance(files, dict) and files and all(isinstance(t, str) for t in files.values())):
            raise BadInput([StoreProblem.about(self.name, "rulebases", "rulebase_unreadable", version=version[:19])])
        return files

    def _insert(self, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        return self.engine.insert(f"INSERT INTO intake ({names}) VALUES ({marks})", tuple(row.values()))

    def list_intakes(self, client: str | None = None) -> list[StoredIntake]:
        """Every intake, oldest first; `client` keeps those whose client contains it (any case)."""
        with self.engine.guard():
            rows = self.engine.execute(f"SELECT {self._columns()} FROM intake ORDER BY number").fetchall()
        self.record("intakes.listed")
        found = [_stored(row) for row in rows]
        if client:
            wanted = client.casefold()
            found = [i for i in found if wanted in (i.client or "").casefold()]
        return found

    def get(self, number: int, broken_too: bool = False) -> StoredIntake:
        """One intake; an unknown number is bad input (exit 2), and so is one whose stored answers
        or advice cannot be read, unless `broken_too` (to delete it, which needs neither)."""
        with self.engine.guard():
            row = self._one(f"SELECT {self._columns()} FROM intake WHERE number = ?", (number,))
        if row is None:
            raise self._unknown(number)
        intake = _stored(row)
        if intake.broken and not broken_too:
            raise self._unreadable(number, intake.broken)
        self.record("intake.read", number)
        return replace(intake, notes=tuple(self._notes(number)))

    def _must_exist(self, number: int) -> None:
        with self.engine.guard():
            if self._one(f"SELECT 1 FROM intake WHERE number = ?{self.engine.lock_row}", (number,)) is None:
                raise self._unknown(number)

    def _columns(self) -> str:
        """The intake's columns; a store of an older release, opened read-only, has no severities."""
        return ", ".join(c if c != "severities" or self.version >= 5 else "NULL" for c in _COLUMNS)

    def _notes(self, number: int) -> list[dict]:
        rows = self._rows(4, "SELECT created_at, text FROM notes WHERE intake = ? ORDER BY rowid", (number,))
        return [{"created_at": _text(at), "text": _text(text)} for at, text in rows]

    def add_note(self, number: int, text: str) -> None:
        """Add a note with its time; the earlier ones stay (the latest is also `note`)."""
        with self.engine.write():
            if self.engine.execute("UPDATE intake SET note = ? WHERE number = ?", (text, number)).rowcount == 0:
                raise self._unknown(number)
            self.engine.execute("INSERT INTO notes (intake, created_at, text) VALUES (?, ?, ?)",
                                (number, now().isoformat(), text))
            self._record("intake.note_added", number)

    def mark_new(self, number: int) -> None:
        """Take 'reviewed' back (a review marked by mistake, or one to do again)."""
        self._update(number, "status = 'new', reviewed_at = NULL", (), "intake.marked_new")

    def mark_reviewed(self, number: int) -> None:
        self._update(number, "status = 'reviewed', reviewed_at = ?", (now().isoformat(),), "intake.marked_reviewed")

    def set_follow_up(self, number: int, day: date | None) -> None:
        """Set the follow-up date; None clears it (kept as '', the column is NOT NULL since the
        first release, and rebuilding a table of health data for it is not worth the risk)."""
        self._update(number, "follow_up = ?", (day.isoformat() if day else "",), "intake.follow_up_set")

    def delete(self, number: int) -> None:
        """Erase an intake for good, with its plans, notes and follow-ups (see `erase`)."""
        self.erase([number])

    def erase(self, numbers: list[int]) -> None:
        """Erase intakes with everything attached, in one transaction, each with its audit event;
        then the engine removes what a plain DELETE leaves behind (VACUUM, VACUUM FULL)."""
        with self.engine.write():
            for number in numbers:
                if self.engine.execute("DELETE FROM intake WHERE number = ?", (number,)).rowcount == 0:
                    raise self._unknown(number)
                for table in CLIENT_TABLES[1:]:  # a writable store is always migrated: they exist
                    self.engine.execute(f"DELETE FROM {table} WHERE intake = ?", (number,))
                self._record("intake.erased", number)
        self.engine.erased(CLIENT_TABLES)

    def save_plan(self, number: int, plan: dict) -> int:
        """Keep a new version of the intake's plan (the old ones stay); returns its version."""
        with self.engine.write():
            self._must_exist(number)  # and lock its row: two desks never take one version
            version = self._one("SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE intake = ?", (number,))[0]
            self.engine.execute("INSERT INTO plans (intake, version, created_at, plan) VALUES (?, ?, ?, ?)",
                                (number, version, now().isoformat(), json.dumps(plan, ensure_ascii=False)))
            self._record("plan.saved", number)
        return version

    def plans(self, number: int) -> list[dict]:
        """Every plan version of an intake, oldest first: {version, created_at, plan}; a damaged
        one is one clear line (exit 2), as a damaged intake is."""
        rows = self._rows(3, "SELECT version, created_at, plan FROM plans WHERE intake = ? ORDER BY version", (number,))
        found = []
        for version, at, plan in rows:
            kept = _json(plan)
            if not isinstance(kept, dict) or not isinstance(at, str) or not is_time(at):
                raise self._unreadable(number, f"plans.plan ({version})")
            found.append({"version": version, "created_at": at, "plan": kept})
        return found

    def _update(self, number: int, assignments: str, params: tuple, action: str) -> None:
        with self.engine.write():
            if self.engine.execute(f"UPDATE intake SET {assignments} WHERE number = ?", (*params, number)).rowcount == 0:
                raise self._unknown(number)
            self._record(action, number)

    def _unknown(self, number: int) -> BadInput:
        return BadInput([StoreProblem.about(self.name, "intake", "unknown_intake", number=number)])

    def _unreadable(self, number: int, column: str) -> BadInput:
        return BadInput([StoreProblem.about(self.name, "intake", "intake_unreadable", number=number, column=column)])


def _json(text: Any) -> Any:
    """A JSON column as data; None when it cannot be read (a damaged row, an edit by hand)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None


def _text(value: Any) -> str | None:
    """A text column as text: a damaged one (a BLOB, a number) read as well as it goes, so it
    can still be shown, escaped, and its intake erased."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _stored(row: tuple) -> StoredIntake:
    """One row as an intake; unreadable answers, advice or date (a damaged file, an edit by hand)
    make it `broken` with the reason, so one bad row never hides the others."""
    values = dict(zip(_COLUMNS, row))
    values.update({column: _text(values[column]) for column in _TEXT_COLUMNS})
    values["follow_up"] = values["follow_up"] or None  # '': cleared (see set_follow_up)
    values["created_at"] = values["created_at"] or ""
    found = _json(values["severities"]) if values["severities"] else None  # beside the answers: may be absent
    values["severities"] = found if isinstance(found, dict) else None
    for column in ("created_at", "follow_up"):  # shown and compared as dates
        if values[column] is not None and not is_time(values[column]):
            return _broken(values, column)
    for column in ("answers", "advice"):
        values[column] = _json(values[column])
        if not isinstance(values[column], dict):
            return _broken(values, column)
    return StoredIntake(**values)


def _broken(values: dict, column: str) -> StoredIntake:
    """An intake of which only the list's columns can be shown; `column` is the unreadable one."""
    return StoredIntake(**{**values, "answers": {}, "advice": {}, "broken": column})
