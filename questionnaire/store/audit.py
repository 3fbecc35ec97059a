"""The audit trail of the intake store: who read, changed, exported or erased which intake, when.

A mixin of IntakeStore (intakes.py) (table `audit`, schema 6), in the shape of FHIR's AuditEvent:
when (`at`, the clock's local time with its offset), who (`actor`: the operating-system user, or the
account a web app passes), what (`action`, such as `intake.read` or `intake.erased`) and which
intake (a number, or none for the list), and since schema 7 which client code of the web intake
(`invite`: invites.py), since schema 8 which practitioner's account (`account`: users.py). It holds
no health data: no name, no answer, no note, so an erased intake's events stay and say that it was
erased, and by whom. Each change writes its event inside its own transaction (both land or neither),
and the table is append-only (the triggers of migration 6 refuse an UPDATE or DELETE). A store
opened read-only (`rules impact`) cannot write, so it records nothing: docs/store.md says so.
"""
from __future__ import annotations

import getpass
import os
from typing import Any

from ..common.clock import now

AUDIT_SINCE = 6  # the schema version that added the audit table


def os_user() -> str:
    """The operating-system user who runs the program: the `who` of the terminal's events."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a container without one)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


class Audit:
    """The audit methods of IntakeStore (see the module's docstring)."""

    def _record(self: Any, action: str, number: int | None = None, invite: int | None = None,
                account: str | None = None, actor: str | None = None) -> None:
        """One event, inside the caller's write transaction: `invite` is the web intake's code it
        concerns (invites.py), `account` the practitioner's account (users.py); `actor` names who
        acts when that is not the store's (a sign-in: the account that signs in)."""
        if self.version >= AUDIT_SINCE:
            self.engine.execute("INSERT INTO audit (at, actor, action, intake, invite, account) VALUES (?, ?, ?, ?, ?, ?)",
                                (now().isoformat(), actor or self.actor, action, number, invite, account))

    def record(self: Any, action: str, number: int | None = None) -> None:
        """One event in a transaction of its own (a read, an export); nothing on a store opened
        read-only, which cannot be written."""
        if not self.read_only:
            with self.engine.write():
                self._record(action, number)

    def history(self: Any, number: int) -> list[dict]:
        """Every event of one intake, oldest first ({at, actor, action}); an erased intake keeps
        its events. A number that never had an intake is bad input."""
        rows = self._rows(AUDIT_SINCE, "SELECT at, actor, action FROM audit WHERE intake = ? ORDER BY id", (number,))
        if not rows:
            self._must_exist(number)
        self.record("intake.history_read", number)
        return [{"at": at, "actor": actor, "action": action} for at, actor, action in rows]
