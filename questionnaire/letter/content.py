"""The letter to the GP as a document (common/document.py): from the practice, about the client
(name and year of birth as the practitioner gives them), why the doctor must look first in the
GP's words, the client's answers that matter, the precise question, and on its own page a part
the doctor fills in (agreed form and amount a day and until when, or not advised; name, date).

Its inputs are plain data (answers, advice, the latest plan, the practice); the letter does not
import the store. The doctor's answer is recorded in the plan (plan/doctor_answer.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from engine.facts import current_elemental, fixed_share

from ..common.document import FILL, ROWS, TEXT, Part, Printout, Words
from ..common.formatting import one_line, shown_number
from .letter_texts import LETTER_TEXTS
from .question import asked

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

SENDER = ("name", "practitioner", "address", "phone", "email")
REFERRALS = ("pregnancy_seizures", "pregnancy_preeclampsia_signs", "child_side_effects", "child_fast_breathing",
             "child_mobility_today",
             "child_headache", "myasthenia_antibiotics", "myasthenia_pregnancy", "pregnancy", "mobility_referral", "headache_over_50", "symptom_referral", "stroke_alarm",
             "language_development", "pregnancy_headache", "alcohol_pregnancy", "potassium_sparing_pregnancy", "low_mood",
             "edema_referral", "stiffness_over_50", "menstrual_pain_over_50", "constipation_referral", "thirst_gp", "child_pain_gp",
             "restless_legs_iron", "medicine_pregnancy_check", "check_label", "medicines_unknown", "implausible_answers")


@dataclass(frozen=True)
class Client:
    """Whom the letter is about and to, as the practitioner gives them; the intake's dates."""

    name: str
    born: int
    intake_date: str
    follow_up_date: str | None = None  # the follow-up whose answers the letter gives, if any
    to: str | None = None


class _Words(Words):
    def labels(self, kind: str, ids: list[str] | None) -> str:
        return ", ".join(self.base.label(kind, i, self.lang) for i in ids or []) or self("none_given")


def build_letter(answers: dict, advice: dict, plan: dict | None, practice: dict, client: Client, base: RuleBase,
                 lang: str, today: date) -> Printout:
    """The letter about one intake, dated `today`."""
    w = _Words(LETTER_TEXTS, base, lang)
    name = one_line(client.name)
    head = tuple(one_line(practice[key]) for key in SENDER if practice.get(key))
    parts = (
        Part("addressed", None, style=ROWS, rows=(
            (w("to_label"), one_line(client.to) if client.to else w(
                "to_default_pregnant" if answers.get("pregnant") else "to_default", name=name)),
            (w("date_label"), w.day(today)), (w("about_label"), w("about", name=name, born=client.born)))),
        Part("opening", None, _opening(w, answers, advice, practice, client), style=TEXT),
        Part("reasons", w("reasons"), _reasons(w, advice)),
        Part("answers", w("answers"), style=ROWS, rows=_answers(w, answers, plan)),
        Part("question", w("question"), _question(w, answers, advice, plan)),
        Part("closing", None, _closing(w, practice), style=TEXT),
        Part("reply", w("reply"), _reply(w, practice, client), style=FILL, new_page=True),
    )
    return Printout("letter", lang, w("title"), head, parts)


