"""The summary as one self-contained HTML page that prints well on A4.

Self-contained: the style is inline, there are no scripts, fonts, images or links to fetch, and a
Content-Security-Policy forbids loading anything, so the page opens the same offline, years
later, from an e-mail or a USB stick. Every text is escaped, whoever typed it. Levels are words
as well as colours, so a black-and-white print says the same as the screen.
"""
from __future__ import annotations

from html import escape

from .model import Block, Bullets, Fields, Item, Paragraph, Section, Subheading, Summary, Table

_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #555; } }
:root { --ink: #1a1a1a; --muted: #555; --line: #c9c9c9; --critical: #a4001c; --warning: #7a4d00; --info: #0b4f8a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  max-width: 180mm; margin: 0 auto; padding: 10mm 4mm; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 19pt; margin: 0; }
.subtitle { margin: 0 0 3mm; color: var(--muted); }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 0.8mm; border-bottom: 1.2pt solid var(--ink);
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
p.pre { white-space: pre-wrap; }
p.level-critical { color: var(--critical); font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 1.5mm 0; }
dt { font-weight: bold; max-width: 65mm; }
dd { margin: 0; }
header dl { border-top: 0.5pt solid var(--line); border-bottom: 0.5pt solid var(--line); padding: 2mm 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.8mm; border-bottom: 0.5pt solid var(--line); }
th { font-size: 9pt; border-bottom: 1pt solid var(--ink); }
thead { display: table-header-group; }
tr, li, .keep { break-inside: avoid; page-break-inside: avoid; }
table.small { font-size: 8.3pt; }
table.small td:first-child { white-space: nowrap; }
ul { margin: 1.5mm 0; padding-left: 5mm; }
li { margin: 0.8mm 0; }
ul.columns { columns: 3; column-gap: 6mm; padding-left: 4mm; }
.tag { display: inline-block; font-size: 7.5pt; font-weight: bold; letter-spacing: 0.03em; line-height: 1.3;
  padding: 0 1.2mm; margin-right: 1.2mm; border: 0.8pt solid currentColor; border-radius: 0.8mm; }
.level-critical .tag, li.level-critical { color: var(--critical); }
.level-warning .tag { color: var(--warning); }
.level-info .tag { color: var(--info); }
.source { display: block; color: var(--muted); font-size: 8.3pt; }
section.s-flags { border: 1.2pt solid var(--line); border-radius: 1.5mm; padding: 0 4mm 2mm; margin-top: 4mm; }
section.s-flags h2 { border-bottom: none; margin-top: 3mm; }
section.s-flags.level-critical { border: 2pt solid var(--critical); background: #fcf0f2; }
section.s-flags.level-warning { border-color: var(--warning); background: #fdf8ec; }
section.s-note p { border-left: 3pt solid var(--info); padding-left: 3mm; }
"""


def render_html(summary: Summary) -> str:
    """The whole summary as an HTML5 document."""
    who = summary.head.pairs[0][1] if summary.head.pairs else ""
    body = html_body(summary)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(summary.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(summary.title)} – {escape(who)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def html_body(summary: Summary) -> str:
    """The summary's content without the page around it (the web workspace shows it in its own
    page, with its own style sheet: the same elements and classes)."""
    head = (f'<header>\n<h1>{escape(summary.title)}</h1>\n<p class="subtitle">{escape(summary.subtitle)}</p>\n'
            f"{_fields(summary.head)}\n</header>")
    return "\n".join([head, *(_section(s) for s in summary.sections)])


def _section(section: Section) -> str:
    """A section whose heading stays on the page of what follows it (no heading alone at the foot)."""
    first, *rest = _chunks(section.blocks) or [""]
    kept = f'<div class="keep">\n<h2>{escape(section.title)}</h2>\n{first}\n</div>'
    return "\n".join([f"<section{_class('s-' + section.key, _level(section.level))}>", kept, *rest, "</section>"])


def _chunks(blocks: tuple[Block, ...]) -> list[str]:
    """The blocks as HTML, each subheading in one unbreakable piece with the block after it."""
    chunks, i = [], 0
    while i < len(blocks):
        if isinstance(blocks[i], Subheading) and i + 1 < len(blocks):
            chunks.append(f'<div class="keep">\n{_block(blocks[i])}\n{_block(blocks[i + 1])}\n</div>')
            i += 2
        else:
            chunks.append(_block(blocks[i]))
            i += 1
    return chunks


def _block(block: Block) -> str:
    if isinstance(block, Subheading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        items = "\n".join(_item(i) for i in block.items)
        return f"<ul{_class('columns' if block.columns else '')}>\n{items}\n</ul>"
    if isinstance(block, Fields):
        return _fields(block)
    return _table(block)


def _class(*names: str) -> str:
    """ class="a b" for the names that are not empty, or nothing."""
    joined = " ".join(n for n in names if n)
    return f' class="{joined}"' if joined else ""


def _level(level: str | None) -> str:
    return f"level-{level}" if level else ""


def _paragraph(par: Paragraph) -> str:
    return f"<p{_class('pre' if par.preformatted else '', _level(par.level))}>{escape(par.text)}</p>"


def _item(item: Item) -> str:
    parts = [f'<span class="tag">{escape(item.tag)}</span>' if item.tag else "",
             f"<strong>{escape(item.label)}:</strong> " if item.label else "",
             escape(item.text),
             f'<span class="source">{escape(item.source)}</span>' if item.source else ""]
    return f"<li{_class(_level(item.level))}>{''.join(parts)}</li>"


def _fields(fields: Fields) -> str:
    pairs = "\n".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in fields.pairs)
    return f"<dl>\n{pairs}\n</dl>"


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    rows = "\n".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table{_class('small' if table.small else '')}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
