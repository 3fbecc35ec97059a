"""The safety promises: one named registry, checked on every advice before it leaves the engine.

The rules that keep these promises are data a practitioner may edit; an edit that breaks one
must not reach a client. A broken promise is reported as a problem of the rule base (exit 2),
never turned into advice, and the loader asks the same promises of every rule folder before it
is used (engine/safety_floor.py). The causes (of each block, doctor-first reason and fixed
warning) are written here a second time on purpose: they are the net under the rules, not a copy
of them. The promises hold one way only (a cause gives its block, reason or warning): a rule base
may be stricter than they are, never less strict.

`PROMISES` names every control by id with one line that says what it holds, for the hazard log:
the advice's promises (scope "advice", checked here) and the plan's (scope "plan", the findings
of engine/plan_check.py, whose codes are these ids).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .errors import BadInput, problem
from .facts import elemental, implied_salt, over_limit
from .model import RuleBase

# Even with the doctor's consent an amount stays at most this many times the applied upper
# limit, in the advice and in the plan: a doctor may treat a shortage above the limit for
# supplements, but an amount far beyond it (a typing error, 2000 for 200) never reaches a client.
CEILING_FACTOR = 2
CONTRAINDICATIONS = ("myasthenia_gravis", "heart_block", "bowel_obstruction")  # SmPC of magnesium medicines
SERIOUS_EXCESS = ("low_blood_pressure", "dizziness", "muscle_weakness", "slow_breathing")  # NIH ODS
MILD_EXCESS = ("diarrhea", "nausea")  # NIH ODS; thirst is no sign of too much (contract 4)
HIGH_RISK_PREGNANCY = ("heart_failure", "hormone_related_cancer", "diabetes", "crohns_disease")
REFERRED_SYMPTOMS = ("seizures", "numbness", "word_finding_difficulty", "cardiovascular_disease", "liver_problems", "multiple_sclerosis",
                     "alzheimers", "depression")
MEDICINES = ("antibiotics", "acid_inhibitors", "diuretics", "potassium_sparing_diuretics", "bisphosphonates",
             "magnesium_antacids_laxatives")  # each with its warning of the same id (contract 2)
IMPLAUSIBLE_SALT_MG = 3000  # a current amount that means more salt a day than this: check the label

# Every answer id a cause below asks about: a catalogue without one could not let a client report
# it, so the loader refuses it (safety_floor.py).
CAUSE_IDS: dict[str, tuple[str, ...]] = {
    "conditions": (*CONTRAINDICATIONS, *HIGH_RISK_PREGNANCY, "magnesium_deficiency", "alcohol_use"),
    "excess_symptoms": (*SERIOUS_EXCESS, *MILD_EXCESS),
    "medications": MEDICINES,
    "complaints": ("palpitations", "heartburn", "memory_problems", "menstrual_pain", "mobility", "migraine",
                   "skin_irritation", "constipation"),
    "symptoms": ("stomach_cramps", "water_retention", "stiff_muscles", "blood_pressure_problems", "other_deficiencies",
                 "hyperventilation",
                 *REFERRED_SYMPTOMS),
}

Check = Callable[[dict, dict, dict], bool]  # (answers, advice, the rule base's forms) -> the promise holds


@dataclass(frozen=True)
class Promise:
    """One control: its id, what it holds in one line, and where it is checked ("advice": on
    every advice, by `kept`; "plan": on every plan, by engine/plan_check.py)."""

    id: str
    says: str
    scope: str = "advice"
    kept: Check | None = None


PROMISES: dict[str, Promise] = {}


def _promise(pid: str, says: str) -> Callable[[Check], Check]:
    """Register an advice promise under its id (the decorated function says whether it holds)."""
    def register(kept: Check) -> Check:
        PROMISES[pid] = Promise(pid, says, "advice", kept)
        return kept
    return register


def reference_limit(age: int) -> int | None:
    """The highest upper limit for supplements either body sets for the age (NIH, IOM 1997).

    An edited rule base may choose NIH or EFSA, never a number above both: the amounts of the
    advice are held against this, whatever the rule files say.
    """
    if age == 0:
        return None
    return 65 if age <= 3 else 250 if age <= 8 else 350  # 4-8: EFSA's 250 is the higher of the two


def _has(answers: dict, key: str, item: str) -> bool:
    return item in answers[key]


def _child(answers: dict) -> bool:
    return 1 <= answers["age"] <= 13


def _warned(advice: dict) -> set[str]:
    return {w["id"] for w in advice["warnings"]}


# Each block reason is present whenever its cause is in the answers, whatever else blocks too:
# the block's critical warning is what tells the practitioner to stop, refer, or call 112.
BLOCK_CAUSES: dict[str, tuple[str, str, Check]] = {
    "kidney_problems": ("kidney_problems_block", "Reported kidney problems block all advice.",
                        lambda a, advice, forms: a["kidney"] == "problems"),
    "kidney_unknown": ("kidney_unknown_block", "Kidney function not known blocks all advice.",
                       lambda a, advice, forms: a["kidney"] == "unknown"),
    "infant": ("infant_block", "Under one year no advice at all.", lambda a, advice, forms: a["age"] == 0),
    "contraindication": ("contraindication_block", "Myasthenia gravis, heart block or bowel obstruction blocks all advice.",
                         lambda a, advice, forms: bool(set(CONTRAINDICATIONS) & set(a["conditions"]))),
    "excess_symptoms": ("excess_serious_block", "A serious sign of too much while taking magnesium blocks all advice.",
                        lambda a, advice, forms: a["current_magnesium"] is not None and bool(
                            set(SERIOUS_EXCESS) & set(a["excess_symptoms"]))),
    "current_above_limit": ("child_above_limit_block", "A child 1-13 taking more than the limit now: blocked, stop.",
                            lambda a, advice, forms: _child(a) and over_limit(
                                a, forms, advice["upper_limit_supplement_mg"])),
}


def _taking_mild(a: dict) -> bool:
    """Mild signs of too much while taking magnesium, none of them serious."""
    signs = set(a["excess_symptoms"])
    return a["current_magnesium"] is not None and not signs & set(SERIOUS_EXCESS) and (
        "nausea" in signs or (a["age"] >= 70 and "diarrhea" in signs))


# Contracts 3 and 4: each doctor-first reason is present whenever its cause is in the answers.
DOCTOR_FIRST_CAUSES: dict[str, Callable[[dict], bool]] = {
    "child": _child,
    "palpitations": lambda a: _has(a, "complaints", "palpitations"),
    "kidney_check_needed": lambda a: a["age"] >= 70 and not a["kidney_checked"],
    "minor_referral": lambda a: 14 <= a["age"] <= 17 and bool(
        a["conditions"] or a["medications"] or set(REFERRED_SYMPTOMS) & set(a["symptoms"])),
    "potassium_sparing_diuretics": lambda a: _has(a, "medications", "potassium_sparing_diuretics"),
    "diuretics": lambda a: _has(a, "medications", "diuretics"),  # kidney function and blood salts first
    "cancer": lambda a: _has(a, "conditions", "hormone_related_cancer"),  # the treating doctor first
    "magnesium_antacids_laxatives": lambda a: _has(a, "medications", "magnesium_antacids_laxatives"),
    "bisphosphonate_heartburn": lambda a: _has(a, "medications", "bisphosphonates") and _has(a, "complaints", "heartburn"),
    "memory_referral": lambda a: a["age"] >= 50 and _has(a, "complaints", "memory_problems"),
    "seizures": lambda a: _has(a, "symptoms", "seizures"),  # a first or new seizure: the GP today
    "acid_inhibitor_low_salts": lambda a: _has(a, "medications", "acid_inhibitors") and _has(
        a, "symptoms", "other_deficiencies"),
    "pregnancy_abdominal_pain": lambda a: a["pregnant"] and (
        _has(a, "complaints", "menstrual_pain") or _has(a, "symptoms", "stomach_cramps")),
    "heart_failure": lambda a: _has(a, "conditions", "heart_failure"),
    "measured_deficiency": lambda a: _has(a, "conditions", "magnesium_deficiency"),
    "pregnancy_medicine": lambda a: a["pregnant"] and _has(a, "medications", "bisphosphonates"),
    "high_risk_pregnancy": lambda a: a["pregnant"] and bool(set(HIGH_RISK_PREGNANCY) & set(a["conditions"])),
    "side_effects": _taking_mild,
}

def _implausible(salt: float | None) -> bool:
    return salt is not None and salt > IMPLAUSIBLE_SALT_MG


def _taking(medicine: str) -> Check:
    return lambda a, advice, forms: _has(a, "medications", medicine)


# Warnings the contracts fix, each present whenever its cause is in the answers: the medicines'
# (how far apart, what to watch), the referrals beside the advice (contract 4), pregnancy's.
WARNING_CAUSES: dict[str, Check] = {
    **{medicine: _taking(medicine) for medicine in MEDICINES},
    "excess_symptoms": lambda a, advice, forms: a["current_magnesium"] is not None and bool(
        set(MILD_EXCESS) & set(a["excess_symptoms"])),
    "pregnancy": lambda a, advice, forms: a["pregnant"],
    "orotate_safety": lambda a, advice, forms: (a["current_magnesium"] or {}).get("form") == "orotate",
    "mobility_referral": lambda a, advice, forms: _has(a, "complaints", "mobility"),
    "headache_over_50": lambda a, advice, forms: a["age"] >= 50 and _has(a, "complaints", "migraine"),
    "symptom_referral": lambda a, advice, forms: bool(set(REFERRED_SYMPTOMS) & set(a["symptoms"])),
    "stroke_alarm": lambda a, advice, forms: _has(a, "symptoms", "numbness") or (
        a["age"] >= 6 and _has(a, "symptoms", "word_finding_difficulty")),
    "slow_breathing_112": lambda a, advice, forms: a["current_magnesium"] is not None and _has(
        a, "excess_symptoms", "slow_breathing"),
    "child_unknown_amount": lambda a, advice, forms: 1 <= a["age"] <= 13 and a["current_magnesium"] is not None and (
        a["current_magnesium"].get("mg_per_day") is None),
    "alcohol_pregnancy": lambda a, advice, forms: a["pregnant"] and _has(a, "conditions", "alcohol_use"),
    "potassium_sparing_pregnancy": lambda a, advice, forms: a["pregnant"] and _has(
        a, "medications", "potassium_sparing_diuretics"),
    "pregnancy_seizures": lambda a, advice, forms: a["pregnant"] and _has(a, "symptoms", "seizures"),
    "myasthenia_antibiotics": lambda a, advice, forms: _has(a, "conditions", "myasthenia_gravis") and _has(
        a, "medications", "antibiotics"),
    "myasthenia_pregnancy": lambda a, advice, forms: a["pregnant"] and _has(a, "conditions", "myasthenia_gravis"),
    "child_mobility_today": lambda a, advice, forms: 1 <= a["age"] <= 13 and _has(a, "complaints", "mobility"),
    "pregnancy_preeclampsia_signs": lambda a, advice, forms: a["pregnant"] and bool(
        {"blood_pressure_problems", "water_retention"} & set(a["symptoms"]) or _has(a, "complaints", "heartburn")),
    "child_headache": lambda a, advice, forms: 1 <= a["age"] <= 13 and _has(a, "complaints", "migraine"),
    "menstrual_pain_over_50": lambda a, advice, forms: a["age"] >= 50 and a["sex"] != "male" and _has(
        a, "complaints", "menstrual_pain"),
    "child_fast_breathing": lambda a, advice, forms: a["age"] <= 13 and _has(a, "symptoms", "hyperventilation"),
    "low_mood": lambda a, advice, forms: _has(a, "symptoms", "depression"),
    "edema_referral": lambda a, advice, forms: _has(a, "symptoms", "water_retention"),
    "stiffness_over_50": lambda a, advice, forms: a["age"] >= 50 and _has(a, "symptoms", "stiff_muscles"),
    "language_development": lambda a, advice, forms: a["age"] <= 5 and _has(a, "symptoms", "word_finding_difficulty"),
    "child_side_effects": lambda a, advice, forms: a["age"] <= 13 and a["current_magnesium"] is not None and bool(
        set(SERIOUS_EXCESS + MILD_EXCESS) & set(a["excess_symptoms"])),
    "pregnancy_headache": lambda a, advice, forms: a["pregnant"] and _has(a, "complaints", "migraine"),
    "antacid_magnesium": lambda a, advice, forms: _has(a, "complaints", "heartburn"),
    "constipation_referral": lambda a, advice, forms: _has(a, "complaints", "constipation"),
    "check_label": lambda a, advice, forms: _implausible(implied_salt(a, forms)),
}


def _block_promise(reason: str, pid: str, says: str, cause: Check) -> None:
    _promise(pid, says)(lambda a, advice, forms: not cause(a, advice, forms) or reason in advice["block_reasons"])


def _doctor_first_promise(reason: str, cause: Callable[[dict], bool]) -> None:
    says = f"The doctor-first reason '{reason}' is given whenever its cause is in the answers."
    _promise(f"doctor_first_{reason}", says)(lambda a, advice, forms: not cause(a) or reason in advice["doctor_first_reasons"])


def _warning_promise(wid: str, cause: Check) -> None:
    _promise(f"warned_{wid}", f"The warning '{wid}' is given whenever its cause is in the answers.")(
        lambda a, advice, forms: not cause(a, advice, forms) or wid in _warned(advice))


for _reason, (_pid, _says, _cause) in BLOCK_CAUSES.items():
    _block_promise(_reason, _pid, _says, _cause)
for _reason, _first in DOCTOR_FIRST_CAUSES.items():
    _doctor_first_promise(_reason, _first)
for _reason, _cause in WARNING_CAUSES.items():
    _warning_promise(_reason, _cause)


def _forms_of(advice: dict, role: str | None = None) -> set[str]:
    return {r["form"] for r in advice["recommendations"] if role is None or r["role"] == role}


@_promise("never_orotate", "Orotate is never recommended, in any role (EFSA could not establish its safety).")
def _orotate(a: dict, advice: dict, forms: dict) -> bool:
    return "orotate" not in _forms_of(advice)


@_promise("no_topical_on_irritated_skin", "No spray or bath for a client with irritated skin (a salt solution irritates).")
def _irritated_skin(a: dict, advice: dict, forms: dict) -> bool:
    return not _has(a, "complaints", "skin_irritation") or not _forms_of(advice, "topical")


@_promise("oxide_primary_only_for_constipation", "Oxide (poorly absorbed) is the form to take only for constipation.")
def _oxide(a: dict, advice: dict, forms: dict) -> bool:
    return "oxide" not in _forms_of(advice, "primary") or _has(a, "complaints", "constipation")


@_promise("block_empties_advice", "A blocked advice has a reason and no recommendation; an unblocked one no reason.")
def _block_empties(a: dict, advice: dict, forms: dict) -> bool:
    return advice["blocked"] == bool(advice["block_reasons"]) and not (advice["blocked"] and advice["recommendations"])


@_promise("block_reasons_warned", "Each block reason comes with a critical warning of the same id.")
def _block_warned(a: dict, advice: dict, forms: dict) -> bool:
    critical = {w["id"] for w in advice["warnings"] if w["level"] == "critical"}
    return set(advice["block_reasons"]) <= critical


@_promise("blocked_stop_current", "A blocked advice while taking magnesium says: stop it (critical).")
def _stop_current(a: dict, advice: dict, forms: dict) -> bool:
    return not (advice["blocked"] and a["current_magnesium"] is not None) or "stop_current" in _warned(advice)


@_promise("doctor_first_reasons_warned", "Doctor first exactly when it has a reason, and each reason has its warning.")
def _doctor_first_warned(a: dict, advice: dict, forms: dict) -> bool:
    reasons = advice["doctor_first_reasons"]
    return advice["doctor_first"] == bool(reasons) and set(reasons) <= _warned(advice)


def _no_amounts(advice: dict) -> bool:
    return all(r["mg_per_day"] is None and r["consult_doctor"] for r in advice["recommendations"])


@_promise("doctor_first_no_amount", "Where a doctor must look first, no amount and every form says: consult the doctor.")
def _doctor_first_amount(a: dict, advice: dict, forms: dict) -> bool:
    return not advice["doctor_first"] or _no_amounts(advice)


@_promise("child_doctor_no_amount", "A child 1-13 gets no amount, and every form says: consult the doctor.")
def _child_amount(a: dict, advice: dict, forms: dict) -> bool:
    return not _child(a) or _no_amounts(advice)


@_promise("child_one_form", "A child 1-13 is named one oral form at most (no alternative).")
def _child_one_form(a: dict, advice: dict, forms: dict) -> bool:
    return not _child(a) or all(r["role"] != "alternative" for r in advice["recommendations"])


@_promise("young_child_no_topical", "A child 1-3 gets no spray or bath.")
def _young_child_topical(a: dict, advice: dict, forms: dict) -> bool:
    return not 1 <= a["age"] <= 3 or all(r["role"] != "topical" for r in advice["recommendations"])


@_promise("pregnancy_doctor", "In pregnancy every form says: consult the midwife or doctor.")
def _pregnancy(a: dict, advice: dict, forms: dict) -> bool:
    return not a["pregnant"] or all(r["consult_doctor"] for r in advice["recommendations"])


@_promise("topical_no_amount", "A spray or bath carries no amount.")
def _topical_amount(a: dict, advice: dict, forms: dict) -> bool:
    return all(r["mg_per_day"] is None for r in advice["recommendations"] if r["role"] == "topical")


@_promise("upper_limit_within_references", "From one year on the applied limit exists and is no higher than NIH's or EFSA's.")
def _limit_within_references(a: dict, advice: dict, forms: dict) -> bool:
    upper, ceiling = advice["upper_limit_supplement_mg"], reference_limit(a["age"])
    return upper is None if ceiling is None else upper is not None and upper <= ceiling


def _limit(a: dict, advice: dict) -> float | None:
    """The limit an amount is held to: the advice's, never above the references'."""
    upper, ceiling = advice["upper_limit_supplement_mg"], reference_limit(a["age"])
    return None if upper is None or ceiling is None else min(upper, ceiling)


def highest(rec: dict, forms: dict) -> float | None:
    """The most elemental magnesium a day a recommendation allows (a compound amount converted
    with the form's share), or None where it gives no amount."""
    mg = rec["mg_per_day"]
    if mg is None:
        return None
    return elemental(max(mg) if isinstance(mg, list) else mg, rec["amount_basis"], rec["form"], forms)


def _over(a: dict, advice: dict, forms: dict, factor: int) -> list[dict]:
    """The recommendations with an amount above `factor` times the limit (every one with an
    amount where the age has no limit)."""
    limit = _limit(a, advice)
    return [rec for rec in advice["recommendations"]
            if (high := highest(rec, forms)) is not None and (limit is None or high > factor * limit)]


@_promise("amount_within_limit", "No amount above the applied limit (elemental, a compound converted) without the doctor.")
def _within_limit(a: dict, advice: dict, forms: dict) -> bool:
    return all(rec["consult_doctor"] for rec in _over(a, advice, forms, 1))


@_promise("amount_within_ceiling", f"Even with the doctor no amount above {CEILING_FACTOR} times the applied limit.")
def _within_ceiling(a: dict, advice: dict, forms: dict) -> bool:
    return not _over(a, advice, forms, CEILING_FACTOR)


@_promise("above_limit_doctor_warned", "An amount above the limit (only with the doctor) has the warning above_limit_doctor.")
def _above_limit_warned(a: dict, advice: dict, forms: dict) -> bool:
    over = _over(a, advice, forms, 1)
    return "above_limit_doctor" in _warned(advice) or not any(rec["consult_doctor"] for rec in over)


@_promise("current_above_limit_warned", "Taking more than the limit now, and not blocked: the warning current_above_limit.")
def _current_warned(a: dict, advice: dict, forms: dict) -> bool:
    over = over_limit(a, forms, advice["upper_limit_supplement_mg"])
    return not over or advice["blocked"] or "current_above_limit" in _warned(advice)


# The plan's promises: each is a finding code of engine/plan_check.py.
for _pid, _says in (
        ("plan_blocked", "A blocked advice gets an empty plan."),
        ("plan_above_limit", "No oral amount above the applied limit unless the doctor agreed."),
        ("plan_above_ceiling", f"Even with the doctor's agreement no oral amount above {CEILING_FACTOR} x the limit."),
        ("plan_total_above_limit", "The day's total swallowed stays within the limit unless the doctor agreed."),
        ("plan_total_above_ceiling", f"Even with the doctor's agreement the day's total swallowed stays within "
                                     f"{CEILING_FACTOR} x the limit."),
        ("plan_doctor_first", "No amount where the advice says doctor first (client or form) unless the doctor agreed."),
        ("plan_form_avoided", "No form the advice says to avoid unless the doctor agreed."),
        ("plan_above_agreed", "No amount above the one the doctor agreed to for that form."),
        ("plan_doctor_not_advised", "No item when the doctor advised against a supplement."),
        ("plan_one_oral", "One form to swallow at a time."),
        ("plan_form_twice", "Each form once in a plan."),
        ("plan_topical_amount", "A spray or bath carries no mg amount."),
        ("plan_form_unknown", "Only forms the rule base knows."),
        ("plan_reason_needed", "Every difference from the advice has its reason."),
        ("plan_units_zero", "A product whose unit holds more than the day's amount is refused."),
):
    PROMISES[_pid] = Promise(_pid, _says, "plan")


class BrokenPromise(BadInput):
    """An advice that breaks a promise: a fault of the rule base, never of the client's answers
    (a batch stops at it: the rule base is refused from then on)."""

    def __init__(self, where: str, ids: list[str]):
        super().__init__([problem(where, "safety", "promise_broken", promise=p) for p in ids])
        self.ids = ids


def broken(answers: dict, advice: dict, forms: dict) -> list[str]:
    """The ids of the advice promises this advice breaks (empty when all hold), in registry order."""
    return [p.id for p in PROMISES.values() if p.kept is not None and not p.kept(answers, advice, forms)]


def check(answers: dict, advice: dict, base: RuleBase) -> None:
    """Raise BrokenPromise naming each broken promise and the rule base that broke it."""
    found = broken(answers, advice, base.forms)
    if found:
        raise BrokenPromise(base.directory, found)