def _opening(w: _Words, answers: dict, advice: dict, practice: dict, client: Client) -> tuple[str, ...]:
    name = one_line(client.name)
    intro = w("intro_follow_up", follow_up=w.day(client.follow_up_date), name=name, born=client.born,
              date=w.day(client.intake_date), practice=one_line(practice["name"])) if client.follow_up_date else \
        w("intro", name=name, born=client.born, date=w.day(client.intake_date), practice=one_line(practice["name"]))
    writer = w("writer", practitioner=one_line(practice["practitioner"])) if practice.get("practitioner") \
        else w("writer_unnamed")
    lines = [w("salutation_pregnant" if answers.get("pregnant") else "salutation"), f"{intro} {writer}"]
    warned = {x["id"] for x in advice.get("warnings", [])}
    if "slow_breathing_112" in warned:  # the letter confirms; it never is the referral (blind read 4)
        lines.append(w("need_breathing", name=name))
    elif advice.get("blocked"):  # today only where something is happening now: signs, or magnesium taken
        taking = answers.get("current_magnesium") or "magnesium_antacids_laxatives" in answers.get("medications", [])
        urgent = taking or set(advice["block_reasons"]) & {"excess_symptoms", "current_above_limit"}
        lines.append(w("need_blocked" if urgent else "need_blocked_appointment", name=name))
    elif advice.get("doctor_first"):
        lines.append(w("need_doctor"))
    else:
        lines.append(w("need_request"))
    current = _current(w, answers)
    stop = advice.get("blocked") or "side_effects" in advice.get("doctor_first_reasons", []) or \
        bool({"child_unknown_amount", "stop_above_limit"} & warned)
    if stop and current:
        lines.append(w("need_stop", name=name, current=current))
    return tuple(lines)


def _reasons(w: _Words, advice: dict) -> tuple[str, ...]:
    """Each block and doctor-first reason in the GP's words (the catalogue's words for one this
    letter does not know yet), then the referrals beside the advice."""
    pairs = [(i, "block_reasons") for i in advice.get("block_reasons", [])]
    pairs += [(i, "doctor_first_reasons") for i in advice.get("doctor_first_reasons", [])]
    lines = [w(f"gp_{i}") if LETTER_TEXTS.has(f"gp_{i}") else w.base.label(kind, i, w.lang) + "." for i, kind in pairs]
    warned = dict.fromkeys(x["id"] for x in advice.get("warnings", []) if x["id"] in REFERRALS)
    child = "child" in advice.get("doctor_first_reasons", [])
    keys = [f"ref_{i}_child" if child and LETTER_TEXTS.has(f"ref_{i}_child") else f"ref_{i}" for i in warned]
    lines += [f"{w('also')}: {w(key)}" if lines else w(key) for key in keys]
    return tuple(lines) or (w("reason_none"),)


def _current(w: _Words, answers: dict) -> str | None:
    """The magnesium taken now with its elemental amount (converted from the salt's weight)."""
    current = answers.get("current_magnesium")
    if not current:
        return None
    form = w.form_in_text(current["form"]) if current.get("form") in w.base.forms else w("current_unknown_form")
    mg = current.get("mg_per_day")
    if mg is None:
        return w("current_no_amount", form=form)
    if current.get("amount_basis", "elemental") == "elemental":
        return w("current_elemental", form=form, mg=shown_number(mg, w.lang))
    elemental = round(current_elemental(answers, w.base.forms))
    key = "current_compound" if fixed_share(current["form"], w.base.forms) else "current_compound_at_most"
    return w(key, form=form, mg=shown_number(mg, w.lang), elemental=elemental)


def _answers(w: _Words, answers: dict, plan: dict | None) -> tuple[tuple[str, str], ...]:
    """The client's answers that matter to the GP, each a row; the plan's proposal last."""
    sex = w.base.label("sex", answers["sex"], w.lang).lower()
    profile = w("profile_months", months=answers.get("age_months"), sex=sex) if answers["age"] == 0 \
        else w("profile", age=answers["age"], sex=sex)
    profile = ", ".join([profile] + [w(key) for key in ("pregnant", "breastfeeding") if answers.get(key)])
    kidney = w(f"kidney_{answers['kidney']}")
    if answers["kidney"] == "none" and (answers.get("kidney_checked") or answers["age"] >= 70):  # asked from 70 only
        kidney += "; " + w("kidney_checked_yes" if answers.get("kidney_checked") else "kidney_checked_no")
    rows = [(w("row_profile"), profile), (w("row_kidney"), kidney),
            (w("row_conditions"), w.labels("conditions", answers.get("conditions"))),
            (w("row_medications"), w.labels("medications", answers.get("medications"))),
            (w("row_complaints"), w.labels("complaints", answers.get("complaints")))]
    current = _current(w, answers)
    if current:
        rows.append((w("row_current"), current))
        rows.append((w("row_excess"), w.labels("excess_symptoms", answers.get("excess_symptoms"))))
    if answers.get("symptoms"):
        rows.append((w("row_symptoms"), w.labels("symptoms", answers["symptoms"])))
    if plan and plan.get("items"):
        rows.append((w("row_plan"), "; ".join(_proposed(w, item) for item in plan["items"])))
    return tuple(rows)


