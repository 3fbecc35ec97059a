"""The summary's section on the signs of a deficiency: a count of the article's signs and causes
in the client's answers, and that a blood test decides (contract 4).

The rule base's likelihood word (low, moderate, high) is shown only where the advice goes ahead
as self-care: where it is blocked or a doctor looks first, a word such as "high" would be what a
busy reader remembers, and it rests on signs that are not specific. Beside a critical warning
(a block, stop now, the midwife today) there is no count at all: menstrual-like pain in
pregnancy is no sign of a deficiency. The rule that decided the word says which threshold the
count passed; the whole scale is listed only beside "high", the word that pushes towards a
supplement, so the practitioner sees how little it takes. `ctx` is context.Context.
"""
from __future__ import annotations

from typing import Any

from .model import Bullets, Fields, Item, Paragraph, Section, Subheading
from .summary_texts import SUMMARY_TEXTS


def likelihood_shown(ctx: Any) -> bool:
    """Whether the summary may name the likelihood as a word for this advice."""
    advice = ctx.advice
    return not (advice["blocked"] or advice.get("doctor_first") or critical(ctx))


def critical(ctx: Any) -> bool:
    return any(w["level"] == "critical" for w in ctx.advice["warnings"])


def likelihood_section(ctx: Any) -> Section:
    title = ctx.w("likelihood")
    if critical(ctx):
        return Section("likelihood", title, (Paragraph(ctx.w("likelihood_stop")),))
    pairs = [_score(ctx, name, weights) for name, weights in ctx.base.scores.items()]
    blocks: list = [Paragraph(ctx.w("likelihood_note")), Fields(tuple(pairs))]
    if likelihood_shown(ctx):
        blocks += _word(ctx)
    return Section("likelihood", title, tuple(blocks))


def _word(ctx: Any) -> list:
    """The likelihood word, the rule that decided it, and the thresholds where they help."""
    level = ctx.advice["deficiency_likelihood"]
    fired = [ctx.rules[r] for r in ctx.advice["fired_rules"] if r in ctx.rules]
    pairs = [(ctx.w("likelihood_label"), ctx.w(f"likelihood_{level}"))]
    pairs += [(ctx.w("likelihood_decided"), rule.title[ctx.lang]) for rule in fired if rule.likelihood == level]
    blocks: list = [Fields(tuple(pairs))]
    if level == "high":
        thresholds = tuple(Item(rule.title[ctx.lang]) for rule in ctx.base.concluding("likelihood"))
        blocks += [Subheading(ctx.w("likelihood_thresholds")), Bullets(thresholds)]
    return blocks


def _score(ctx: Any, name: str, weights: dict[str, list[str]]) -> tuple[str, str]:
    """One score of the rule base: how many answers count, and which ones."""
    counted = [ctx.label(kind, item) for kind, ids in weights.items()
               for item in ctx.answers.get(kind) or [] if item in ids]
    label = ctx.w(f"score_{name}") if SUMMARY_TEXTS.has(f"score_{name}") else name
    return label, f"{len(counted)}" + (f": {', '.join(counted)}" if counted else "")
