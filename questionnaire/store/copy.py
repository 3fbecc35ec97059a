"""`store copy`: every row of one store into another, empty one (SQLite to PostgreSQL and back).

Each table is read in a fixed order and written in one transaction on the target; before that
transaction commits, the target's rows are read back and each table's count and checksum (a
SHA-256 over its rows as JSON, in that order) must equal the source's, or nothing is kept.
Intake and client-code numbers are kept, and the target gives no number that the source ever gave
(a deleted intake's number included). A target with any row is refused: a copy never mixes two practices.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from engine.errors import BadInput

from .words import StoreProblem

# Each table's columns as copied, and the order its rows are read in. Notes and the audit trail
# get new row ids in the same order (their ids are no one's reference).
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "intake": (("number", "created_at", "client", "lang", "answers", "advice", "rulebase_version", "accepted_at",
                "status", "note", "reviewed_at", "follow_up", "severities"), "number"),
    "rulebases": (("version", "files"), "version"),
    "plans": (("intake", "version", "created_at", "plan"), "intake, version"),
    "notes": (("intake", "created_at", "text"), "rowid"),
    "follow_ups": (("intake", "number", "created_at", "lang", "answers", "severities", "plan_taken", "plan_version",
                    "side_effects", "advice", "rulebase_version"), "intake, number"),
    "audit": (("at", "actor", "action", "intake", "invite", "account"), "id"),
    "settings": (("name", "value"), "name"),
    "web_invites": (("number", "code_hash", "created_at", "expires_at", "lang", "revoked_at", "used_at", "intake",
                     "visit_hash", "draft", "draft_version", "answered_at"), "number"),
    "users": (("name", "password_hash", "created_at", "failures", "locked_until"), "name"),
    "web_logins": (("token_hash", "user_name", "created_at", "seen_at"), "token_hash"),
}
NUMBERED = ("intake", "web_invites")  # the tables whose numbers are never given twice


def _rows(store: Any, table: str) -> list[tuple]:
    columns, order = TABLES[table]
    with store.engine.guard():
        return store.engine.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()


def tally(store: Any) -> dict[str, tuple[int, str]]:
    """Each table's row count and checksum."""
    found = {}
    for table in TABLES:
        digest = hashlib.sha256()
        rows = _rows(store, table)
        for row in rows:
            digest.update(json.dumps(list(row), ensure_ascii=False, default=repr).encode() + b"\n")
        found[table] = (len(rows), digest.hexdigest())
    return found


def copy_store(source: Any, target: Any) -> dict[str, tuple[int, str]]:
    """Copy every table of `source` into the empty `target` (both open IntakeStores, migrated
    to the same schema); the counts and checksums, equal on both sides."""
    if any(count for count, _ in tally(target).values()):
        raise BadInput([StoreProblem.about(target.name, "store", "copy_not_empty")])
    source.record("store.copied")  # before the reading: the copy holds its own event
    expected = tally(source)
    with target.engine.write():
        for table, (columns, _) in TABLES.items():
            marks = ", ".join("?" for _ in columns)
            target.engine.insert_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                      _rows(source, table))
        for table in NUMBERED:
            target.engine.keep_last_number(source.engine.last_number(table), table)
        found = tally(target)
        if found != expected:  # raised inside the transaction: nothing of the copy is kept
            wrong = ", ".join(t for t in TABLES if found[t] != expected[t])
            raise BadInput([StoreProblem.about(target.name, "store", "copy_differs", tables=wrong)])
    return expected
