"""A document as one self-contained HTML page for A4: no scripts, nothing fetched (CSP), type
large enough to read at home; the PDF is printed from this same page (document_pdf.py)."""
from __future__ import annotations

from html import escape

from .document import COLUMNS, FILL, ROWS, TEXT, Part, Printout

_COMMON = """
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
body { font: 11.5pt/1.45 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a;
  max-width: 178mm; margin: 0 auto; padding: 10mm 4mm; }
@media print { body { max-width: none; padding: 0; line-height: 1.38; } h2 { margin-top: 4.5mm; } }
h1 { font-size: 20pt; margin: 0 0 1mm; }
header p { margin: 0; color: #444; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; padding-bottom: 0.8mm; border-bottom: 1.2pt solid #1a1a1a;
  break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
ul { margin: 1.5mm 0; padding-left: 6mm; }
li { margin: 1mm 0; }
ul.columns { columns: 2; column-gap: 8mm; font-size: 10pt; }
ul.columns li { margin: 0.3mm 0; }
section, li, tr { break-inside: avoid; page-break-inside: avoid; }
section.strong { border-left: 2.5pt solid #1a1a1a; padding-left: 3mm; }
section.new-page { break-before: page; page-break-before: always; }
table.rows { border-collapse: collapse; width: 100%; }
table.rows th { text-align: left; vertical-align: top; font-weight: normal; color: #444; width: 34%; padding: 0.6mm 2mm 0.6mm 0; }
table.rows td { vertical-align: top; padding: 0.6mm 0; }
section.fill p { margin: 0 0 5mm; line-height: 1.9; }
footer { margin-top: 7mm; padding-top: 2mm; border-top: 0.5pt solid #999; font-size: 9.5pt; color: #444; }
"""
# The handout: its "too much" ladder ends in 112, in bold; "turn over" right-aligned, in bold.
_HANDOUT = """
section.too_much li:last-child { font-weight: bold; }
section.turn_over p { text-align: right; font-weight: bold; margin-top: 4mm; }
@media screen { section.turn_over { display: none; } }
"""
# The letter: smaller type as letters have it (10 pt, tighter in print, so that one page holds
# the letter and the reply has its own), the sender at the top right.
_LETTER = """
body { font-size: 10pt; }
@media print { body { line-height: 1.3; } h2 { margin-top: 3.5mm; } }
h1 { font-size: 14pt; margin-top: 4mm; }
header p.sender { text-align: right; color: #1a1a1a; }
h2 { font-size: 11.5pt; border-bottom-width: 0.6pt; }
"""
_STYLES = {"handout": _COMMON + _HANDOUT, "letter": _COMMON + _LETTER}


def render_html(doc: Printout) -> str:
    """The whole document as an HTML5 page."""
    head = "\n".join(_head_line(doc, line) for line in doc.head)
    parts = "\n".join(_part(part) for part in doc.parts)
    footer = f"<footer>\n<p>{escape(doc.footer)}</p>\n</footer>\n" if doc.footer else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{_STYLES[doc.kind]}</style>\n</head>\n"
        f'<body class="{escape(doc.kind)}">\n'
        f"<header>\n{head if doc.kind == 'letter' else ''}<h1>{escape(doc.title)}</h1>\n"
        f"{head if doc.kind != 'letter' else ''}\n</header>\n{parts}\n{footer}</body>\n</html>\n"
    )


def _head_line(doc: Printout, line: str) -> str:
    """A head line: under the title on a handout; above it, at the right, on a letter (the sender)."""
    kind = ' class="sender"' if doc.kind == "letter" else ""
    return f"<p{kind}>{escape(line)}</p>\n"


def _part(part: Part) -> str:
    classes = " ".join(c for c in (part.key, "strong" if part.strong else "", "new-page" if part.new_page else "") if c)
    title = f"<h2>{escape(part.title)}</h2>\n" if part.title else ""
    return f'<section class="{escape(classes)}">\n{title}{_body(part)}\n</section>'


def _body(part: Part) -> str:
    if part.style == ROWS:
        rows = "\n".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in part.rows)
        return f'<table class="rows">\n{rows}\n</table>'
    if part.style in (TEXT, FILL):
        return "\n".join(f"<p>{escape(line)}</p>" for line in part.lines)
    kind = ' class="columns"' if part.style == COLUMNS else ""
    items = "\n".join(f"<li>{escape(line)}</li>" for line in part.lines)
    return f"<ul{kind}>\n{items}\n</ul>"
