"""The practitioners' accounts of the web workspace and their signed-in browsers (tables `users`
and `web_logins`, schema 8).

A mixin of IntakeStore (intakes.py), like invites.py: the engine's SQL on both engines, never
used on its own. The store keeps what the web needs to decide, never a secret: a password's
Argon2 hash (hashing is the web's, web/passwords.py) and a login token's SHA-256. The rules
(how many wrong passwords lock an account, for how long, when a login expires) are the caller's:
the store counts and keeps the times. Each change to an account is an audit event naming it
(column `account`), and each sign-in, sign-out and lock has the account as who acts (`web:NAME`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..common.clock import now

USERS_SINCE = 8  # the schema version that added the tables
WEB_ACTOR = "web:"  # the audit trail's `who` for an account: web:anna


def web_actor(name: str) -> str:
    return WEB_ACTOR + name


@dataclass(frozen=True)
class User:
    """An account as the store keeps it."""

    name: str
    password_hash: str
    created_at: str
    failures: int  # wrong passwords since the last right one
    locked_until: str | None

    def locked(self, moment: datetime | None = None) -> bool:
        return bool(self.locked_until) and datetime.fromisoformat(self.locked_until) > (moment or now())


@dataclass(frozen=True)
class Login:
    """A signed-in browser: whose, since when, last seen when."""

    user: str
    created_at: datetime
    seen_at: datetime


class Users:
    """The account methods of IntakeStore (see the module's docstring)."""

    def users(self: Any) -> list[User]:
        """Every account, by name."""
        rows = self._rows(USERS_SINCE, "SELECT name, password_hash, created_at, failures, locked_until FROM users ORDER BY name")
        return [User(*row) for row in rows]

    def user(self: Any, name: str) -> User | None:
        rows = self._rows(USERS_SINCE, "SELECT name, password_hash, created_at, failures, locked_until FROM users "
                                       "WHERE name = ?", (name,))
        return User(*rows[0]) if rows else None

    def add_user(self: Any, name: str, password_hash: str) -> bool:
        """A new account; False when the name is taken (nothing changed)."""
        with self.engine.write():
            if self._one("SELECT 1 FROM users WHERE name = ?", (name,)) is not None:
                return False
            self.engine.execute("INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
                                (name, password_hash, now().isoformat()))
            self._record("user.added", account=name)
        return True

    def set_password(self: Any, name: str, password_hash: str) -> bool:
        """A new password (also unlocks); every browser signed in as this account is signed out.
        False when there is no such account."""
        with self.engine.write():
            if self.engine.execute("UPDATE users SET password_hash = ?, failures = 0, locked_until = NULL WHERE name = ?",
                                   (password_hash, name)).rowcount != 1:
                return False
            self.engine.execute("DELETE FROM web_logins WHERE user_name = ?", (name,))
            self._record("user.password_set", account=name)
        return True

    def rehash(self: Any, name: str, password_hash: str) -> None:
        """The same password under newer hash settings (after a right password): no event."""
        with self.engine.write():
            self.engine.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name))

    def remove_user(self: Any, name: str) -> bool:
        """The account and its sign-ins go; what it wrote stays (the audit trail names it)."""
        with self.engine.write():
            if self.engine.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount != 1:
                return False
            self.engine.execute("DELETE FROM web_logins WHERE user_name = ?", (name,))
            self._record("user.removed", account=name)
        return True

    def password_failed(self: Any, name: str, lock_after: int, lock_for: timedelta) -> None:
        """One more wrong password; at `lock_after` in a row the account is locked for `lock_for`
        (an audit event says so)."""
        with self.engine.write():
            row = self._one(f"SELECT failures FROM users WHERE name = ?{self.engine.lock_row}", (name,))
            if row is None:
                return
            failures = row[0] + 1
            locked = (now() + lock_for).isoformat() if failures >= lock_after else None
            self.engine.execute("UPDATE users SET failures = ?, locked_until = COALESCE(?, locked_until) WHERE name = ?",
                                (0 if locked else failures, locked, name))
            if locked:
                self._record("user.locked", actor=web_actor(name))

    def sign_in(self: Any, name: str, token_hash: str, older_than: datetime) -> None:
        """A browser signed in as `name` (the wrong-password count starts again); sign-ins last
        seen before `older_than` are cleared away on the way."""
        moment = now().isoformat()
        with self.engine.write():
            self.engine.execute("DELETE FROM web_logins WHERE seen_at < ?", (older_than.isoformat(),))
            self.engine.execute("INSERT INTO web_logins (token_hash, user_name, created_at, seen_at) VALUES (?, ?, ?, ?)",
                                (token_hash, name, moment, moment))
            self.engine.execute("UPDATE users SET failures = 0, locked_until = NULL WHERE name = ?", (name,))
            self._record("login", actor=web_actor(name))

    def signed_in(self: Any, token_hash: str) -> Login | None:
        rows = self._rows(USERS_SINCE, "SELECT user_name, created_at, seen_at FROM web_logins WHERE token_hash = ?",
                          (token_hash,))
        if not rows:
            return None
        user, created, seen = rows[0]
        return Login(user, datetime.fromisoformat(created), datetime.fromisoformat(seen))

    def seen(self: Any, token_hash: str) -> None:
        with self.engine.write():
            self.engine.execute("UPDATE web_logins SET seen_at = ? WHERE token_hash = ?", (now().isoformat(), token_hash))

    def sign_out(self: Any, token_hash: str, expired: bool = False) -> None:
        """The browser's token opens nothing any more (signed out, or its time was up)."""
        with self.engine.write():
            row = self._one("SELECT user_name FROM web_logins WHERE token_hash = ?", (token_hash,))
            if row is not None:
                self.engine.execute("DELETE FROM web_logins WHERE token_hash = ?", (token_hash,))
                self._record("login.expired" if expired else "logout", actor=web_actor(row[0]))
