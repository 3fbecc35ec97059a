"""The summary's section on the practitioner's plan: what the client will take, and where and
why it differs from the advice (form, amount, reason), so a reviewer sees every change at once.

The plan comes in as plain data (the latest version the store kept); the summary does not
import the store or the plan package. `ctx` is build.py's context (words, labels, numbers).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from engine.plan_check import changes, units_per_day

from ..common.dates import written_day
from ..common.formatting import one_line, printable
from ..common.texts import PLAN_WORDS, reason_words
from .model import Paragraph, Section, Table

_CHANGED = ("form", "mg_per_day", "timing", "duration_days")


def plan_section(ctx: Any, kept: dict | None, follow_ups: list[dict]) -> Section | None:
    """The latest plan, or nothing when the intake has none. Its changes are held against the
    advice it was made for: the newest follow-up's from before the plan, else the intake's."""
    if kept is None:
        return None
    plan, made = kept["plan"], datetime.fromisoformat(kept["created_at"])
    earlier = [f for f in follow_ups if datetime.fromisoformat(f["created_at"]) <= made]
    advice = earlier[-1]["advice"] if earlier else ctx.advice
    blocks: list = [Paragraph(ctx.w("plan_version", version=kept["version"], date=ctx.moment(kept["created_at"])))]
    if earlier:
        blocks.append(Paragraph(ctx.w("plan_for_follow_up", number=earlier[-1]["number"])))
    if plan["items"]:
        header = tuple(ctx.w(k) for k in ("col_form", "col_amount", "plan_col_units", "col_timing", "col_duration",
                                          "plan_col_change", "plan_col_reason"))
        blocks.append(Table(header, tuple(_row(ctx, item, advice) for item in plan["items"])))
    else:
        blocks.append(Paragraph(ctx.w("plan_nothing")))
    dropped = [r["form"] for r in advice["recommendations"] if r["form"] not in {i["form"] for i in plan["items"]}]
    if dropped:
        blocks.append(Paragraph(ctx.w("plan_dropped", forms=", ".join(_dropped(ctx, plan, f) for f in dropped))))
    if plan.get("doctor_answer"):
        blocks.append(Paragraph(_doctor_answer(ctx, plan["doctor_answer"]), level="warning"))
    if plan.get("note"):
        blocks.append(Paragraph(printable(plan["note"]), preformatted=True))
    return Section("plan", ctx.w("plan"), tuple(blocks))


def _doctor_answer(ctx: Any, answer: dict) -> str:
    """The doctor's recorded answer, as a GP reading the summary wants it: who, when, what was
    agreed (form and amount a day) and until when, or that the doctor advised against it."""
    doctor, day = one_line(answer["doctor"]), written_day(answer["date"], ctx.lang)
    if answer["outcome"] == "not_advised":
        return ctx.w("plan_doctor_not_advised", doctor=doctor, date=day)
    said = ctx.w("plan_doctor_agreed", doctor=doctor, date=day, form=_in_text(ctx.label("forms", answer["form"])),
                 mg=ctx.number(answer["mg_per_day"]))
    if answer.get("until"):
        said += " " + ctx.w("plan_doctor_until", date=written_day(answer["until"], ctx.lang))
    return said


def _in_text(label: str) -> str:
    """A form's label inside a sentence: magnesiumcitraat, not Magnesiumcitraat."""
    return label[:1].lower() + label[1:]


def _dropped(ctx: Any, plan: dict, form: str) -> str:
    """A recommendation the plan leaves out, with the reason the practitioner gave (a plan of an
    older version, or one that just leaves it out, gives none)."""
    why = next((d for d in plan.get("dropped") or [] if d["form"] == form), None)
    if why is None:
        return ctx.label("forms", form)
    return f"{ctx.label('forms', form)} ({reason_words(why, ctx.lang)})"


def _row(ctx: Any, item: dict, advice: dict) -> tuple[str, ...]:
    mg, units, days = item["mg_per_day"], units_per_day(item), item["duration_days"]
    changed = changes(item, advice)
    reason = reason_words(item, ctx.lang) if item.get("change_reason") else ctx.w("dash")
    return (
        ctx.label("forms", item["form"]),
        ctx.w("amount_elemental", mg=ctx.number(mg)) if mg is not None else ctx.w("dash"),
        ctx.w("plan_units", units=units, unit=PLAN_WORDS.say(f"unit_{item['unit']}", ctx.lang),
              per_unit=ctx.number(item["product_mg_per_unit"])) if units is not None else ctx.w("dash"),
        printable(item["timing"]) if item.get("timing") else ctx.w("dash"),
        ctx.w("duration_days", days=days) if days else ctx.w("dash"),
        ", ".join(PLAN_WORDS.say(f"changed_{key}", ctx.lang) for key in _CHANGED if key in changed)
        or ctx.w("plan_as_advised"),
        reason,
    )
