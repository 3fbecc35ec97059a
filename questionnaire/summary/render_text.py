"""The summary for the terminal: 80 columns, wrapped, with colour only when asked for.

Colour helps the eye find red flags on a screen, but must never carry meaning alone: every
level also has its word ([KRITIEK], [LET OP]), so the plain text (a pipe, a file, a printer)
says the same. Colour is applied after wrapping, so escape codes never upset the layout.
"""
from __future__ import annotations

import os
import re
import textwrap
from typing import TextIO

from .model import Block, Bullets, Fields, Item, Paragraph, Section, Subheading, Summary, Table

WIDTH = 80
_MAX_LABEL = 30
_MAX_CELL_LINES = 2  # a grid whose cells need more lines is shown as a list of rows
_WORD = re.compile(r"\s+|(?<=-)")  # where textwrap may break a line: spaces and after hyphens
_GAP = "  "
_SEPARATOR = " · "  # a long list of short words (foods) as one wrapped paragraph
_CODES = {"bold": "1", "dim": "2", "critical": "1;31", "warning": "33", "info": "36"}


class _Style:
    """ANSI styling that is a no-op when colour is off."""

    def __init__(self, colour: bool):
        self.colour = colour

    def __call__(self, text: str, style: str | None) -> str:
        if not (self.colour and style and text):
            return text
        return f"\x1b[{_CODES[style]}m{text}\x1b[0m"


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when the user asked for none (NO_COLOR, TERM=dumb)."""
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def render_text(summary: Summary, colour: bool = False, width: int = WIDTH) -> str:
    """The whole summary as terminal text."""
    style = _Style(colour)
    out = [style(summary.title.upper(), "bold"), summary.subtitle, "=" * width, ""]
    out += _fields(summary.head, width, style)
    for section in summary.sections:
        out += ["", *_heading(section, style)]
        previous = None
        for block in section.blocks:
            if previous is not None and not isinstance(previous, Subheading):
                out.append("")
            out += _block(block, width, style)
            previous = block
    return "\n".join(line.rstrip() for line in out)


def _heading(section: Section, style: _Style) -> list[str]:
    title = section.title.upper()
    return [style(title, section.level or "bold"), style("-" * len(title), section.level)]


def _block(block: Block, width: int, style: _Style) -> list[str]:
    if isinstance(block, Subheading):
        return [style(block.text, "bold")]
    if isinstance(block, Paragraph):
        return _paragraph(block, width, style)
    if isinstance(block, Bullets):
        if block.columns:
            return textwrap.wrap(_SEPARATOR.join(i.text for i in block.items), width)
        return [ln for i in block.items for ln in _item(i, width, style)]
    if isinstance(block, Fields):
        return _fields(block, width, style)
    return _table(block, width, style)


def _paragraph(par: Paragraph, width: int, style: _Style) -> list[str]:
    sources = par.text.splitlines() if par.preformatted else [par.text]
    lines = [ln for src in sources for ln in (textwrap.wrap(src, width) or [""])]
    return [style(ln, par.level) for ln in lines]


def _item(item: Item, width: int, style: _Style) -> list[str]:
    """'- [TAG] Label: text' with a hanging indent; the source dimmed on its own line."""
    lead = " ".join(part for part in (f"[{item.tag}]" if item.tag else "", f"{item.label}:" if item.label else "") if part)
    text = f"{lead} {item.text}" if lead else item.text
    lines = textwrap.wrap(text, width, initial_indent="- ", subsequent_indent="  ")
    lines = [style(ln, item.level) for ln in lines]
    if item.source:
        lines += [style(ln, "dim") for ln in textwrap.wrap(item.source, width, initial_indent="  ", subsequent_indent="  ")]
    return lines


def _fields(fields: Fields, width: int, style: _Style) -> list[str]:
    """Labels in a column, values wrapped beside them; a very long label gets its own line."""
    labelw = min(max(len(label) for label, _ in fields.pairs), _MAX_LABEL)
    indent = " " * (labelw + len(_GAP))
    lines = []
    for label, value in fields.pairs:
        if len(label) > labelw:
            lines.append(style(label, "bold"))
            first = indent
        else:
            first = style(label.ljust(labelw), "bold") + _GAP
        wrapped = textwrap.wrap(value, width - len(indent)) or [""]
        lines.append(first + wrapped[0])
        lines += [indent + ln for ln in wrapped[1:]]
    return lines


def table_lines(table: Table, width: int = WIDTH, max_cell_lines: int | None = None) -> list[str]:
    """A table on its own, without colour (the list of `magnesium review`, `rules list`); by
    default a grid whenever its columns fit at all, as those lists are read down a column."""
    return [line.rstrip() for line in _table(table, width, _Style(False), max_cell_lines)]


def _table(table: Table, width: int, style: _Style, max_cell_lines: int | None = _MAX_CELL_LINES) -> list[str]:
    """A grid when it reads as one (in the summary: every cell on at most two lines); else a
    list of rows.

    Squeezing seven columns into 80 leaves strips of one or two words a line ("Magnesium /
    oxide", "before / going / to / sleep") that nobody reads across; a row as a small block
    of label and value reads at any width.
    """
    rows = [table.header, *table.rows]
    columns = range(len(table.header))
    widths = [max(len(row[i]) for row in rows) for i in columns]
    floor = [max(len(w) for row in rows for w in (row[i].split() if i == table.ids else _WORD.split(row[i])))
             for i in columns]
    room = width - len(_GAP) * (len(widths) - 1)
    if sum(floor) > room:
        return _cards(table, width, style)
    while sum(widths) > room:
        widest = max((i for i in columns if widths[i] > floor[i]), key=lambda i: widths[i])
        widths[widest] -= 1
    wrapped = [[textwrap.wrap(cell, w, break_on_hyphens=i != table.ids) or [""] for i, (cell, w) in
                enumerate(zip(row, widths))] for row in rows]
    if max_cell_lines and any(len(cell) > max_cell_lines for cells in wrapped for cell in cells):
        return _cards(table, width, style)
    spaced = any(len(max(cells, key=len)) > 1 for cells in wrapped)
    lines = []
    for n, cells in enumerate(wrapped):
        for i in range(max(len(c) for c in cells)):
            line = _GAP.join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths))
            lines.append(style(line, "bold") if n == 0 else line)
        if n == 0:
            lines.append(_GAP.join("-" * w for w in widths))
        elif spaced and n < len(wrapped) - 1:
            lines.append("")
    return lines


def _cards(table: Table, width: int, style: _Style) -> list[str]:
    """Each row as a small block: its first two cells as a title, the others as label/value
    (an empty cell, or a dash, says nothing and is left out)."""
    lines: list[str] = []
    for row in table.rows:
        if lines:
            lines.append("")
        lines += [style(ln, "bold") for ln in textwrap.wrap(f"{row[0]}: {row[1]}", width, subsequent_indent=_GAP)]
        pairs = tuple((label, value) for label, value in zip(table.header[2:], row[2:]) if value.strip(" —"))
        if pairs:
            lines += [_GAP + ln for ln in _fields(Fields(pairs), width - len(_GAP), style)]
    return lines
