"""Numbers and typed text as people read them, the same on every screen and page."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown_number(value: float, lang: str) -> str:
    """A number as people write it: 301,38 in Dutch, 301.38 in English, no trailing zeros."""
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "nl" else shown


def printable(text: str) -> str:
    """Text someone typed (client, note) without control characters: a name must not be able
    to clear the practitioner's terminal or break a page. Line breaks and tabs stay."""
    return _CONTROL.sub("", text)
