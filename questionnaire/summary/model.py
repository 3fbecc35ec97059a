"""The summary as neutral content: sections of paragraphs, lists, label/value pairs and tables.

build.py decides what the practitioner reads and in which words; render_text, render_markdown
and render_html only decide how it looks. So the three formats cannot drift apart: they show the
same content because they render the same structure. Every string here is final text in the
language asked for; renderers escape it for their format and add nothing but layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Subheading:
    """A small heading inside a section (such as "About these forms")."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; `level` marks it as critical/warning/info (shown in colour or bold)."""

    text: str
    level: str | None = None
    preformatted: bool = False  # keep the writer's line breaks (the practitioner's note)


@dataclass(frozen=True)
class Item:
    """One entry of a list: an optional tag (KRITIEK, LET OP), a lead-in, the text, a source."""

    text: str
    label: str | None = None
    level: str | None = None
    tag: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]
    columns: bool = False  # a long list of short words (foods): several columns where room


@dataclass(frozen=True)
class Fields:
    """Label/value pairs, such as the client profile."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    small: bool = False  # the trace of rules: print it smaller
    ids: int | None = None  # a column of ids (rule ids): never broken at their hyphens


Block = Union[Subheading, Paragraph, Bullets, Fields, Table]


@dataclass(frozen=True)
class Section:
    key: str  # stable name, used as the HTML class
    title: str
    blocks: tuple[Block, ...]
    level: str | None = None  # the "read first" section is marked when something is critical


@dataclass(frozen=True)
class Summary:
    lang: str
    title: str
    subtitle: str
    head: Fields
    sections: tuple[Section, ...] = field(default_factory=tuple)
