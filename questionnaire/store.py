"""The intake store: one SQLite file with every saved intake, readable by its owner only.

Health data stays on the machine (design principle 6): the file is created with mode 0600
before SQLite opens it, and the umask is 077 whenever SQLite may create its journal, so the
journal is private too. Deleted intakes are overwritten (`secure_delete`), because deleting is
the client's right to erasure, not just hiding a row. Each save is one `BEGIN IMMEDIATE`
transaction with a busy timeout: an intake killed mid-save leaves the store as it was, and two
terminals saving at once both land. The schema has a version (`PRAGMA user_version`) and
migrations from the first release on, so an old file keeps working after an update.
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from engine.errors import BadInput

from .common.clock import now
from .common.private_files import private_files, private_folder, store_path
from .common.texts import ProblemInBook, TextBook
from .store_follow_ups import FollowUps
from .store_schema import MIGRATIONS, SCHEMA_VERSION
from .web.store_invites import Invites

STORE_TEXTS = TextBook(Path(__file__).with_name("store_texts.yaml"))
DEFAULT_FOLLOW_UP_DAYS = 30
BUSY_TIMEOUT_S = 30.0

_COLUMNS = ("number", "created_at", "client", "lang", "answers", "advice", "rulebase_version",
            "accepted_at", "status", "note", "reviewed_at", "follow_up", "severities")


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


class StoreProblem(ProblemInBook):
    """An error line of the store (exit 2); its words are in store_texts.yaml."""

    book = STORE_TEXTS


def follow_up_date(created: date, advice: dict) -> date:
    """The intake date plus the longest duration in the advice, or 30 days."""
    days = [r["duration_days"] for r in advice.get("recommendations", []) if r.get("duration_days")]
    return created + timedelta(days=max(days, default=DEFAULT_FOLLOW_UP_DAYS))


def resolve_path(db_path: str | None = None) -> Path:
    """--db wins, then MAGNESIUM_DB, then the platform's user data directory."""
    return store_path(db_path)


