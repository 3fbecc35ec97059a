"""Whether the latest plan's handout may reach the client; if not, why, in lines that say what to do.

No handout where a doctor must look first and the plan holds no answer from the doctor (the
letter to the GP comes first), where the doctor's agreement has run out, where the plan has a
form to swallow without an amount (the client must read how much), where the client
reported signs of too much at a follow-up after the plan, or where the plan breaks a safety
promise of the advice that stands now (the newest follow-up's): then each line names the item
and why. A plan made for the intake is not refused only because a follow-up's advice would now
pick another form or amount: carrying on with what works is the practitioner's choice, and the
promises that keep the client safe are checked all the same. A blocked advice still gets its
stop page (a blocked advice's plan is empty). Pure: the command passes the stored data in.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from engine.messages import text
from engine.plan_check import Finding, findings, needs_doctor

from ..common.formatting import one_line
from .handout_texts import HANDOUT_TEXTS

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

NOT_SAFETY = ("plan_reason_needed",)  # a change without its reason is the record's gap, not the client's risk
Line = tuple[str, dict]  # an error code of handout_texts.yaml (err_<code>) and its words


def not_ready(kept: dict, advice: dict, latest: dict | None, base: RuleBase, lang: str, today: date) -> list[Line]:
    """Why the handout of `kept` ({version, created_at, plan}) must not be made (empty: it may),
    against `advice`, the advice that stands now; `latest` is the newest follow-up or None."""
    plan, version = kept["plan"], kept["version"]
    since = {"follow_up": latest["number"], "date": latest["created_at"][:10]} if latest else {}
    if latest and latest.get("side_effects") and _older(kept, latest):
        return [("plan_side_effects", {**since, "version": version})]
    answer = plan.get("doctor_answer")
    if answer is None and not advice.get("blocked") and waits_for_doctor(plan, advice):  # blocked: the stop page
        return [("doctor_first", {"version": version, "reasons": _reasons(advice, plan, base, lang)})]
    if answer and answer.get("until") and date.fromisoformat(answer["until"]) < today:
        return [("doctor_expired", {"doctor": one_line(answer["doctor"]), "until": answer["until"]})]
    unmeasured = [i for i in plan["items"] if i["mg_per_day"] is None and base.forms.get(i["form"], {}).get("kind") == "oral"]
    if unmeasured:
        return [("no_amount", {"form": base.label("forms", i["form"], lang), "version": version}) for i in unmeasured]
    broken = [f for f in findings(plan, advice, base.forms) if f.code not in NOT_SAFETY]
    return [_refused(f, kept, base, lang, since) for f in broken]


def waits_for_doctor(plan: dict, advice: dict) -> bool:
    """Whether a doctor must answer first: the advice says doctor first, or a recommendation of a
    form in the plan says to consult the doctor (pregnancy marks them all)."""
    return bool(advice.get("doctor_first")) or any(needs_doctor(advice, item["form"]) for item in plan["items"])


def _older(kept: dict, latest: dict) -> bool:
    return datetime.fromisoformat(kept["created_at"]) < datetime.fromisoformat(latest["created_at"])


def _reasons(advice: dict, plan: dict, base: RuleBase, lang: str) -> str:
    """Why the doctor must look first, in the catalogue's words (or the forms that need it)."""
    reasons = advice.get("doctor_first_reasons") or []
    if reasons:
        return ", ".join(base.label("doctor_first_reasons", r, lang) for r in reasons)
    forms = ", ".join(base.label("forms", i["form"], lang) for i in plan["items"] if needs_doctor(advice, i["form"]))
    return HANDOUT_TEXTS.say("consult_forms", lang, forms=forms)


def _refused(finding: Finding, kept: dict, base: RuleBase, lang: str, since: dict) -> Line:
    """One broken promise as a line: which item (its form) and why, in the plan check's words."""
    path = finding.path
    if len(path) > 1 and path[0] == "items":
        item = base.label("forms", kept["plan"]["items"][path[1]]["form"], lang)
    else:
        item = HANDOUT_TEXTS.say("plan_version", lang, version=kept["version"])
    why = text(finding.code, lang, **finding.params)
    return ("plan_item_refused_follow_up" if since else "plan_item_refused", {**since, "item": item, "why": why})
