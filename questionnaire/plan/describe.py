"""The plan's questions in words: the intake's headline, a recommendation as the practitioner
weighs it, and the whole plan before it is kept (plan_texts.yaml, the catalogue's labels).

Pure functions that return lines, so the words are tested without a terminal and the questions
(plan/session.py) only show them. Amounts as people write them (250 or 2,5).
"""
from __future__ import annotations

from datetime import date

from engine.model import RuleBase
from engine.plan_check import changes, units_per_day

from ..common.formatting import printable, shown_number
from ..common.texts import PLAN_WORDS, reason_words
from .plan_texts import PLAN_TEXTS


def _say(key: str, lang: str, **params: object) -> str:
    """The plan's words (plan_texts.yaml)."""
    return PLAN_TEXTS.say(key, lang, **params)


def _labels(base: RuleBase, kind: str, ids: list[str], lang: str) -> str:
    """Catalogue ids as their words, in a row (the reasons of a block, of doctor first)."""
    return ", ".join(base.label(kind, i, lang) for i in ids)


def shown_day(value: str, lang: str) -> str:
    """A date as the practitioner reads and types it (10-12-2026 in Dutch, 2026-12-10 in English)."""
    day = date.fromisoformat(value[:10])
    return f"{day:%d-%m-%Y}" if lang == "nl" else day.isoformat()


def headline(number: int, client: str | None, created: str, advice: dict, base: RuleBase, lang: str) -> list[str]:
    """Whose intake, whether it is blocked or needs a doctor first (and why), the upper limit."""
    lines = [_say("ask_title", lang, number=number, client=printable(client) if client else _say("ask_no_name", lang),
                  date=shown_day(created, lang))]
    lines.append(_say("ask_blocked", lang, reasons=_labels(base, "block_reasons", advice["block_reasons"], lang))
                 if advice.get("blocked") else _say("ask_not_blocked", lang))
    lines.append(_say("ask_doctor_first", lang, reasons=_labels(base, "doctor_first_reasons",
                                                                 advice["doctor_first_reasons"], lang))
                 if advice.get("doctor_first") else _say("ask_no_doctor_first", lang))
    upper = advice.get("upper_limit_supplement_mg")
    lines.append(_say("ask_limit", lang, mg=shown_number(upper, lang), source=advice.get("upper_limit_source"))
                 if upper is not None else _say("ask_no_limit", lang))
    return lines


def advised_amount(rec: dict, lang: str) -> str:
    """The advice's amount in words: a number, a range, none (a spray or a bath), or that the
    doctor decides (an oral form where a doctor must look first)."""
    mg = rec["mg_per_day"]
    if mg is None:
        return _say("plan_amount_none" if rec.get("role") == "topical" else "ask_doctor_decides", lang)
    if isinstance(mg, list):
        return _say("ask_range", lang, low=shown_number(mg[0], lang), high=shown_number(mg[1], lang))
    return _say("plan_amount", lang, mg=shown_number(mg, lang))


def _duration(days: int | None, lang: str) -> str:
    """How long the advice says, or that it says nothing about it."""
    return _say("ask_days", lang, days=days) if days else _say("ask_not_given", lang)


def recommendation(rec: dict, base: RuleBase, lang: str) -> list[str]:
    """One recommendation as the practitioner weighs it: role and form, amount, when, how long,
    the evidence, and whether the doctor must be consulted first."""
    lines = [_say("ask_recommendation", lang, role=_say(f"role_{rec['role']}", lang),
                  form=base.label("forms", rec["form"], lang)),
             _say("ask_advised", lang, amount=advised_amount(rec, lang)),
             _say("ask_timing_shown", lang, timing=rec.get("timing") or _say("ask_not_given", lang)),
             _say("ask_duration_shown", lang, duration=_duration(rec.get("duration_days"), lang))]
    if rec.get("evidence"):
        lines.append(_say("ask_evidence", lang, level=base.label("evidence_levels", rec["evidence"]["level"], lang),
                          source=rec["evidence"]["source"]))
    if rec.get("consult_doctor"):
        lines.append(_say("ask_consult", lang))
    return lines


def units(item: dict, lang: str) -> str | None:
    """The product's whole units a day (rounded down) with the label's data, if it has a product."""
    count = units_per_day(item)
    if count is None:
        return None
    per_unit = item["product_mg_per_unit"]
    return _say("plan_units", lang, units=count, unit=PLAN_WORDS.say(f"unit_{item['unit']}", lang),
                per_unit=shown_number(per_unit, lang), total=shown_number(count * per_unit, lang))


def changed(what: list[str], lang: str) -> str:
    """What differs from the advice, in words ('hoeveelheid, hoe lang')."""
    return ", ".join(PLAN_WORDS.say(f"changed_{key}", lang) for key in what)


def _item(item: dict, advice: dict, base: RuleBase, lang: str) -> str:
    """One item on one line: amount, product, when, how long, and how it differs from the advice."""
    mg = item["mg_per_day"]
    parts = [_say("plan_amount", lang, mg=shown_number(mg, lang)) if mg is not None else _say("plan_amount_none", lang)]
    parts += [shown for shown in (units(item, lang), item.get("product") and printable(item["product"]),
                                  item.get("timing") and printable(item["timing"])) if shown]
    parts += [_say("ask_days", lang, days=item["duration_days"])] if item.get("duration_days") else []
    what = changes(item, advice)
    parts.append(_say("ask_differs", lang, what=changed(what, lang), reason=reason_words(item, lang)) if what
                 else _say("ask_as_advised", lang))
    return _say("plan_item", lang, form=base.label("forms", item["form"], lang), amount="; ".join(parts))


def review(plan: dict, version: int, advice: dict, base: RuleBase, lang: str) -> list[str]:
    """The whole plan in words before it is kept."""
    lines = [_say("ask_review", lang, version=version)]
    lines += [f"- {_item(i, advice, base, lang)}" for i in plan["items"]] or [f"- {_say('ask_review_nothing', lang)}"]
    lines += [f"- {_say('ask_dropped', lang, form=base.label('forms', d['form'], lang), reason=reason_words(d, lang))}"
              for d in plan["dropped"]]
    if plan.get("doctor_answer"):
        lines.append(_say("ask_answer_shown", lang, answer=answer(plan["doctor_answer"], base, lang)))
    if plan["note"]:
        lines.append(_say("ask_note_shown", lang, note=printable(plan["note"])))
    if plan.get("client_note"):
        lines.append(_say("ask_client_note_shown", lang, note=printable(plan["client_note"])))
    return lines


def answer(given: dict, base: RuleBase, lang: str) -> str:
    """The doctor's answer in one line ('dr. K. Bakker, 10-12-2026: Magnesiumcitraat, hoogstens
    150 mg magnesium per dag, tot 10-03-2027')."""
    who = f"{printable(given['doctor'])}, {shown_day(given['date'], lang)}"
    if given["outcome"] != "agreed":
        return _say("answer_not_advised", lang, who=who)
    until = _say("answer_until", lang, date=shown_day(given["until"], lang)) if given.get("until") else ""
    return _say("answer_agreed", lang, who=who, form=base.label("forms", given["form"], lang),
                mg=shown_number(given["mg_per_day"], lang), until=until)
