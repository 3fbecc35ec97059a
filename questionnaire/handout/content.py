"""What the handout says, as plain content (title, head lines, sections of lines).

It speaks to the client ("je") and shows only the plan's amounts: no rule ids, no evidence, no
ranges or limits of the advice. Its inputs are plain data (answers, advice, the latest plan,
the follow-up date, the practice); the handout does not import the store or the summary. The
renderers (render_html, render_markdown) add only layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from engine.plan_check import needs_doctor, recommendation, units_per_day

from ..common.formatting import one_line, printable, shown_number
from ..common.texts import SAFETY_TEXTS
from .handout_texts import HANDOUT_TEXTS

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

SPACING = ("antibiotics", "bisphosphonates")
# A food's catalogue words end in its magnesium ("...: ongeveer 110 mg"): the handout shows no
# amount but the plan's, so that end is left off.
_FOOD_MG = re.compile(r":[^:]*\d+\s*mg\s*$")  # the advice's warnings whose hours the client must keep


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    lines: tuple[str, ...]
    bullets: bool = True
    columns: bool = False  # a long list of short words (foods): several columns


@dataclass(frozen=True)
class Handout:
    lang: str
    title: str
    head: tuple[str, ...]
    parts: tuple[Part, ...]
    footer: str


class _Words:
    """The handout's words in one language, and its dates as people write them."""

    def __init__(self, base: RuleBase, lang: str):
        self.base, self.lang = base, lang

    def __call__(self, key: str, **params: object) -> str:
        return HANDOUT_TEXTS.say(key, self.lang, **params)

    def day(self, value: date | str) -> str:
        day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return f"{day.day} {self('months').split()[day.month - 1]} {day.year}"

    def form(self, form: str) -> str:
        return self.base.label("forms", form, self.lang)


def build_handout(answers: dict, advice: dict, kept: dict, follow_up: str | None, base: RuleBase, lang: str,
                  practice: dict | None = None) -> Handout:
    """The handout of the latest plan (`kept`: {version, created_at, plan}) for one client."""
    w = _Words(base, lang)
    start = date.fromisoformat(kept["created_at"][:10])
    head = [w("made_on", date=w.day(start))]
    if answers.get("client"):
        head.insert(0, w("for_whom", client=one_line(answers["client"])))
    pregnant = bool(answers.get("pregnant"))
    parts = [Part("take", w("take"), _take(w, kept["plan"], advice, start), bullets=False)]
    if advice.get("blocked"):  # no supplement now: say first what to do, and no food advice beside it
        parts.insert(0, Part("stopped", w("stopped"), _stop_now(w, pregnant), bullets=False))
    apart = [w(f"apart_{wid}") for wid in SPACING if wid in {x["id"] for x in advice.get("warnings", [])}]
    if apart and kept["plan"]["items"]:
        parts.append(Part("apart", w("apart"), tuple(apart)))
    foods = tuple(_FOOD_MG.sub("", base.label("foods", f, lang)) for f in advice.get("foods", []))
    if foods and not advice.get("blocked"):
        parts.append(Part("eat", w("eat"), foods, columns=True))
    if kept["plan"]["items"] or advice.get("blocked"):
        parts.append(Part("too_much", w("too_much"), (
            w("too_much_mild"), w("too_much_serious_pregnant" if pregnant else "too_much_serious"),
            SAFETY_TEXTS.say("too_much_112", lang))))
    contact = [w("follow_up_on", date=w.day(follow_up))] if follow_up else []
    if practice:
        contact.append(w("practice", name=practice["name"], phone=practice["phone"]) if practice.get("phone")
                       else w("practice_no_phone", name=practice["name"]))
    if contact:
        parts.append(Part("follow_up", w("follow_up"), tuple(contact), bullets=False))
    return Handout(lang, w("title"), tuple(head), tuple(parts), base.text("disclaimer", lang))


def _stop_now(w: _Words, pregnant: bool) -> tuple[str, ...]:
    """The advice is blocked (kidneys, serious signs of too much, ...): stop, the doctor today, 112."""
    stop = w("stopped_gp_pregnant") if pregnant else SAFETY_TEXTS.say("stop_gp_today", w.lang)
    return (stop, SAFETY_TEXTS.say("too_much_112", w.lang))


def _take(w: _Words, plan: dict, advice: dict, start: date) -> tuple[str, ...]:
    """One paragraph per item: what, how many, when, from when to when."""
    if not plan["items"]:
        return (w("take_nothing"),)
    lines = [" ".join(_item(w, item, advice, start) + _agreed(w, item, plan, advice)) for item in plan["items"]]
    oral = [i for i in plan["items"] if w.base.forms.get(i["form"], {}).get("kind") == "oral"]
    return tuple(lines + ([w("one_form")] if oral else []))


def _agreed(w: _Words, item: dict, plan: dict, advice: dict) -> list[str]:
    """An amount that only the doctor's consent allows (above the limit, or where a doctor must
    look first) says so, so the client knows it is not a general advice to pass on."""
    mg, upper = item["mg_per_day"], advice.get("upper_limit_supplement_mg")
    needs = mg is not None and (upper is None or mg > upper or needs_doctor(advice, item["form"]))
    return [w("agreed_with_doctor")] if needs and plan.get("doctor_agreed") else []


def _item(w: _Words, item: dict, advice: dict, start: date) -> list[str]:
    rec = recommendation(advice, item["form"]) or {}
    form, mg, units = w.form(item["form"]), item["mg_per_day"], units_per_day(item)
    if w.base.forms.get(item["form"], {}).get("kind") == "topical":
        return [w("take_skin", form=form)]
    if mg is None:
        said = [w("take_doctor", form=form)]
    elif units is not None:
        count = w(f"unit_{item['unit']}_1") if units == 1 else w(f"unit_{item['unit']}_n", n=units)
        said = [w("take_units", form=form, count=count, mg=shown_number(units * item["product_mg_per_unit"], w.lang))]
    else:
        said = [w("take_mg", form=form, mg=shown_number(mg, w.lang))]
    timing = item.get("timing") or rec.get("timing")  # the command passes advice in the handout's language
    said.append(w("when", timing=printable(timing) if timing else w("when_any")))
    days = item.get("duration_days") or rec.get("duration_days")
    said.append(w("from_to", start=w.day(start), end=w.day(start + timedelta(days=days))) if days
                else w("from_until_follow_up", start=w.day(start)))
    return said

