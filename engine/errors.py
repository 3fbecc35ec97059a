"""Bad input is reported, never raised as a traceback: every problem becomes one line.

A `Problem` names where (file, line), what (key or rule) and what is allowed, so that a
practitioner can fix an answers file or a rule file without reading Python. The message is
kept in both languages and rendered in the one the user asked for.
"""
from __future__ import annotations

from dataclasses import dataclass

from .messages import text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, rendered as `file:line: key: message`."""

    file: str
    key: str
    code: str
    params: tuple = ()
    line: int | None = None

    def render(self, lang: str = "nl") -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return printable(f"{where}: {shorten(self.key)}: {self.message(lang)}")  # the whole line escaped

    def message(self, lang: str) -> str:
        """The words after `file:line: key:`; other modules with their own texts override this.

        A `near` param (the nearest known name to a misspelt one) adds "did you mean ...?".
        """
        params = {k: v if k in _PROGRAM_WORDS else shorten(v) for k, v in self.params}
        said = text(self.code, lang, **params)
        return said + text("did_you_mean", lang, near=params["near"]) if "near" in params else said

    def __str__(self) -> str:
        return self.render("en")


# Params the program writes itself (lists of what is allowed, parser texts); others may echo the
# input (a key, a value) and are cut short.
_PROGRAM_WORDS = {"allowed", "names", "rules", "example", "promise", "message", "what", "reason", "missing"}
SHOWN = 60  # characters of an echoed key or value


def shorten(value: object) -> object:
    """Text from the input as one short line: escaped, at most SHOWN characters, then '…'."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return value if len(value) <= SHOWN else value[:SHOWN] + "…"


def printable(line: str) -> str:
    """Control characters (escape sequences, newlines, bytes such as \\x01) written as escapes,
    so that an error line is one line and cannot change the terminal."""
    if line.isprintable():
        return line
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def problem(file: str, key: str, code: str, line: int | None = None, **params: object) -> Problem:
    """Build a Problem; params fill the message template of `code`."""
    return Problem(file, key, code, tuple(sorted(params.items())), line)


class BadInput(Exception):
    """Raised with every problem found, so the user fixes them all in one round (exit 2)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
