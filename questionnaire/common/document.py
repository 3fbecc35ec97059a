"""One model for the documents a client or a GP takes home (the handout, the letter to the GP).

A document is plain content: a title, a few head lines, parts with a heading and their lines,
and a footer. The handout and the letter build one (handout/content.py, letter/content.py);
document_html, document_markdown and document_pdf add only layout, so the three formats say
the same. Words typed by people (a name, a note, a practice's address) go through `one_line`
(common/formatting.py) before they enter a document: no control characters, no bidirectional marks that turn text
around, no line breaks that would start a Markdown heading or break a field in two.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .dates import written_day

if TYPE_CHECKING:
    from engine.model import RuleBase

    from .texts import TextBook

LIST, TEXT, COLUMNS, ROWS, FILL = "list", "text", "columns", "rows", "fill"


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
