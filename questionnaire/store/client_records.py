"""The practice's clients: a person with their visits (table `clients`, schema 9; an intake's
column `client_number` links it to one).

A mixin of IntakeStore (intakes.py), like invites.py. A client is what the practitioner enters:
a name, a birth year or date, and optionally how to reach them and their GP. Migration 9 made a
client of every name the existing intakes share (any case, spaces at either end: the same rule
on both engines) and linked those intakes; an intake without a name stays unlinked and is listed
as such, to be linked by hand. A web intake made with a code for a client is linked when it is
saved (invites.py). Follow-ups, plans and notes belong to their intake, so to its client.

Two desks editing one client: each edit names the version it was read at (`version`), and an edit
over a newer version is refused (the page says so and shows what is kept now), never silently
overwritten. Each change is an audit event (`client.added`, `client.changed`, `intake.linked`)
with the client's number (column `client`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..common.clock import now

CLIENTS_SINCE = 9  # the schema version that added the table
AUDIT_WITH_LETTERS = 6  # the audit trail (and with it `letter.written`) came with schema 6
_COLUMNS = ("number", "name", "birth", "contact", "gp", "created_at", "version")
FIELDS = ("name", "birth", "contact", "gp")  # what the practitioner enters


@dataclass(frozen=True)
class ClientRecord:
    """One client as the store keeps them."""

    number: int
    name: str
    birth: str | None  # "1974" or "1974-03-12"
    contact: str | None
    gp: str | None
    created_at: str
    version: int  # counts the edits: an edit names the version it was read at


class ClientRecords:
    """The client methods of IntakeStore (see the module's docstring)."""

    def client_records(self: Any, name_part: str | None = None) -> list[ClientRecord]:
        """Every client by name; `name_part` keeps those whose name contains it (any case)."""
        rows = self._rows(CLIENTS_SINCE, f"SELECT {', '.join(_COLUMNS)} FROM clients ORDER BY lower(name), number")
        found = [ClientRecord(*row) for row in rows]
        if name_part:
            wanted = name_part.casefold()
            found = [c for c in found if wanted in c.name.casefold()]
        return found

    def client_record(self: Any, number: int) -> ClientRecord | None:
        rows = self._rows(CLIENTS_SINCE, f"SELECT {', '.join(_COLUMNS)} FROM clients WHERE number = ?", (number,))
        return ClientRecord(*rows[0]) if rows else None

    def add_client(self: Any, fields: dict[str, str | None]) -> int:
        """A new client ({name, birth, contact, gp}); their number."""
        with self.engine.write():
            number = self.engine.insert("INSERT INTO clients (name, birth, contact, gp, created_at) VALUES (?, ?, ?, ?, ?)",
                                        (*(fields.get(f) for f in FIELDS), now().isoformat()))
            self._record("client.added", client=number)
        return number

    def change_client(self: Any, number: int, fields: dict[str, str | None], version: int) -> bool:
        """The client's details, if nobody changed them since `version` was read; False otherwise
        (nothing changed: read again)."""
        with self.engine.write():
            changed = self.engine.execute(
                "UPDATE clients SET name = ?, birth = ?, contact = ?, gp = ?, version = version + 1 "
                "WHERE number = ? AND version = ?", (*(fields.get(f) for f in FIELDS), number, version)).rowcount == 1
            if changed:
                self._record("client.changed", client=number)
        return changed

    def link_intake(self: Any, intake: int, client: int | None) -> None:
        """The intake belongs to this client (None: to nobody); unknown numbers are bad input."""
        with self.engine.write():
            self._must_exist(intake)
            if client is not None and self._one("SELECT 1 FROM clients WHERE number = ?", (client,)) is None:
                raise self._unknown_client(client)
            self._link(intake, client)

    def _link(self: Any, intake: int, client: int | None) -> None:
        """Inside a write transaction: the intake is this client's, with its audit event."""
        self.engine.execute("UPDATE intake SET client_number = ? WHERE number = ?", (client, intake))
        self._record("intake.linked" if client is not None else "intake.unlinked", intake, client=client)

    def _link_new(self: Any, intake: int, name: str | None) -> None:
        """Inside the save of a new intake not linked yet (no code for a client): the client of the
        same name (migration 9's rule), when exactly one has it; else it stays unlinked."""
        if not (name or "").strip() or self._one("SELECT client_number FROM intake WHERE number = ?", (intake,))[0]:
            return
        found = self.engine.execute("SELECT number FROM clients WHERE lower(trim(name)) = lower(trim(?))", (name,)).fetchall()
        if len(found) == 1:
            self._link(intake, found[0][0])

    def client_links(self: Any) -> dict[int, int | None]:
        """Per intake number, the client it belongs to (None: not linked)."""
        return dict(self._rows(CLIENTS_SINCE, "SELECT number, client_number FROM intake"))

    def unanswered_letters(self: Any) -> set[int]:
        """The intakes with a letter to the GP written (audit `letter.written`) whose latest plan
        records no doctor's answer (`doctor_answer`): the practitioner waits for one."""
        written = {n for n, in self._rows(AUDIT_WITH_LETTERS, "SELECT DISTINCT intake FROM audit WHERE action = 'letter.written'")}
        latest: dict[int, str] = {}
        for intake, plan in self._rows(3, "SELECT intake, plan FROM plans ORDER BY intake, version"):
            latest[intake] = plan
        return {n for n in written if n is not None and '"doctor_answer"' not in latest.get(n, "")}

    def latest_side_effects(self: Any) -> dict[int, list[str]]:
        """Per intake with a follow-up, the signs of too much magnesium its latest follow-up names
        (none: an empty list; a damaged row: none shown)."""
        found: dict[int, list[str]] = {}
        for intake, effects in self._rows(5, "SELECT intake, side_effects FROM follow_ups ORDER BY intake, number"):
            try:
                named = json.loads(effects)
            except (TypeError, ValueError, RecursionError):
                named = []
            found[intake] = [e for e in named if isinstance(e, str) and e != "none"] if isinstance(named, list) else []
        return found

    def _clients_of(self: Any, intakes: list[int]) -> set[int]:
        """The clients these intakes belong to (before they are erased)."""
        if not intakes:
            return set()
        marks = ", ".join("?" for _ in intakes)
        rows = self.engine.execute(f"SELECT client_number FROM intake WHERE number IN ({marks})", tuple(intakes)).fetchall()
        return {client for client, in rows if client is not None}

    def _erase_left(self: Any, clients: set[int]) -> None:
        """After intakes were erased: a client left without any intake is erased too (their name,
        birth, contact and GP are the client's data as well), with an audit event."""
        for client in sorted(clients):
            if self._one("SELECT 1 FROM intake WHERE client_number = ?", (client,)) is None:
                self.engine.execute("DELETE FROM clients WHERE number = ?", (client,))
                self._record("client.erased", client=client)

    def _unknown_client(self: Any, number: int) -> Exception:
        from engine.errors import BadInput

        from .words import StoreProblem

        return BadInput([StoreProblem.about(self.name, "clients", "unknown_client", number=number)])
