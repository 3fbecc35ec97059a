"""The web intake's client codes and the answers given so far (table `web_invites`, schema 7).

A mixin of IntakeStore (intakes.py), like follow_ups.py: it uses the store's engine, guards and
write transaction, in SQL that both engines run, and is never used on its own. It imports
nothing of the web, so the terminal commands that open the store stay as fast as they were.

A code is kept as its SHA-256 only. The draft (the answers so far) is erased when the intake is
saved (the intake holds them then) and when the code is revoked. A draft is saved only over the
version it was read at (`draft_version`), so two pages sent at once never overwrite each other's
answer unseen: the second is told to read again. On PostgreSQL each of these is one UPDATE with
its condition in the WHERE: a second writer waits for the row, reads it again and finds the
condition gone, as SQLite's single writer would.

The audit trail gets an event for what the practitioner does (`invite.made`, `invite.revoked`,
`invite.renewed`) and for the intake the code became (`invite.used`, with the intake's number),
each with the code's number (audit column `invite`). Drafts saved page by page and the browser
taking the intake over are the client's own typing, as the terminal's resume file is: no event.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..common.clock import now

INVITES_SINCE = 7  # the schema version that added the table
_COLUMNS = ("number", "created_at", "expires_at", "lang", "revoked_at", "used_at", "intake", "draft",
            "draft_version", "answered_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM web_invites"
_STILL_OPEN = "used_at IS NULL AND revoked_at IS NULL"
OPEN, USED, REVOKED, EXPIRED = "open", "used", "revoked", "expired"


class InviteUsed(Exception):
    """The code was used up or revoked while this intake was being saved: nothing was saved."""


@dataclass(frozen=True)
class Invite:
    """One client code as the store keeps it (never the code itself)."""

    number: int
    created_at: str
    expires_at: str
    lang: str
    revoked_at: str | None
    used_at: str | None
    intake: int | None  # the intake it became, once finished
    draft: dict | None  # the answers so far (None: none yet, or erased)
    draft_version: int
    answered_at: str | None  # when the latest answer came

    def state(self, moment: datetime | None = None) -> str:
        """open, used (finished), revoked or expired: whether the code still opens its intake."""
        if self.used_at:
            return USED
        if self.revoked_at:
            return REVOKED
        return EXPIRED if datetime.fromisoformat(self.expires_at) <= (moment or now()) else OPEN


def _invite(row: tuple) -> Invite:
    values = dict(zip(_COLUMNS, row))
    try:  # a damaged draft is no draft: the client answers again, nothing else breaks
        draft = json.loads(values["draft"]) if values["draft"] else None
    except (TypeError, ValueError, RecursionError):
        draft = None
    return Invite(**{**values, "draft": draft if isinstance(draft, dict) else None})


class Invites:
    """The client-code methods of IntakeStore (see the module's docstring)."""

    def add_invite(self: Any, code_hash: str, expires_at: datetime, lang: str) -> int:
        """Keep a new code (its hash) with its expiry; returns its number (1, 2, ... never reused)."""
        with self.engine.write():
            number = self.engine.insert("INSERT INTO web_invites (code_hash, created_at, expires_at, lang) VALUES (?, ?, ?, ?)",
                                        (code_hash, now().isoformat(), expires_at.isoformat(), lang))
            self._record("invite.made", invite=number)
        return number

    def invites(self: Any) -> list[Invite]:
        """Every code ever made, oldest first."""
        return [_invite(row) for row in self._rows(INVITES_SINCE, f"{_SELECT} ORDER BY number")]

    def invite(self: Any, number: int) -> Invite | None:
        return self._invite_where("number = ?", number)

    def invite_by_code(self: Any, code_hash: str) -> Invite | None:
        return self._invite_where("code_hash = ?", code_hash)

    def invite_by_visit(self: Any, visit_hash: str) -> Invite | None:
        """The code whose intake this browser may carry on (None: another browser took it over)."""
        return self._invite_where("visit_hash = ?", visit_hash)

    def _invite_where(self: Any, where: str, value: object) -> Invite | None:
        rows = self._rows(INVITES_SINCE, f"{_SELECT} WHERE {where}", (value,))
        return _invite(rows[0]) if rows else None

    def bind_visit(self: Any, number: int, visit_hash: str) -> None:
        """This browser carries on the intake from now on; any other browser that had it, no longer."""
        with self.engine.write():
            self.engine.execute("UPDATE web_invites SET visit_hash = ? WHERE number = ?", (visit_hash, number))

    def end_visit(self: Any, visit_hash: str) -> None:
        """The browser was cleared: its cookie opens nothing any more (the code still does)."""
        with self.engine.write():
            self.engine.execute("UPDATE web_invites SET visit_hash = NULL WHERE visit_hash = ?", (visit_hash,))

    def save_draft(self: Any, number: int, draft: dict, version: int) -> bool:
        """Keep the answers so far, if nobody saved since `version` was read and the code is still
        open; False otherwise (read again and retry, or stop)."""
        with self.engine.write():
            return self.engine.execute(
                "UPDATE web_invites SET draft = ?, draft_version = draft_version + 1, answered_at = ? "
                f"WHERE number = ? AND draft_version = ? AND {_STILL_OPEN}",
                (json.dumps(draft, ensure_ascii=False), now().isoformat(), number, version)).rowcount == 1

    def revoke_invite(self: Any, number: int) -> bool:
        """The code (and the browser that had it) opens nothing any more and its answers so far are
        erased; False when it was used or revoked already (or is unknown)."""
        return self._change_open("revoked_at = ?, draft = NULL", (now().isoformat(),), number, "invite.revoked")

    def renew_invite(self: Any, number: int, code_hash: str, expires_at: datetime) -> bool:
        """A new code (and expiry) for an unfinished intake, its answers kept; the old code and
        every browser that had it open nothing any more. False when used, revoked or unknown."""
        return self._change_open("code_hash = ?, expires_at = ?, visit_hash = NULL",
                                 (code_hash, expires_at.isoformat()), number, "invite.renewed")

    def _change_open(self: Any, assignments: str, params: tuple, number: int, action: str) -> bool:
        """Change a code that is still open, with its audit event; False (nothing changed, no
        event) when it was used, revoked or is unknown."""
        with self.engine.write():
            changed = self.engine.execute(f"UPDATE web_invites SET {assignments} WHERE number = ? AND {_STILL_OPEN}",
                                          (*params, number)).rowcount == 1
            if changed:
                self._record(action, invite=number)
        return changed

    def _use_invite(self: Any, number: int, intake: int) -> None:
        """Inside the intake's save: the code is used up and its draft erased, or (used or
        revoked meanwhile) InviteUsed, and the whole save is rolled back."""
        if self.engine.execute(f"UPDATE web_invites SET used_at = ?, intake = ?, draft = NULL WHERE number = ? AND {_STILL_OPEN}",
                               (now().isoformat(), intake, number)).rowcount != 1:
            raise InviteUsed(number)
        self._record("invite.used", intake, invite=number)
