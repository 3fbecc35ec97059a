"""Numbers and typed text as people read them, the same on every screen and page.

Text someone typed (a client's name, a note, the practice's name and phone) is shown through
`printable` or `one_line`, the one sanitizer of the program: no control character, no escape
sequence (a colour, a cleared screen, OSC 52 that writes the clipboard), no bidirectional mark
(U+202E turns "Jan" round on screen), no invisible format character reaches a terminal, an HTML
page or a Markdown file. `one_line` also joins lines, so a name cannot add a heading to Markdown.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

# An escape sequence whole (CSI, OSC ended by BEL or ST, a two-character escape): dropped as one.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]?|"
                       r"\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def shown_number(value: float, lang: str) -> str:
    """A number as people write it: 301,38 in Dutch, 301.38 in English, no trailing zeros."""
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "nl" else shown


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A duration as people type it: "6 weken", "3 maanden", "6 weeks", "45 dagen", "45". A month is 30 days.
_DURATION = re.compile(r"(\d{1,4})\s*([a-z]*)")
_DAYS_IN = {**dict.fromkeys(("", "d", "dag", "dagen", "day", "days"), 1),
            **dict.fromkeys(("w", "wk", "week", "weken", "weeks"), 7),
            **dict.fromkeys(("m", "mnd", "maand", "maanden", "month", "months"), 30)}


def typed_date(text: str) -> date | None:
    """A date as the program shows it (05-12-2026, also 5-12-2026, 5/12/2026) or as ISO
    (2026-12-05); None when it is neither, or no real day (31-02-2026)."""
    text = text.strip()
    day_first, iso = _DAY_MONTH_YEAR.fullmatch(text), _ISO_DATE.fullmatch(text)
    if not (day_first or iso):
        return None
    day, month, year = map(int, day_first.groups()) if day_first else reversed(tuple(map(int, iso.groups())))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def typed_days(text: str) -> int | None:
    """A duration in days from "6 weken", "3 maanden" (30 days each), "6 weeks", "45 dagen" or "45";
    None when it is none of these."""
    found = _DURATION.fullmatch(text.strip().casefold())
    if not found or found.group(2) not in _DAYS_IN:
        return None
    return int(found.group(1)) * _DAYS_IN[found.group(2)]


# A typed amount this many times below or above the advice is asked about ("2,5"
# typed for 250 mg, issue 21): the practitioner keeps it, takes what was meant, or types again.
FAR = 5


def far_amount(value: float, advised: float | list | None) -> bool:
    """Whether a typed amount a day lies far outside the advice's amount (one number or [low, high])."""
    low, high = (advised, advised) if isinstance(advised, (int, float)) else advised or (None, None)
    return low is not None and high is not None and (value * FAR < low or value > high * FAR)


def meant_amount(value: float, advised: float | list) -> float | None:
    """The amount the typist probably meant: `value` times a power of ten that comes near the
    advice's amount (half its low to twice its high: 2,5 -> 250 for an advice of 200 to 300 mg,
    2500 -> 250 for 300 mg); None when none does."""
    low, high = (advised, advised) if isinstance(advised, (int, float)) else advised
    for power in (1, -1, 2, -2, 3, -3):
        candidate = round(value * 10 ** power, 6)
        if low / 2 <= candidate <= high * 2:
            return candidate
    return None


def _visible(char: str) -> str:
    """A character as it may be shown: a space of any kind as a plain space, every other character
    that Python does not call printable (controls, format characters such as the bidirectional
    marks, surrogates, private use, unassigned) as nothing."""
    if char.isprintable():
        return char
    return " " if unicodedata.category(char) == "Zs" or char == "\t" else ""


def printable(text: str) -> str:
    """Text someone typed, safe to show, its lines kept (a note): see the module's docstring."""
    lines = _LINE_BREAKS.split(_SEQUENCE.sub("", text))
    return "\n".join("".join(map(_visible, line)) for line in lines)


def one_line(text: str) -> str:
    """Text someone typed as one line (a name, a phone number): printable, line breaks and runs
    of spaces as one space, no space at either end."""
    return " ".join(printable(text).split())


def unsafe(text: str, lines: bool = False) -> bool:
    """Whether typed text holds a character `printable` would take out (with `lines` a line
    break and a tab are allowed, as in a note): refused where it is typed, with one clear line."""
    allowed = "\n\t" if lines else ""
    return any(not (c.isprintable() or c in allowed or unicodedata.category(c) == "Zs") for c in text)
