"""The safety promises of design.md, checked on every advice before it leaves the engine.

The rules that keep these promises are data a practitioner may edit; an edit that breaks one
must not reach a client. A broken promise is reported as a problem of the rule base (exit 2),
never turned into advice. The causes of the contract's doctor-first reasons are written here a
second time on purpose: they are the net under the rules, not a copy of them.
"""
from __future__ import annotations

from typing import Callable

from .errors import BadInput, problem
from .model import RuleBase

_REFERRED_MEDICINES = {"bisphosphonates", "diuretics", "potassium_sparing_diuretics"}


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


# Contract 3: each doctor-first reason is present whenever its cause is in the answers.
DOCTOR_FIRST_CAUSES: dict[str, Callable[[dict], bool]] = {
    "child": lambda a: 1 <= a["age"] <= 13,
    "palpitations": lambda a: _has(a, "complaints", "palpitations"),
    "kidney_check_needed": lambda a: a["age"] >= 70 and not a["kidney_checked"],
    "minor_referral": lambda a: 14 <= a["age"] <= 17 and (
        _has(a, "conditions", "alcohol_use") or bool(_REFERRED_MEDICINES & set(a["medications"]))),
    "potassium_sparing_diuretics": lambda a: _has(a, "medications", "potassium_sparing_diuretics"),
    "magnesium_antacids_laxatives": lambda a: _has(a, "medications", "magnesium_antacids_laxatives"),
    "bisphosphonate_heartburn": lambda a: _has(a, "medications", "bisphosphonates") and _has(a, "complaints", "heartburn"),
    "memory_referral": lambda a: a["age"] >= 50 and _has(a, "complaints", "memory_problems"),
    "pregnancy_abdominal_pain": lambda a: a["pregnant"] and (
        _has(a, "complaints", "menstrual_pain") or _has(a, "symptoms", "stomach_cramps")),
}


def _blocks(answers: dict, advice: dict) -> list[str]:
    reasons = advice["block_reasons"]
    found = []
    if answers["kidney"] == "problems" and "kidney_problems" not in reasons:
        found.append("kidney_problems_block")
    if answers["kidney"] == "unknown" and "kidney_unknown" not in reasons:
        found.append("kidney_unknown_block")
    if answers["age"] == 0 and "infant" not in reasons:
        found.append("infant_block")
    if advice["blocked"] != bool(reasons) or (advice["blocked"] and advice["recommendations"]):
        found.append("block_empties_advice")
    ids = {w["id"] for w in advice["warnings"]}
    if advice["blocked"] and answers["current_magnesium"] is not None and "stop_current" not in ids:
        found.append("blocked_stop_current")
    return found


def _amounts(answers: dict, advice: dict) -> list[str]:
    recs, upper = advice["recommendations"], advice["upper_limit_supplement_mg"]
    ceiling = reference_limit(answers["age"])
    found = [] if upper is None or (ceiling is not None and upper <= ceiling) else ["upper_limit_within_references"]
    if 1 <= answers["age"] <= 13 and any(r["mg_per_day"] is not None or not r["consult_doctor"] for r in recs):
        found.append("child_doctor_no_amount")
    if 1 <= answers["age"] <= 13 and any(r["role"] == "alternative" for r in recs):
        found.append("child_one_form")
    if 1 <= answers["age"] <= 3 and any(r["role"] == "topical" for r in recs):
        found.append("young_child_no_topical")
    if answers["pregnant"] and not all(r["consult_doctor"] for r in recs):
        found.append("pregnancy_doctor")
    if advice["doctor_first"] and any(r["mg_per_day"] is not None or not r["consult_doctor"] for r in recs):
        found.append("doctor_first_no_amount")
    for rec in recs:
        mg = rec["mg_per_day"]
        high = max(mg) if isinstance(mg, list) else mg
        if high is not None and rec["amount_basis"] == "elemental" and not rec["consult_doctor"] and (
                upper is None or ceiling is None or high > min(upper, ceiling)):
            found.append("amount_within_limit")
    return found


def _doctor_first(answers: dict, advice: dict) -> list[str]:
    reasons = advice["doctor_first_reasons"]
    ids = {w["id"] for w in advice["warnings"]}
    found = [f"doctor_first_{reason}" for reason, cause in DOCTOR_FIRST_CAUSES.items()
             if cause(answers) and reason not in reasons]
    if advice["doctor_first"] != bool(reasons) or any(r not in ids for r in reasons):
        found.append("doctor_first_reasons_warned")
    return found


def broken(answers: dict, advice: dict) -> list[str]:
    """The ids of the promises this advice breaks (empty when all hold)."""
    return list(dict.fromkeys(_blocks(answers, advice) + _amounts(answers, advice) + _doctor_first(answers, advice)))


def check(answers: dict, advice: dict, base: RuleBase) -> None:
    """Raise BadInput naming each broken promise and the rule base that broke it."""
    found = broken(answers, advice)
    if found:
        raise BadInput([problem(base.directory, "safety", "promise_broken", promise=p) for p in found])
