"""One model for the documents a client or a GP takes home (the handout, the letter to the GP).

A document is plain content: a title, a few head lines, parts with a heading and their lines,
and a footer. The handout and the letter build one (handout/content.py, letter/content.py);
document_html, document_markdown and document_pdf add only layout, so the three formats say
the same. Words typed by people (a name, a note, a practice's address) go through `one_line`
before they enter a document: no control characters, no bidirectional marks that turn text
around, no line breaks that would start a Markdown heading or break a field in two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .dates import written_day

if TYPE_CHECKING:
    from engine.model import RuleBase

    from .texts import TextBook

# C0 and C1 control characters (line breaks and tabs too), and the Unicode marks that change the
# direction of the text that follows (U+061C, U+200E/F, U+202A-E, U+2066-9) or hide (U+200B-D, U+FEFF).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")

LIST, TEXT, COLUMNS, ROWS, FILL = "list", "text", "columns", "rows", "fill"


def one_line(text: str) -> str:
    """Typed words as one plain line: control and direction marks become spaces, runs of spaces one."""
    return _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip()


@dataclass(frozen=True)
class Part:
    """One part of a document under its heading.

    `style`: LIST (bullets), TEXT (paragraphs), COLUMNS (a long list of short words, in two
    columns when printed), ROWS (label and value, `rows`), FILL (lines with room to write by
    hand: the GP's reply). `strong` marks the part that must not be missed; `new_page` starts
    it on a new sheet when printed; `printed_only` leaves it out of Markdown (a "turn over"
    line means nothing in an e-mail).
    """

    key: str
    title: str | None
    lines: tuple[str, ...] = ()
    style: str = LIST
    rows: tuple[tuple[str, str], ...] = ()
    strong: bool = False
    new_page: bool = False
    printed_only: bool = False


@dataclass(frozen=True)
class Printout:
    """A whole document (a printout: to print, or to send as Markdown); `kind` (handout, letter) chooses its printed layout."""

    kind: str
    lang: str
    title: str
    head: tuple[str, ...]
    parts: tuple[Part, ...]
    footer: str | None = None


class Words:
    """A document's words in one language: its own text book, dates written out, and the
    catalogue's words for a form (as a heading, or inside a sentence)."""

    def __init__(self, book: TextBook, base: RuleBase, lang: str):
        self.book, self.base, self.lang = book, base, lang

    def __call__(self, key: str, **params: object) -> str:
        return self.book.say(key, self.lang, **params)

    def day(self, value: date | str) -> str:
        return written_day(value, self.lang)

    def form(self, form: str) -> str:
        return self.base.label("forms", form, self.lang)

    def form_in_text(self, form: str) -> str:
        """The form's words inside a sentence ('je magnesiumglycinaat')."""
        label = self.form(form)
        return label[0].lower() + label[1:]
