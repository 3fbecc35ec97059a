"""The practitioner's summary of one advice: what to do first, the advice, why; then how it was made.

A practitioner reads it in two minutes between clients, so the order is fixed by urgency:
1. "Read first": everything that must happen before anything else (a block and why, critical
   warnings, each reason a doctor must look first and whom to see, the referrals beside the
   advice), then the advice in one line;
2. the advice: the forms with amount, timing and evidence, the plan, what to avoid, foods, and
   vitamins where the advice names one;
3. why: the evidence per use and the forms advised, the client's answers, how much a day, other
   notes, the count of signs of a deficiency;
4. the provenance part: the rules that shaped the advice with their sources, the rule base
   version, the date, the intended use (trace_section.py). File paths, hashes and rule ids
   appear there only.
For a simple client everything above the provenance is about 600 words (tests/test_summary_length.py).
This module builds that content once (model.py); the renderers of formats.py give it a text,
Markdown or HTML layout, so the three formats always say the same thing. Of the rules it reads
only their public face: title, source, evidence, and which kind they conclude.

The summary is the practitioner's: it speaks of "de cliënt". Where a doctor must look first it
says so at the top and shows no amount anywhere (contract 3).
"""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from engine.answers import pregnancy_possible

from ..common.formatting import printable
from .advice_section import advice_section, current, evidence_section, row
from .context import FIRST, NOTES, Context, KeptIntake
from .follow_up_section import follow_up_section, rated_complaints, with_follow_up_news
from .likelihood_section import likelihood_section
from .model import Bullets, Fields, Item, Paragraph, Section, Summary
from .notes_section import notes_section
from .plan_section import plan_section
from .trace_section import trace_section

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

_FOODS_SHOWN = 6  # the summary names the first foods of the list; the handout has them all


def build(answers: dict, advice: dict, base: RuleBase, lang: str = "nl", *, intake: KeptIntake | None = None,
          today: date | None = None, advice_lang: str | None = None, plan: dict | None = None,
          follow_ups: list[dict] | None = None) -> Summary:
    """The content of the summary; `today` is the date shown when the intake is not stored;
    `plan` the latest plan the store kept, `follow_ups` its follow-ups. `advice_lang` is the
    language of the advice's own texts (warnings, timing): by default that of the stored intake,
    or `lang` for advice just made.
    """
    advice_lang = advice_lang or (intake.lang if intake else lang)
    ctx = Context(answers, advice, base, lang, intake, today or date.today(), advice_lang)
    follow = follow_up_section(ctx, follow_ups or [], _flags)  # the newest news, right after the intake's flags
    sections = [
        notes_section(ctx),
        with_follow_up_news(ctx, _flags(ctx), follow, (follow_ups or [None])[-1], _in_short(ctx)),
        follow,
        advice_section(ctx),
        plan_section(ctx, plan, follow_ups or []),
        _foods(ctx),
        _cofactors(ctx),
        evidence_section(ctx),
        _profile(ctx),
        _reference(ctx),
        _notes(ctx),
        likelihood_section(ctx),
        trace_section(ctx),
    ]
    return Summary(lang, ctx.w("title"), ctx.w("subtitle"), _head(ctx), tuple(s for s in sections if s))


def _head(ctx: Context) -> Fields:
    client = printable(ctx.answers.get("client") or "") or ctx.w("head_no_client")
    intake = ctx.intake
    if intake is None:
        return Fields(((ctx.w("head_client"), client), (ctx.w("head_date"), ctx.day(ctx.today))))
    status = (ctx.w("status_reviewed_on", date=ctx.moment(intake.reviewed_at)) if intake.status == "reviewed"
              else ctx.w("status_new"))
    accepted = ctx.moment(intake.accepted_at, intake.created_at) if intake.accepted_at else ctx.w("accepted_none")
    pairs = [
        (ctx.w("head_client"), client),
        (ctx.w("head_intake"), str(intake.number)),
        (ctx.w("head_date"), ctx.moment(intake.created_at)),
        (ctx.w("head_status"), status),
        (ctx.w("head_follow_up"), ctx.day(intake.follow_up) if intake.follow_up else ctx.w("none")),
        (ctx.w("head_accepted"), accepted),
    ]
    if intake.lang != ctx.lang:
        language = ctx.w(f"language_{intake.lang}")
        kept = ctx.advice_lang != ctx.lang  # the stored advice, whose own texts are in that language
        pairs.append((ctx.w("head_language"), ctx.w("language_texts_kept", language=language) if kept else language))
    return Fields(tuple(pairs))


def _flags(ctx: Context) -> Section:
    """What must happen before anything else; "no red flags" only when there is nothing at all."""
    advice = ctx.advice
    blocks: list = []
    if advice["blocked"]:
        reasons = ", ".join(ctx.label("block_reasons", r) for r in advice["block_reasons"])
        blocks.append(Paragraph(ctx.w("flags_blocked", reasons=reasons), level="critical"))
    if advice.get("doctor_first") and not advice["blocked"]:  # blocked: no supplement, the reasons' warnings say why
        reasons = ", ".join(ctx.label("doctor_first_reasons", r) for r in advice["doctor_first_reasons"])
        blocks.append(Paragraph(ctx.w("flags_doctor_first", reasons=reasons), level="warning"))
    items = [ctx.item(w) for w in ctx.warnings(FIRST)]
    if not advice.get("doctor_first"):
        items += [Item(ctx.w("flags_doctor", form=ctx.label("forms", rec["form"])), level="warning",
                       tag=ctx.w("flags_doctor_tag"))
                  for rec in advice["recommendations"] if rec["consult_doctor"]]
    if items:
        blocks.append(Bullets(tuple(items)))
    if not blocks:
        blocks.append(Paragraph(ctx.w("flags_none")))
    short = _in_short(ctx)
    if short:
        blocks.append(Paragraph(short))
    levels = {i.level for i in items} | ({"critical"} if advice["blocked"] else set())
    levels |= {"warning"} if advice.get("doctor_first") else set()
    level = next((lv for lv in ("critical", "warning") if lv in levels), None)
    return Section("flags", ctx.w("flags"), tuple(blocks), level)