def _create_private(path: Path) -> None:
    """Create the empty file owner-only before SQLite opens it (its folder exists)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


class IntakeStore(FollowUps, Invites):
    """The intakes in one SQLite file. Use as a context manager, or call close()."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        if read_only:  # a look that cannot change the file: no create, no migration, no write
            with self._guard():
                self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                            timeout=BUSY_TIMEOUT_S, isolation_level=None)
                self._con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                if self._version() > SCHEMA_VERSION:
                    raise BadInput([StoreProblem.about(str(path), "store", "store_newer", found=self._version(),
                                                       known=SCHEMA_VERSION)])
            return
        with self._guard(), private_files():
            _create_private(path)
            self._con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        with self._guard():
            self._con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._con.execute("PRAGMA secure_delete = ON")
            self._migrate()
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)

    def __enter__(self) -> IntakeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite and file errors become one clear line (exit 2) instead of a traceback."""
        try:
            yield
        except sqlite3.OperationalError as err:
            raise BadInput([StoreProblem.about(str(self.path), "store", "store_open", reason=str(err))]) from None
        except sqlite3.DatabaseError as err:
            raise BadInput([StoreProblem.about(str(self.path), "store", "not_a_store", reason=str(err))]) from None
        except OSError as err:
            raise BadInput([StoreProblem.about(str(self.path), "store", "store_open", reason=err.strerror or str(err))]) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it (also when killed)."""
        with self._guard(), private_files():
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield self._con
                self._con.execute("COMMIT")
            except BaseException:
                if self._con.in_transaction:
                    self._con.execute("ROLLBACK")
                raise

    def _version(self) -> int:
        return self._con.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        with self._write() as con:  # re-read under the lock: another process may have migrated
            found = self._version()
            if found > SCHEMA_VERSION:
                raise BadInput([StoreProblem.about(str(self.path), "store", "store_newer", found=found,
                                                   known=SCHEMA_VERSION)])
            for version in range(found, SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {version + 1}")

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
        with self._write() as con:
            self._keep_rulebase(con, row["rulebase_version"])
            number = self._insert(con, row)
            if invite is not None:
                self._use_invite(con, invite, number)
            return number

    def _keep_rulebase(self, con: sqlite3.Connection, version: str) -> None:
        """The rule files of an advice's version, once, so it can be shown and explained later."""
        from engine.rulebase import files_of  # here, not at the top: the intake's first screen stays fast

        files = files_of(version)
        if files is not None:
            con.execute("INSERT OR IGNORE INTO rulebases (version, files) VALUES (?, ?)",
                        (version, json.dumps(files, ensure_ascii=False)))

    def rulebase_files(self, version: str) -> dict[str, str] | None:
        """The rule files ({name: text}) of a rule-base version, if an intake was saved with it."""
        if self._version() < 2:  # a file of an older release, opened read-only (not migrated)
            return None
        with self._guard():
            row = self._con.execute("SELECT files FROM rulebases WHERE version = ?", (version,)).fetchone()
        return json.loads(row[0]) if row else None

    def _insert(self, con: sqlite3.Connection, row: dict) -> int:
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        return con.execute(f"INSERT INTO intake ({names}) VALUES ({marks})", row).lastrowid

    def list_intakes(self, client: str | None = None) -> list[StoredIntake]:
        """Every intake, oldest first; `client` keeps those whose client contains it (any case)."""
        with self._guard():
            rows = self._con.execute(f"SELECT {self._columns()} FROM intake ORDER BY number").fetchall()
        found = [_stored(row) for row in rows]
        if client:
            wanted = client.casefold()
            found = [i for i in found if wanted in (i.client or "").casefold()]
        return found

    def get(self, number: int, broken_too: bool = False) -> StoredIntake:
        """One intake; an unknown number is bad input (exit 2), and so is one whose stored answers
        or advice cannot be read, unless `broken_too` (to delete it, which needs neither)."""
        with self._guard():
            row = self._con.execute(f"SELECT {self._columns()} FROM intake WHERE number = ?",
                                    (number,)).fetchone()
        if row is None:
            raise self._unknown(number)
        intake = _stored(row)
        if intake.broken and not broken_too:
            raise self._unreadable(number, intake.broken)
        return replace(intake, notes=tuple(self._notes(number)))

    def _columns(self) -> str:
        """The intake's columns; a file of an older release, opened read-only, has no severities."""
        return ", ".join(c if c != "severities" or self._version() >= 5 else "NULL" for c in _COLUMNS)

    def _rows(self, since: int, sql: str, params: tuple = ()) -> list[tuple]:
        """The rows of a table that migration `since` added; none in a file of an older release,
        opened read-only (so not migrated)."""
        if self._version() < since:
            return []
        with self._guard():
            return self._con.execute(sql, params).fetchall()

    def _notes(self, number: int) -> list[dict]:
        rows = self._rows(4, "SELECT created_at, text FROM notes WHERE intake = ? ORDER BY rowid", (number,))
        return [{"created_at": at, "text": text} for at, text in rows]

    def add_note(self, number: int, text: str) -> None:
        """Add a note with its time; the earlier ones stay (the latest is also `note`)."""
        with self._write() as con:
            if con.execute("UPDATE intake SET note = ? WHERE number = ?", (text, number)).rowcount == 0:
                raise self._unknown(number)
            con.execute("INSERT INTO notes (intake, created_at, text) VALUES (?, ?, ?)",
                        (number, now().isoformat(), text))

    def mark_new(self, number: int) -> None:
        """Take 'reviewed' back (a review marked by mistake, or one to do again)."""
        self._update(number, "status = 'new', reviewed_at = NULL", ())

    def mark_reviewed(self, number: int) -> None:
        self._update(number, "status = 'reviewed', reviewed_at = ?", (now().isoformat(),))

    def set_follow_up(self, number: int, day: date | None) -> None:
        """Set the follow-up date; None clears it (kept as '', the column is NOT NULL since the
        first release, and rebuilding a table of health data for it is not worth the risk)."""
        self._update(number, "follow_up = ?", (day.isoformat() if day else "",))

    def delete(self, number: int) -> None:
        """Remove an intake for good, with its plans: secure_delete overwrites them in the file."""
        with self._write() as con:
            if con.execute("DELETE FROM intake WHERE number = ?", (number,)).rowcount == 0:
                raise self._unknown(number)
            for table in ("plans", "notes", "follow_ups"):
                con.execute(f"DELETE FROM {table} WHERE intake = ?", (number,))

    def save_plan(self, number: int, plan: dict) -> int:
        """Keep a new version of the intake's plan (the old ones stay); returns its version."""
        with self._write() as con:
            if con.execute("SELECT 1 FROM intake WHERE number = ?", (number,)).fetchone() is None:
                raise self._unknown(number)
            version = con.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE intake = ?",
                                  (number,)).fetchone()[0]
            con.execute("INSERT INTO plans (intake, version, created_at, plan) VALUES (?, ?, ?, ?)",
                        (number, version, now().isoformat(), json.dumps(plan, ensure_ascii=False)))
        return version

    def plans(self, number: int) -> list[dict]:
        """Every plan version of an intake, oldest first: {version, created_at, plan}."""
        rows = self._rows(3, "SELECT version, created_at, plan FROM plans WHERE intake = ? ORDER BY version", (number,))
        return [{"version": v, "created_at": at, "plan": json.loads(plan)} for v, at, plan in rows]

    def _update(self, number: int, assignments: str, params: tuple) -> None:
        with self._write() as con:
            if con.execute(f"UPDATE intake SET {assignments} WHERE number = ?", (*params, number)).rowcount == 0:
                raise self._unknown(number)

    def _unknown(self, number: int) -> BadInput:
        return BadInput([StoreProblem.about(str(self.path), "intake", "unknown_intake", number=number)])

    def _unreadable(self, number: int, column: str) -> BadInput:
        return BadInput([StoreProblem.about(str(self.path), "intake", "intake_unreadable", number=number,
                                            column=column)])


