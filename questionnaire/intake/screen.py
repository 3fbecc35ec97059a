"""The words of the intake screens (screen_texts.yaml), their layout on the terminal, and the
intake's problems, whose messages live there too.

Kept apart from the questions so the first screen needs only this small file: the questions
and the rule base are loaded after the client's yes to the disclaimer.
"""
from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

from engine.errors import Problem
from engine.messages import text as engine_text

from ..common.texts import TextBook

TEXTS_FILE = Path(__file__).resolve().with_name("screen_texts.yaml")
SCREEN_TEXTS = TextBook(TEXTS_FILE)
MAX_WIDTH = 80
QMARK = "?"  # questionary's mark before a question
HANG = "  "  # lines after the first line of a prompt start under its words
SCALE_MAX = 10  # the severity scale runs 0 to this (prompts.py draws it, questions.py checks it)


def on_a_terminal() -> bool:
    """Whether standard input and output are both an open terminal (a closed stream is None, or
    raises): the intake's and the plan's questions need one to be answered."""
    def open_terminal(stream: object) -> bool:
        try:
            return stream is not None and stream.isatty()  # type: ignore[attr-defined]
        except (ValueError, OSError):  # closed
            return False

    return open_terminal(sys.stdin) and open_terminal(sys.stdout)


def texts() -> dict[str, dict[str, str]]:
    """All screen texts by key and language (a shipped file: a test checks it is complete)."""
    return SCREEN_TEXTS.texts()


def say(key: str, lang: str, **params: object) -> str:
    """The screen text `key` in `lang`, with its {parts} filled in."""
    return SCREEN_TEXTS.say(key, lang, **params)


def width() -> int:
    """Columns to wrap text to: the terminal's, at most 80, keeping a margin of two."""
    return min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH) - 2


def wrap(text: str, indent: str = "", hang: str = "") -> str:
    """A paragraph wrapped to the terminal, so no line is cut off on a small screen.

    `indent` starts every line, `hang` is added to the lines after the first (for "label: words").
    """
    return textwrap.fill(" ".join(text.split()), width(), initial_indent=indent, subsequent_indent=indent + hang,
                         break_long_words=False, break_on_hyphens=False)  # file names stay whole


def prompt(question: str, hint: str) -> tuple[str, str]:
    """The question and its hint for questionary ('? question hint'), broken between words only.

    prompt_toolkit breaks a prompt that is too long for the screen at its last column, inside a
    word ('spatie = a' / 'ankruisen' at 80 columns). So the question is wrapped here, and the
    hint goes on a line of its own under the question when it does not fit behind it.
    """
    wrapped = wrap(f"{QMARK} {question}", hang=HANG)
    message = wrapped[len(QMARK) + 1:]  # questionary puts the mark and a space before it
    if len(wrapped.split("\n")[-1]) + len(hint) + 2 <= width():  # it may put a space on either side
        return message, hint
    return message, "\n" + wrap(hint, indent=HANG)


# Parameters that are a phrase in the user's language around their value (empty when the value is).
PHRASES = {"kind": "question_kind"}


class IntakeProblem(Problem):
    """A problem of the questionnaire's own files; its message comes from screen_texts.yaml when known."""

    def message(self, lang: str) -> str:
        params = dict(self.params)
        for name, key in PHRASES.items():
            if name in params:
                params[name] = say(key, lang, **{name: params[name]}) if params[name] else ""
        return say(self.code, lang, **params) if self.code in texts() else engine_text(self.code, lang, **params)