def _in_short(ctx: Context) -> str:
    """The advice in one line, so the first page already says what to take (30-second read)."""
    recs = ctx.advice["recommendations"]
    parts = []
    primary = next((r for r in recs if r["role"] == "primary"), None)
    if primary:
        _, form, amount, timing, *_ = row(ctx, primary)
        parts.append(ctx.w("flags_short", form=form, amount=amount))
        if primary["timing"]:
            parts.append(ctx.w("flags_short_timing", timing=timing))
    topical = [ctx.label("forms", r["form"]) for r in recs if r["role"] == "topical"]
    if topical:
        parts.append(ctx.w("flags_short_topical", forms=", ".join(topical)))
    return " ".join(parts)


def _profile(ctx: Context) -> Section:
    """The client's answers: what the advice rests on."""
    a = ctx.answers
    name = partial(ctx.label, "answer_keys")
    age = ctx.w("age_months", months=a.get("age_months")) if a["age"] == 0 else ctx.w("age_years", years=a["age"])
    pairs = [(name("age"), age), (name("sex"), ctx.label("sex", a["sex"]))]
    if pregnancy_possible(a["sex"], a["age"]):
        pairs += [(name(key), ctx.w("yes" if a.get(key) else "no")) for key in ("pregnant", "breastfeeding")]
    pairs.append((name("kidney"), ctx.label("kidney", a["kidney"])))
    if a["age"] >= 70:
        pairs.append((name("kidney_checked"), ctx.w("yes" if a.get("kidney_checked") else "no")))
    pairs.append((name("complaints"), rated_complaints(ctx)))
    pairs += [(name(kind), ctx.labels(kind, a.get(kind) or [])) for kind in ("conditions", "medications")]
    pairs.append((name("current_magnesium"), current(ctx)))
    if a.get("current_magnesium"):
        pairs.append((name("excess_symptoms"), ctx.labels("excess_symptoms", a.get("excess_symptoms") or [])))
    pairs.append((name("symptoms"), ctx.labels("symptoms", a.get("symptoms") or [])))
    return Section("profile", ctx.w("profile"), (Fields(tuple(pairs)),))


def _reference(ctx: Context) -> Section:
    """How much a day: the recommended intake, the upper limit and whose it is, and the notes on
    them; which reference rule gave the numbers is in the provenance part."""
    advice = ctx.advice
    intake = advice["reference_intake_mg"]
    intake_words = (ctx.w("reference_split", female=ctx.number(intake[0]), male=ctx.number(intake[1]))
                    if isinstance(intake, list) else ctx.w("mg_day", mg=ctx.number(intake)))
    upper = advice["upper_limit_supplement_mg"]
    upper_words = (ctx.w("reference_upper_none") if upper is None else
                   ctx.w("reference_upper_by", mg=ctx.number(upper), body=advice.get("upper_limit_source") or ""))
    pairs = [(ctx.w("reference_intake"), intake_words), (ctx.w("reference_upper"), upper_words)]
    if upper is not None:
        pairs.append((ctx.w("reference_policy"), ctx.w(f"policy_{ctx.base.settings['upper_limit_policy']}")))
    blocks: list = [Fields(tuple(pairs))]
    notes = [ctx.item(w) for w in ctx.warnings("reference")]
    if notes:
        blocks.append(Bullets(tuple(notes)))
    return Section("reference", ctx.w("reference"), tuple(blocks))


def _notes(ctx: Context) -> Section | None:
    """The notes of the advice that no other section shows; nothing when there are none."""
    items = tuple(ctx.item(w) for w in ctx.warnings(NOTES))
    return Section("warnings", ctx.w("warnings"), (Bullets(items),)) if items else None


def _foods(ctx: Context) -> Section | None:
    """The cautions on food and the first foods of the list; nothing when there is neither."""
    foods = ctx.advice["foods"]
    cautions = tuple(ctx.item(w) for w in ctx.warnings("foods"))
    if not (foods or cautions):
        return None
    blocks: list = [Bullets(cautions)] if cautions else []
    shown = foods if len(foods) <= _FOODS_SHOWN + 2 else foods[:_FOODS_SHOWN]  # not "and 1 more"
    if shown:
        items = tuple(Item(ctx.label("foods", f)) for f in shown)
        blocks += [Paragraph(ctx.base.text("foods_vary", ctx.lang)), Bullets(items, columns=True)]
    more = len(foods) - len(shown)
    if more:
        no_handout = ctx.advice["blocked"] or ctx.advice.get("doctor_first")  # no handout until the doctor answers
        blocks.append(Paragraph(ctx.w("foods_blocked_more" if no_handout else "foods_more", count=more)))
    return Section("foods", ctx.w("foods"), tuple(blocks))


def _cofactors(ctx: Context) -> Section | None:
    """Vitamin D (or another cofactor) only where the advice names it."""
    cofactors = ctx.advice["cofactors"]
    if not cofactors:
        return None
    named = Paragraph(ctx.w("cofactors_named", names=ctx.labels("cofactors", cofactors)))
    return Section("cofactors", ctx.w("cofactors"), (named, Paragraph(ctx.base.text("cofactors", ctx.lang))))
