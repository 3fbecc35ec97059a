"""What the handout says, as a document (common/document.py), made for this client.

It speaks to the client ("je") and shows only the plan's amounts and the doctor's: no rule ids,
no evidence, no ranges or limits of the advice. Safety comes first on the page: what to stop
and whom to see (and how soon), what to take (the current product stopped by its name when the
plan replaces it, the product's units, the doctor's agreement, the end date as the next
appointment allows), other medicines to keep apart, the signs of too much; then the
appointment, the practitioner's note for the client and the foods. When all of it cannot fit
on one A4 page, the foods and the note go to the back and the front says so.

Its inputs are plain data (answers, advice, the latest plan, the follow-up date, the practice);
the handout does not import the store or the summary. Whether a handout may be made at all is
ready.py's question, asked by the command first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from engine.plan_check import recommendation, units_per_day
from engine.promises import REFERRED_SYMPTOMS

from ..common.document import COLUMNS, TEXT, Part, Printout, Words
from ..common.formatting import one_line, shown_number
from ..common.texts import SAFETY_TEXTS
from .handout_texts import HANDOUT_TEXTS

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

ADULT = 16  # WGBO: from 16 a young person decides alone; under 16 with the parents
# A food's catalogue words end in its magnesium ("...: ongeveer 110 mg"): the handout shows no
# amount but the plan's, so that end is left off.
_FOOD_MG = re.compile(r":[^:]*\d+\s*mg\s*$")
WARNINGS: dict[str, str] = HANDOUT_TEXTS.data["warnings"]  # warning id -> the part its client line goes to
BACK = ("client_note", "eat", "eat_notes")  # what may go to the back of the page; the rest is safety
# One A4 page in lines of body text (11.5 pt at 1.38 on 273 mm; about 80 characters a line; the
# title, its lines and the disclaimer), measured against the PDF (tests/test_handout_pdf.py): a
# page that costs more gets a back.
PAGE_LINES, LINE_CHARS, HEADER_LINES, FOOTER_LINES = 48, 80, 5, 4.5


class _Words(Words):
    def oral(self, item: dict) -> bool:
        return self.base.forms.get(item["form"], {}).get("kind") == "oral"


@dataclass(frozen=True)
class _Plan:
    """The plan with what the page needs beside it: its start, the next appointment, the
    doctor's answer (or None) and whether it has anything to swallow."""

    plan: dict
    start: date
    follow_up: date | None
    answer: dict | None
    swallowed: bool


def build_handout(answers: dict, advice: dict, kept: dict, follow_up: str | None, base: RuleBase, lang: str,
                  practice: dict | None = None) -> Printout:
    """The handout of the latest plan (`kept`: {version, created_at, plan}) for one client."""
    w = _Words(HANDOUT_TEXTS, base, lang)
    plan = kept["plan"]
    p = _Plan(plan, date.fromisoformat(kept["created_at"][:10]), date.fromisoformat(follow_up) if follow_up else None,
              plan.get("doctor_answer"), any(w.oral(i) for i in plan["items"]))
    head = [w("made_on", date=w.day(p.start))]
    if answers.get("client"):
        head.insert(0, w("for_whom", client=one_line(answers["client"])))
    if answers.get("age", ADULT) < ADULT:
        head.append(w("for_parents"))
    blocked = bool(advice.get("blocked"))
    parts = [
        Part("important", w("important"), _important(w, answers, advice, p), strong=True),
        Part("take", w("take"), _take(w, answers, advice, p), style=TEXT),
        Part("medicines", w("medicines"), _warned(w, advice, "medicines") if p.swallowed else ()),
        Part("too_much", w("too_much"),
             _too_much(w, answers) if plan["items"] or (blocked and _takes_magnesium(answers)) else ()),
        Part("follow_up", w("follow_up"), _contact(w, p.follow_up, practice), style=TEXT),
        Part("client_note", w("client_note"), (one_line(plan["client_note"]),) if plan.get("client_note") else (),
             style=TEXT),
    ]
    if not blocked:
        foods = tuple(_FOOD_MG.sub("", base.label("foods", f, lang)) for f in advice.get("foods", []))
        parts += [Part("eat", w("eat"), foods, style=COLUMNS),
                  Part("eat_notes", None, _warned(w, advice, "eat") if foods else (), style=TEXT)]
    shown = [part for part in parts if part.lines]
    return Printout("handout", lang, w("title"), tuple(head), _paged(w, shown), base.text("disclaimer", lang))


