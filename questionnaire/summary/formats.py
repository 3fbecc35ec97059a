"""The summary's formats: one registry, format name -> renderer, for advise, review and exports.

Every renderer lays out the same built summary (build.py), so the formats cannot drift apart.
A new format is one entry here.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable

from .build import build
from .model import Summary
from .render_html import render_html
from .render_markdown import render_markdown
from .render_text import render_text

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from .context import KeptIntake

# name -> renderer(summary, colour); colour is for the terminal only.
RENDERERS: dict[str, Callable[[Summary, bool], str]] = {
    "text": lambda summary, colour: render_text(summary, colour=colour),
    "markdown": lambda summary, colour: render_markdown(summary),
    "html": lambda summary, colour: render_html(summary),
}
FORMATS = tuple(RENDERERS)


def render(answers: dict, advice: dict, base: RuleBase, lang: str = "nl", fmt: str = "text", *,
           intake: KeptIntake | None = None, today: date | None = None, colour: bool = False,
           advice_lang: str | None = None, plan: dict | None = None, follow_ups: list[dict] | None = None) -> str:
    """The summary as text (colour optional), Markdown or a self-contained HTML page; `plan` is
    the latest plan the store kept for the intake (shown beside the advice), `follow_ups` its
    follow-ups (the latest shown beside the intake)."""
    summary = build(answers, advice, base, lang, intake=intake, today=today, advice_lang=advice_lang, plan=plan,
                    follow_ups=follow_ups)
    if fmt not in RENDERERS:
        raise ValueError(f"unknown summary format {fmt!r}; use one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](summary, colour)
