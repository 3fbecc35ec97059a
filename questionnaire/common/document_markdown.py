"""A document as Markdown (an e-mail draft, or a practice system that takes Markdown).

Every line of content is escaped so that it shows literally: a name with `*`, `<` or a leading
`#` or `1.` stays text and starts no heading, list or link."""
from __future__ import annotations

import re

from .document import FILL, ROWS, TEXT, Part, Printout

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def literal(text: str) -> str:
    """Text as Markdown shows it literally."""
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), _SPECIAL.sub(r"\\\1", text))


def render_markdown(doc: Printout) -> str:
    head = [f"{literal(line)}  " for line in doc.head] + [""] if doc.head else []
    lines = head if doc.kind == "letter" else []  # a letter's sender above its title, a handout's lines below
    lines += [f"# {literal(doc.title)}", ""] + (head if doc.kind != "letter" else [])
    for part in doc.parts:
        if not part.printed_only:
            lines += _part(part)
    if doc.footer:
        lines += ["---", "", f"*{literal(doc.footer)}*", ""]
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def _part(part: Part) -> list[str]:
    lines = ["---", ""] if part.new_page else []
    if part.title:
        lines += [f"## {literal(part.title)}", ""]
    if part.style == ROWS:
        return lines + [f"- {literal(label)}: {literal(value)}" for label, value in part.rows] + [""]
    if part.style in (TEXT, FILL):
        return lines + [item for line in part.lines for item in (literal(line), "")]
    return lines + [f"- {literal(line)}" for line in part.lines] + [""]
