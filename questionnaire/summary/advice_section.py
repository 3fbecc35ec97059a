"""The advice itself and why these forms: the recommendations with amount, timing and evidence,
what to avoid and what too much does; then, in the part that says why, each use with its own
evidence and what each advised form is.

Evidence is shown with the dose the trials used where the rule base names one (contract 4's
optional `trial_dose`): "moderate" earned at about 600 mg a day says little about 100-250 mg, so
the reader sees both numbers side by side. Only the forms in the advice are described; forms to
avoid are named, their reasons are in the provenance part. `ctx` is context.Context.
"""
from __future__ import annotations

from typing import Any

from engine.facts import current_elemental, fixed_share

from .model import Bullets, Item, Paragraph, Section, Subheading, Table

_COLUMNS = ("col_role", "col_form", "col_amount", "col_timing", "col_duration", "col_doctor", "col_evidence")


def advice_section(ctx: Any) -> Section:
    advice = ctx.advice
    recs = advice["recommendations"]
    if not recs:
        blocks: list = [Paragraph(ctx.w("recommendations_blocked" if advice["blocked"] else "recommendations_none"))]
    else:
        blocks = [Paragraph(ctx.base.text("one_at_a_time", ctx.lang))] if _choices(recs) else []
        blocks.append(Table(tuple(ctx.w(k) for k in _COLUMNS), tuple(row(ctx, rec) for rec in recs)))
        if ctx.answers.get("current_magnesium") and any(r["role"] == "primary" for r in recs):
            blocks.append(Paragraph(ctx.base.text("replaces_current", ctx.lang) + " " + ctx.w("now", current=current(ctx))))
    notes = tuple(ctx.item(w) for w in ctx.warnings("advice"))
    if notes:
        blocks.append(Bullets(notes))
    avoid = [ctx.label("forms", form) for form in advice["avoid_forms"]]
    if avoid and not advice["blocked"]:
        blocks.append(Paragraph(ctx.w("avoid_forms", forms=", ".join(avoid))))
    if recs:
        blocks += [Subheading(ctx.w("excess_label")), Paragraph(ctx.base.text("excess", ctx.lang))]
    return Section("recommendations", ctx.w("recommendations"), tuple(blocks))


def _choices(recs: list[dict]) -> bool:
    """Whether the advice offers forms instead of the first choice ("one at a time" says so)."""
    return any(r["role"] == "alternative" for r in recs)


def row(ctx: Any, rec: dict) -> tuple[str, ...]:
    """One recommendation as the cells of the advice table."""
    days = rec["duration_days"]
    return (
        ctx.w(f"role_{rec['role']}"),
        ctx.label("forms", rec["form"]),
        _amount(ctx, rec),
        rec["timing"] or ctx.w("dash"),
        ctx.w("duration_days", days=days) if days else ctx.w("dash"),
        ctx.w("yes" if rec["consult_doctor"] else "no"),
        _evidence(ctx, rec),
    )


def _amount(ctx: Any, rec: dict) -> str:
    mg = rec["mg_per_day"]
    if mg is None:
        return ctx.w("dash") if rec["role"] == "topical" else ctx.w("amount_doctor")
    return ctx.w(f"amount_{rec['amount_basis']}", mg=ctx.amount(mg))


def _evidence(ctx: Any, rec: dict) -> str:
    """The level, and beside it the dose of the trials where it differs from the advice's."""
    evidence = rec.get("evidence")
    if not evidence:
        return ctx.w("dash")
    level = ctx.label("evidence_levels", evidence["level"])
    dose = evidence.get("trial_dose")
    if not dose:
        return level
    if rec["mg_per_day"] is None:  # no amount to hold against it (a doctor first, a spray)
        return ctx.w("evidence_use_trial", level=level, dose=dose)
    return ctx.w("evidence_trial", level=level, dose=dose, amount=_amount(ctx, rec))


def current(ctx: Any) -> str:
    """What the client takes now, in words ('no' when nothing)."""
    now = ctx.answers.get("current_magnesium")
    if not now:
        return ctx.w("no")
    form = ctx.w("current_form_unknown") if now["form"] == "unknown" else ctx.label("forms", now["form"])
    mg = now.get("mg_per_day")
    if mg is None:
        return f"{form}, {ctx.w('current_amount_unknown')}"
    if now.get("amount_basis") == "compound":
        elemental = current_elemental(ctx.answers, ctx.base.forms)
        key = "current_compound" if fixed_share(now["form"], ctx.base.forms) else "current_compound_at_most"
        return f"{form}, " + ctx.w(key, mg=ctx.number(mg), elemental=ctx.number(round(elemental)))
    return f"{form}, " + ctx.w("mg_day", mg=ctx.number(mg))


def evidence_section(ctx: Any) -> Section | None:
    """Why these forms: each use behind the advice with its own evidence (contract 3), and what
    each advised form is; nothing when no form is advised."""
    recs = ctx.advice["recommendations"]
    if not recs:
        return None
    forms = tuple(Item(spec["text"][ctx.lang], label=ctx.label("forms", rec["form"]))
                  for rec in recs if (spec := ctx.base.forms.get(rec["form"])))
    blocks = [Subheading(ctx.w("evidence_per_use")), Bullets(_uses(ctx, recs)),
              Subheading(ctx.w("about_forms")), Bullets(forms)]
    return Section("evidence", ctx.w("evidence"), tuple(blocks))


def _uses(ctx: Any, recs: list[dict]) -> tuple[Item, ...]:
    """Each use behind the recommendations with its own evidence level and source, and the
    dose of its trials where the advice table does not show that dose already."""
    rules = [rule for rid in dict.fromkeys(r for rec in recs for r in rec["reasons"])
             if (rule := ctx.rules.get(rid)) and rule.evidence]
    shown = {(rec.get("evidence") or {}).get("trial_dose") for rec in recs}
    return tuple(Item(_use(ctx, rule.title[ctx.lang], rule.evidence, shown),
                      source=ctx.w("source", source=rule.evidence["source"][ctx.lang])) for rule in rules)


def _use(ctx: Any, title: str, evidence: dict, shown: set) -> str:
    level = ctx.evidence(evidence["level"])
    dose = evidence.get("trial_dose")
    if dose and dose.get(ctx.advice_lang) not in shown:
        level = ctx.w("evidence_use_trial", level=level, dose=dose[ctx.lang])
    return f"{title}: {level}."