def _stored(row: tuple) -> StoredIntake:
    """One row as an intake; unreadable answers or advice (a damaged file, an edit by hand) make
    it `broken` with the reason, so one bad row never hides the others."""
    values = dict(zip(_COLUMNS, row))
    values["follow_up"] = values["follow_up"] or None  # '': cleared (see set_follow_up)
    try:  # intake data beside the answers: unreadable or absent, the intake shows without it
        found = json.loads(values["severities"]) if values["severities"] else None
    except (TypeError, ValueError, RecursionError):
        found = None
    values["severities"] = found if isinstance(found, dict) else None
    for column in ("answers", "advice"):
        try:
            values[column] = json.loads(values[column])
        except (TypeError, ValueError, RecursionError):
            return _broken(values, column)
        if not isinstance(values[column], dict):
            return _broken(values, column)
    return StoredIntake(**values)


def open_read_only(db_path: str | None = None) -> IntakeStore:
    """The store at --db, else MAGNESIUM_DB, else the user data directory, opened so that
    nothing can change it (`rules impact`); a file that does not exist is bad input."""
    path = resolve_path(db_path)
    if not path.is_file():
        raise BadInput([StoreProblem.about(str(path), "store", "store_missing", path=str(path))])
    return IntakeStore(path, read_only=True)


def _broken(values: dict, column: str) -> StoredIntake:
    """An intake of which only the list's columns can be shown; `column` is the unreadable one."""
    return StoredIntake(**{**values, "answers": {}, "advice": {}, "broken": column})


def open_store(db_path: str | None = None) -> IntakeStore:
    """The store at --db, else MAGNESIUM_DB, else the user data directory (created if needed).

    Only the user data directory is created: a folder that does not exist in a path the user
    gave is a typing error, and one clear line (exit 2) beats an empty store in a new folder.
    """
    path = resolve_path(db_path)
    if db_path or os.environ.get("MAGNESIUM_DB"):
        if not path.parent.is_dir():
            raise BadInput([StoreProblem.about(str(path), "store", "store_folder", folder=str(path.parent))])
    else:
        try:
            with private_files():
                private_folder(path.parent)
        except OSError as err:
            raise BadInput([StoreProblem.about(str(path), "store", "store_open", reason=err.strerror or str(err))]) from None
    return IntakeStore(path)
