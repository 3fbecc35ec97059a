"""The handout as Markdown (for an e-mail draft or a practice system that takes Markdown)."""
from __future__ import annotations

import re

from .content import Handout

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    """Text as Markdown shows it literally (a name with * or < stays text)."""
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(handout: Handout) -> str:
    lines = [f"# {_md(handout.title)}", ""]
    lines += [f"{_md(line)}  " for line in handout.head] + [""]
    for part in handout.parts:
        lines += [f"## {_md(part.title)}", ""]
        lines += [f"- {_md(line)}" if part.bullets else _md(line) + "\n" for line in part.lines]
        if part.bullets:
            lines.append("")
    lines += ["---", "", f"*{_md(handout.footer)}*", ""]
    return "\n".join(lines).replace("\n\n\n", "\n\n")
