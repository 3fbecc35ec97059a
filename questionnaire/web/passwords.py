"""The practitioners' passwords and account names: Argon2id hashes (argon2-cffi), never the
password itself, and what a name and a password must be.

One PasswordHasher with argon2-cffi's defaults (RFC 9106's second recommended profile: 64 MiB,
3 passes); an old hash is made again after a right password when the defaults grow
(`needs_rehash`). An unknown name is checked against a hash of nothing anyone knows, so a wrong
name takes as long as a wrong password and both get the same words. Passwords: at least 15
characters (NIST SP 800-63B-4 for a password that is the only factor), any characters, no
rules about kinds of characters, pasting and password managers welcome.
"""
from __future__ import annotations

import re
from functools import lru_cache

from typing import Any

MIN_LENGTH = 15
MAX_LENGTH = 256  # hashing a megabyte of "password" would be a way to keep the server busy
NAME = re.compile(r"[a-z][a-z0-9._-]{0,31}")


@lru_cache(maxsize=1)
def hasher() -> Any:
    """argon2-cffi's PasswordHasher (the `web` extra), imported on first use: checking a name
    needs none of it. ImportError when the extra is missing."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def name_ok(name: str) -> bool:
    """A lower-case name of 1-32 letters, digits, dots, hyphens or underscores, starting with a letter."""
    return NAME.fullmatch(name) is not None


def password_problem(password: str) -> str | None:
    """The text key of what is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return "password_short"
    if len(password) > MAX_LENGTH:
        return "password_long"
    return None


def hashed(password: str) -> str:
    return hasher().hash(password)


@lru_cache(maxsize=1)
def _nobody() -> str:
    """The hash an unknown name is checked against (made once)."""
    return hasher().hash("the password of nobody at all")


def verified(stored: str | None, password: str) -> bool:
    """Whether the password is the one of this hash (None: an unknown name, always False, as slow)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_LENGTH:
        return False
    try:
        return hasher().verify(stored or _nobody(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return hasher().check_needs_rehash(stored)
