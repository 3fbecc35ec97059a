"""The provenance part ("Verantwoording"): the rules that shaped the advice, each with its title
and source; the rule base version, the date, what magnesium does (the article's section 1, as
background) and the intended use.

A rule that fired but whose conclusion the advice does not carry is not listed with the others:
a practitioner reads a row of this table as endorsed, and the source of a suppressed rule (for a
blocked client "citrate helps against constipation") is a claim of the article that was set
aside. Such rules are named by title only, under "not applied, because ...":
- a recommending (or form-swapping) rule whose form is not in the advice: the advice is blocked,
  or another rule goes first (a child gets one form, no spray or bath under 4, nothing to swap);
- the forms to avoid where the advice is blocked (no form at all);
- a likelihood rule whose word is not shown (blocked, a doctor first: likelihood_section) or
  that a higher count outranked.
Rule ids appear here, and only here. `ctx` is context.Context.
"""
from __future__ import annotations

from typing import Any

from .likelihood_section import likelihood_shown
from .model import Bullets, Fields, Item, Paragraph, Section, Subheading, Table


def trace_section(ctx: Any) -> Section:
    advice = ctx.advice
    applied, skipped = _sorted_rules(ctx)
    header = (ctx.w("col_rule"), ctx.w("col_title"), ctx.w("col_source"))
    rows = tuple((rid, ctx.rule_title(rid), ctx.source(rid)) for rid in applied)
    blocks: list = [Table(header, rows, small=True, ids=0)]
    if skipped:
        blocks.append(Bullets(tuple(Item("; ".join(titles) + ".", label=ctx.w(f"not_applied_{why}"))
                                    for why, titles in skipped.items())))
    when = ctx.moment(ctx.intake.created_at) if ctx.intake else ctx.day(ctx.today)
    blocks.append(Fields(((ctx.w("rulebase_version"), advice["rulebase_version"]), (ctx.w("head_date"), when))))
    if advice["rulebase_version"] != ctx.base.version:
        blocks.append(Paragraph(ctx.w("rulebase_changed", current=ctx.base.version)))
    if ctx.advice_lang != ctx.lang:
        blocks.append(Paragraph(ctx.w("advice_language", language=ctx.w(f"language_{ctx.advice_lang}"))))
    blocks += [Subheading(ctx.w("about_magnesium")), Paragraph(ctx.base.text("functions", ctx.lang)),
               Subheading(ctx.w("intended_use")), Paragraph(ctx.base.text("intended_use", ctx.lang))]
    return Section("trace", ctx.w("trace"), tuple(blocks))


def _sorted_rules(ctx: Any) -> tuple[list[str], dict[str, list[str]]]:
    """The ids of the rules that shaped the advice, and the titles of the others by reason."""
    applied: list[str] = []
    skipped: dict[str, list[str]] = {}
    for rule_id in dict.fromkeys(ctx.advice["fired_rules"]):
        rule = ctx.rules.get(rule_id)
        why = _not_applied(ctx, rule) if rule else None
        if why is None:
            applied.append(rule_id)
        else:
            skipped.setdefault(why, []).append(rule.title[ctx.lang])
    return applied, skipped


def _not_applied(ctx: Any, rule: Any) -> str | None:
    """Why a rule that fired did not shape the advice, or None when it did."""
    advice = ctx.advice
    reasons = {r for rec in advice["recommendations"] for r in rec["reasons"]}
    proposes = rule.concludes("recommend") or rule.concludes("swap_form")
    if proposes and rule.id not in reasons:
        if advice["blocked"]:
            return "blocked"
        return "other_first" if rule.concludes("recommend") else "nothing_to_swap"
    if rule.concludes("avoid_forms") and advice["blocked"]:
        return "blocked"  # no form at all: a list of forms to avoid says nothing
    if rule.likelihood is not None:
        if not likelihood_shown(ctx):
            return "blocked" if advice["blocked"] else "no_word"
        if rule.likelihood != advice["deficiency_likelihood"]:
            return "outranked"
    return None
