"""The clock of the program: local time with its UTC offset, to the second.

One clock for everything people read back: when an intake was made, when its disclaimer was
accepted, when it was reviewed.
"""
from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    """The local time with its UTC offset, to the second: what a practitioner reads back."""
    return datetime.now().astimezone().replace(microsecond=0)
