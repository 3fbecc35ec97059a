"""The summary as Markdown (CommonMark with GitHub tables), to paste into a client record.

Every text is escaped: a client called `<script>` or `*Jan*` must come out as those characters,
not as HTML or emphasis, in whatever viewer opens the file. Levels are words in bold, never only
a colour, so the file says the same on paper.
"""
from __future__ import annotations

import re

from .model import Block, Bullets, Fields, Item, Paragraph, Subheading, Summary, Table

_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# At the start of every line of a text (a client name may hold line breaks too):
_BLOCK_MARK = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)  # a heading, list item or underline
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)  # "1." or "1)": a numbered list
_SEPARATOR = " · "


def escape(text: str) -> str:
    """Text that Markdown shows literally: no HTML, links, emphasis, tables or headings."""
    text = _INLINE.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\1\\\2", text))


def render_markdown(summary: Summary) -> str:
    """The whole summary as one Markdown document."""
    out = [f"# {escape(summary.title)}", "", f"*{escape(summary.subtitle)}*", "", *_fields(summary.head)]
    for section in summary.sections:
        out += ["", f"## {escape(section.title)}"]
        for block in section.blocks:
            out += ["", *_block(block)]
    return "\n".join(out) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Subheading):
        return [f"### {escape(block.text)}"]
    if isinstance(block, Paragraph):
        return [_paragraph(block)]
    if isinstance(block, Bullets):
        if block.columns:
            return [_SEPARATOR.join(escape(i.text) for i in block.items)]
        return [_item(i) for i in block.items]
    if isinstance(block, Fields):
        return _fields(block)
    return _table(block)


def _paragraph(par: Paragraph) -> str:
    if par.preformatted:  # keep the writer's line breaks: a backslash at the end is a hard break
        return "\\\n".join(escape(line) for line in par.text.splitlines())
    return f"**{escape(par.text)}**" if par.level else escape(par.text)


def _item(item: Item) -> str:
    parts = [f"**{escape(item.tag)}**" if item.tag else "", f"**{escape(item.label)}:**" if item.label else "",
             escape(item.text), f"*({escape(item.source)})*" if item.source else ""]
    return "- " + " ".join(p for p in parts if p)


def _fields(fields: Fields) -> list[str]:
    return [f"- **{escape(label)}:** {escape(value)}" for label, value in fields.pairs]


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(" ".join(c.split())) for c in cells) + " |"
    return [row(table.header), "|" + "|".join("---" for _ in table.header) + "|", *(row(r) for r in table.rows)]