def _warned(w: _Words, advice: dict, part: str, answers: dict | None = None) -> tuple[str, ...]:
    """The client's line of each of the advice's warnings that belongs in `part` (once each);
    the referral of complaints names the client's own (`answers`), so she knows which to take."""
    ids = dict.fromkeys(x["id"] for x in advice.get("warnings", []) if WARNINGS.get(x["id"]) == part)
    which = [w.base.label("symptoms", s, w.lang) for s in (answers or {}).get("symptoms", []) if s in REFERRED_SYMPTOMS]
    return tuple(w(f"warn_{wid}_named", which=_in_text(which)) if wid == "symptom_referral" and which
                 else w(f"warn_{wid}") for wid in ids)


def _in_text(labels: list[str]) -> str:
    """Catalogue labels inside a sentence: lower case first letters, joined with commas."""
    return ", ".join(label[:1].lower() + label[1:] for label in labels)


def _current(w: _Words, answers: dict) -> str | None:
    """The product the client takes now as the page names it ('je magnesiumglycinaat'), or None
    when its form is unknown or none is taken."""
    current = answers.get("current_magnesium") or {}
    form = current.get("form")
    if form not in w.base.forms:
        return None
    return w.form_in_text(form)


def _important(w: _Words, answers: dict, advice: dict, p: _Plan) -> tuple[str, ...]:
    """What must not be missed: a blocked advice's stop, the GP today and 112; what stays true
    of each reason the doctor had to look first (once the doctor answered); and each referral
    beside the advice, with whom to see and how soon."""
    lines: list[str] = []
    if advice.get("blocked"):
        lines += _stop_now(w, answers)
    elif p.answer:
        lines += [w(f"doctor_{r}") for r in advice.get("doctor_first_reasons", []) if HANDOUT_TEXTS.has(f"doctor_{r}")]
    return tuple(lines) + _warned(w, advice, "gp", answers)


def _stop_now(w: _Words, answers: dict) -> list[str]:
    """The advice is blocked (kidneys, serious signs of too much, ...): stop the product by its
    name, call the doctor today (the midwife too in pregnancy), 112 for very slow breathing; a
    client who takes no magnesium takes none and sees the GP about it."""
    pregnant, current = bool(answers.get("pregnant")), _current(w, answers)
    if not _takes_magnesium(answers):
        return [w("none_see_gp")]
    if current:
        stop = w("stop_named_gp_pregnant" if pregnant else "stop_named_gp", current=current)
    else:
        stop = w("stopped_gp_pregnant") if pregnant else SAFETY_TEXTS.say("stop_gp_today", w.lang)
    return [stop, SAFETY_TEXTS.say("too_much_112", w.lang)]


def _takes_magnesium(answers: dict) -> bool:
    """Whether the client takes magnesium now: a supplement, or antacids or laxatives with it."""
    return bool(answers.get("current_magnesium")) or "magnesium_antacids_laxatives" in answers.get("medications", [])


def _take(w: _Words, answers: dict, advice: dict, p: _Plan) -> tuple[str, ...]:
    """The current product stopped or kept, then one paragraph per item: what, how many, when,
    from when to when, and the doctor's agreement; how to read the label."""
    lines: list[str] = []
    if p.answer and p.answer["outcome"] == "not_advised":
        lines.append(w("not_advised", doctor=one_line(p.answer["doctor"]), date=w.day(p.answer["date"])))
    if not advice.get("blocked"):
        lines += _switch(w, answers, p)
    if not p.plan["items"] and not (p.answer and p.answer["outcome"] == "not_advised"):
        lines.append(w("take_nothing"))
    lines += [" ".join(_item(w, item, advice, p)) for item in p.plan["items"]]
    if p.swallowed:
        lines += [w("one_form"), w("label"), *_warned(w, advice, "take")]
    return tuple(lines)


def _switch(w: _Words, answers: dict, p: _Plan) -> list[str]:
    """What becomes of the product the client takes now: stopped by its name when the plan
    replaces it (or has nothing to swallow), kept when the plan goes on with the same form."""
    given = answers.get("current_magnesium")
    if not given:
        return []
    current = _current(w, answers)
    oral = next((i for i in p.plan["items"] if w.oral(i)), None)
    if oral is None:
        return [w("stop_only", current=current) if current else w("stop_only_unknown")]
    if current is None:
        return [w("switch_unknown")]
    if oral["form"] != given["form"]:
        return [w("switch_stop", current=current)]
    same = given.get("mg_per_day") in (None, oral["mg_per_day"]) and given.get("amount_basis", "elemental") == "elemental"
    return [w("switch_same" if same else "switch_amount", current=current)]


