"""Client codes: short, unguessable, easy to type over; kept only as a hash.

A code is 8 characters from 31 that cannot be mistaken for each other (no 0/O, 1/I/L), drawn
with `secrets`: 31**8 is about 8.5e11, and the start page allows a few misses per address per
quarter of an hour (guard.py), so guessing a live code is hopeless. It is typed in any case, with
or without spaces and hyphens. The store keeps its SHA-256 only (a code lives a day at most and
is never shown again). A visit token is the browser's own key to the intake once the code was
given, in its session cookie; the store keeps its hash too.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..common.clock import now

if TYPE_CHECKING:
    from ..store import IntakeStore

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
DEFAULT_HOURS = 24
MAX_HOURS = 24 * 14
_TYPED_APART = " -\t"


@dataclass(frozen=True)
class NewCode:
    """A code just made: shown once to the practitioner, then only its hash exists."""

    number: int
    code: str
    expires_at: datetime

    @property
    def shown(self) -> str:
        return shown(self.code)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as people read and type it: ABCD-EFGH."""
    return f"{code[:LENGTH // 2]}-{code[LENGTH // 2:]}"


def typed(entry: str) -> str:
    """What a client typed, as the code it means: spaces and hyphens out, capitals."""
    return "".join(c for c in entry if c not in _TYPED_APART).upper()


def code_hash(code: str) -> str:
    return hashlib.sha256(typed(code).encode("ascii", "replace")).hexdigest()


def visit_token() -> str:
    return secrets.token_urlsafe(32)


def visit_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def create(kept: IntakeStore, hours: int = DEFAULT_HOURS, lang: str = "nl") -> NewCode:
    """A new code for one client's intake, valid `hours` from now."""
    code, expires = new_code(), now() + timedelta(hours=hours)
    return NewCode(kept.add_invite(code_hash(code), expires, lang), code, expires)


def renew(kept: IntakeStore, number: int, hours: int = DEFAULT_HOURS) -> NewCode | None:
    """A new code for an unfinished intake (its answers kept); None when it cannot be renewed."""
    code, expires = new_code(), now() + timedelta(hours=hours)
    return NewCode(number, code, expires) if kept.renew_invite(number, code_hash(code), expires) else None