def _proposed(w: _Words, item: dict) -> str:
    form = w.form_in_text(item["form"])
    if w.base.forms.get(item["form"], {}).get("kind") != "oral":
        return w("plan_item_skin", form=form)
    if item.get("mg_per_day") is None:
        return w("plan_item_open", form=form)
    return w("plan_item", form=form, mg=shown_number(item["mg_per_day"], w.lang))


def _question(w: _Words, answers: dict, advice: dict, plan: dict | None) -> tuple[str, ...]:
    """The precise question: this form at this amount a day (or which amount, for a child), and
    whether the kidney function was measured recently when that is not known."""
    q = asked(advice, plan, w.base)
    upper = advice.get("upper_limit_supplement_mg")
    if "child" in advice.get("doctor_first_reasons", []) and upper is not None:  # no form for a child
        lines = [w("ask_child", limit=shown_number(upper, w.lang), source=advice.get("upper_limit_source"))]
    elif q.form is None:
        lines = [w("ask_any")]
    elif q.amount is None:
        lines = [w("ask_form", form=w.form_in_text(q.form), limit=shown_number(upper, w.lang), source=advice.get(
            "upper_limit_source")) if upper is not None else w("ask_any")]
    else:
        amount = "-".join(shown_number(x, w.lang) for x in q.amount) if isinstance(q.amount, list) \
            else shown_number(q.amount, w.lang)
        lines = [w("ask_amount", form=w.form_in_text(q.form), amount=amount)]
    if "magnesium_antacids_laxatives" in answers.get("medications", []):
        lines.append(w("ask_total"))
    why = _lab_reasons(advice)
    if why:  # the blood values a GP would want first (blind read of 5 December 2026)
        lines.append(w("ask_labs", why=" ".join(w(f"labs_{key}") for key in why)))
    elif answers["kidney"] != "none" or not answers.get("kidney_checked"):
        lines.append(w("ask_kidney"))
    return tuple(lines)


# The advice's warning ids that make blood values worth asking for, and the words that say why.
LAB_CAUSES = {"acid_inhibitors": "acid_inhibitors", "diuretics": "diuretics",
              "potassium_sparing_diuretics": "potassium_sparing_diuretics", "heart_failure": "heart_failure",
              "seizures": "seizures", "magnesium_antacids_laxatives": "antacids", "excess_symptoms": "taking",
              "side_effects": "taking"}


def _lab_reasons(advice: dict) -> list[str]:
    """Why the letter asks for magnesium, potassium, sodium, calcium and eGFR (each reason once)."""
    ids = {x["id"] for x in advice.get("warnings", [])}
    return list(dict.fromkeys(key for wid, key in LAB_CAUSES.items() if wid in ids))


def _contact(practice: dict) -> str:
    return ", ".join(one_line(practice[key]) for key in ("name", "address", "phone", "email") if practice.get(key))


def _closing(w: _Words, practice: dict) -> tuple[str, ...]:
    signed = [one_line(practice[key]) for key in ("practitioner", "name") if practice.get(key)]
    return (w("reply_by", contact=_contact(practice)), w("regards"), ", ".join(signed))


def _reply(w: _Words, practice: dict, client: Client) -> tuple[str, ...]:
    return (w("reply_about", name=one_line(client.name), born=client.born, contact=_contact(practice)),
            w("reply_agreed"), w("reply_not_advised"), w("reply_kidney"), w("reply_note"), w("reply_line"),
            w("reply_sign"))