def _item(w: _Words, item: dict, advice: dict, p: _Plan) -> list[str]:
    rec = recommendation(advice, item["form"]) or {}
    form = w.form(item["form"])
    if item.get("product"):
        form = w("with_product", form=form, product=one_line(item["product"]))
    if not w.oral(item):
        return [w("take_skin", form=form)]
    mg, units = item["mg_per_day"], units_per_day(item)
    if units is not None:
        count = w(f"unit_{item['unit']}_1") if units == 1 else w(f"unit_{item['unit']}_n", n=units)
        said = [w("take_units", form=form, count=count, mg=shown_number(units * item["product_mg_per_unit"], w.lang))]
    else:
        said = [w("take_mg", form=form, mg=shown_number(mg, w.lang))]
    timing = item.get("timing") or rec.get("timing")  # the command passes advice in the handout's language
    said.append(w("when", timing=one_line(timing) if timing else w("when_any")))
    agreed = _agreed(p.answer, item)
    said.append(_period(w, item, rec, agreed, p))
    if agreed:
        said.append(w("agreed_with_doctor", doctor=one_line(agreed["doctor"]), date=w.day(agreed["date"])))
    return said


def _agreed(answer: dict | None, item: dict) -> dict | None:
    """The doctor's answer when it agreed to this item's form."""
    return answer if answer and answer["outcome"] == "agreed" and answer.get("form") == item["form"] else None


def _period(w: _Words, item: dict, rec: dict, agreed: dict | None, p: _Plan) -> str:
    """From the plan's start to the first end (its duration, the doctor's 'until'), told so that
    it agrees with the next appointment: an end before it says to stop then; an end after it, or
    none, runs until the appointment, where the plan is looked at again."""
    days = item.get("duration_days") or rec.get("duration_days")
    ends = [p.start + timedelta(days=days)] if days else []
    if agreed and agreed.get("until"):
        ends.append(date.fromisoformat(agreed["until"]))
    end = min(ends, default=None)
    if end is not None and (p.follow_up is None or end < p.follow_up):
        key = "from_to" if p.follow_up is None else "from_to_stop"
        return w(key, start=w.day(p.start), end=w.day(end))
    if p.follow_up is None:
        return w("from_until_follow_up", start=w.day(p.start))
    return w("from_until_follow_up_on", start=w.day(p.start), date=w.day(p.follow_up))


def _too_much(w: _Words, answers: dict) -> tuple[str, ...]:
    """The signs of too much; a client who is already nauseous or has stomach cramps reads that
    they count when they get worse (a blind read found "stop when nauseous" met on day one)."""
    serious = "too_much_serious_pregnant" if answers.get("pregnant") else "too_much_serious"
    if "diarrhea" in (answers.get("excess_symptoms") or []):  # the plan's lower amount is the first step
        mild = "too_much_mild_diarrhea"
    elif {"nausea", "stomach_cramps"} & set(answers.get("symptoms", [])):
        mild = "too_much_mild_already"
    else:
        mild = "too_much_mild"
    return (w(mild), w(serious), SAFETY_TEXTS.say("too_much_112", w.lang))


def _contact(w: _Words, follow_up: date | None, practice: dict | None) -> tuple[str, ...]:
    lines = [w("follow_up_on", date=w.day(follow_up))] if follow_up else []
    if practice:
        name = one_line(practice["name"])
        lines.append(w("practice", name=name, phone=one_line(practice["phone"])) if practice.get("phone")
                     else w("practice_no_phone", name=name))
    return tuple(lines)


def _cost(part: Part) -> float:
    """A part's height in lines of body text, with the space above it (an estimate that the tests
    hold against the PDF: a page it says fits, fits)."""
    if part.style == COLUMNS:
        return 2.4 + 1.15 * -(-len(part.lines) // 2)
    body = sum(-(-len(line) // LINE_CHARS) + 0.2 for line in part.lines)
    return body + (2.4 if part.title else 0.8)


def _paged(w: _Words, parts: list[Part]) -> tuple[Part, ...]:
    """The parts as printed: on one page when they fit (with the header and the footer), else
    the safety parts on the front with "Zie ommezijde" and the rest on the back."""
    if HEADER_LINES + FOOTER_LINES + sum(_cost(part) for part in parts) <= PAGE_LINES:
        return tuple(parts)
    front = [part for part in parts if part.key not in BACK]
    back = [part for part in parts if part.key in BACK]
    if not back:
        return tuple(parts)
    turn = Part("turn_over", None, (w("turn_over"),), style=TEXT, printed_only=True)
    return (*front, turn, replace(back[0], new_page=True), *back[1:])
