"""The safety promises of design.md, checked on every advice before it leaves the engine.

The rules that keep these promises are data a practitioner may edit; an edit that breaks one
must not reach a client. A broken promise is reported as a problem of the rule base (exit 2),
never turned into advice.
"""
from __future__ import annotations

from .errors import BadInput, problem
from .rulebase import RuleBase


def broken(answers: dict, advice: dict) -> list[str]:
    """The ids of the promises this advice breaks (empty when all hold)."""
    recs = advice["recommendations"]
    reasons = advice["block_reasons"]
    found = []
    if answers["kidney"] == "problems" and "kidney_problems" not in reasons:
        found.append("kidney_problems_block")
    if answers["kidney"] == "unknown" and "kidney_unknown" not in reasons:
        found.append("kidney_unknown_block")
    if answers["age"] == 0 and "infant" not in reasons:
        found.append("infant_block")
    if advice["blocked"] != bool(reasons) or (advice["blocked"] and recs):
        found.append("block_empties_advice")
    if 1 <= answers["age"] <= 13 and any(r["mg_per_day"] is not None or not r["consult_doctor"] for r in recs):
        found.append("child_doctor_no_amount")
    if answers["pregnant"] and not all(r["consult_doctor"] for r in recs):
        found.append("pregnancy_doctor")
    return found


def check(answers: dict, advice: dict, base: RuleBase) -> None:
    """Raise BadInput naming each broken promise and the rule base that broke it."""
    found = broken(answers, advice)
    if found:
        raise BadInput([problem(base.directory, "safety", "promise_broken", promise=p) for p in found])
