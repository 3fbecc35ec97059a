"""The handout as one self-contained HTML page for A4: no scripts, nothing fetched (CSP), large
enough type to read at home, and everything on one page for a simple plan."""
from __future__ import annotations

from html import escape

from .content import Handout, Part

_CSS = """
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
section, li { break-inside: avoid; page-break-inside: avoid; }
section.too_much li:last-child { font-weight: bold; }
footer { margin-top: 7mm; padding-top: 2mm; border-top: 0.5pt solid #999; font-size: 9.5pt; color: #444; }
"""


def render_html(handout: Handout) -> str:
    """The whole handout as an HTML5 document."""
    head = "\n".join(f"<p>{escape(line)}</p>" for line in handout.head)
    parts = "\n".join(_part(part) for part in handout.parts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(handout.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(handout.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{escape(handout.title)}</h1>\n{head}\n</header>\n{parts}\n"
        f"<footer>\n<p>{escape(handout.footer)}</p>\n</footer>\n</body>\n</html>\n"
    )


def _part(part: Part) -> str:
    if part.bullets:
        items = "\n".join(f"<li>{escape(line)}</li>" for line in part.lines)
        kind = ' class="columns"' if part.columns else ""
        body = f"<ul{kind}>\n{items}\n</ul>"
    else:
        body = "\n".join(f"<p>{escape(line)}</p>" for line in part.lines)
    return f'<section class="{escape(part.key)}">\n<h2>{escape(part.title)}</h2>\n{body}\n</section>'
