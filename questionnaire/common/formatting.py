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

# An escape sequence whole (CSI, OSC ended by BEL or ST, a two-character escape): dropped as one.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]?|"
                       r"\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def shown_number(value: float, lang: str) -> str:
    """A number as people write it: 301,38 in Dutch, 301.38 in English, no trailing zeros."""
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "nl" else shown


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
