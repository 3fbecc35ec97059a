"""The safety promises of a practitioner's plan, held against the advice it was made from.

The advice keeps its promises (promises.py); a plan is the practitioner's edit of it, and an
edit must not undo them: nothing when the advice is blocked, no amount to swallow above the
applied limit (each item, and the day's total of all of them) or where a doctor must look first
unless the doctor agreed (and never above CEILING_FACTOR times the limit), no form the advice
says to avoid unless the doctor agreed, one oral form at a time, each form once, no mg amount on
a spray or bath (nothing is swallowed), forms the rule base knows, and a product count that
never exceeds the plan's amount. "The doctor agreed" is the doctor's recorded answer (the
plan's `doctor_answer`): its amount is the cap for its form, and "not advised" leaves the plan
no item at all. Each finding's code is a promise id of promises.PROMISES. These are pure
functions on plain data (plan, advice, forms): the command turns each finding into an error
line with the plan file's line, so this module knows nothing of files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .promises import CEILING_FACTOR

REASONS = ("client_preference", "already_tried", "doctor_advice", "side_effects", "cost_or_availability", "continued",
           "other")


@dataclass(frozen=True)
class Finding:
    """One broken promise: where in the plan (a path of keys and indexes), which key, why."""

    path: tuple
    key: str
    code: str
    params: dict = field(default_factory=dict)


def units_per_day(item: dict) -> int | None:
    """Whole units a day that stay within the plan's amount (rounded down, never up)."""
    mg, per_unit = item.get("mg_per_day"), item.get("product_mg_per_unit")
    if mg is None or not per_unit:
        return None
    return int(Decimal(str(mg)) // Decimal(str(per_unit)))  # as written: 0.3 / 0.1 is 3, not 2.9999


def recommendation(advice: dict, form: str) -> dict | None:
    """The advice's recommendation for a form, if it has one."""
    return next((r for r in advice.get("recommendations", []) if r["form"] == form), None)


def _same_amount(mg: float | None, advised: object) -> bool:
    if isinstance(advised, list):
        return mg is not None and advised[0] <= mg <= advised[1]
    return mg == advised


def changes(item: dict, advice: dict) -> list[str]:
    """What of the item differs from the advice for its form ('form' when the advice lacks it)."""
    rec = recommendation(advice, item["form"])
    if rec is None:
        return ["form"]
    found = [] if _same_amount(item.get("mg_per_day"), rec["mg_per_day"]) else ["mg_per_day"]
    found += [key for key in ("timing", "duration_days") if item.get(key) is not None and item[key] != rec.get(key)]
    return found


def needs_doctor(advice: dict, form: str | None = None) -> bool:
    """Whether an amount of `form` waits for the doctor: the advice says doctor first, or its
    recommendation for that form says to consult the doctor; a form the advice does not name
    whenever any recommendation does (pregnancy marks them all). Without a form: whether
    anything in the advice waits for the doctor."""
    if advice.get("doctor_first"):
        return True
    rec = recommendation(advice, form) if form else None
    if rec is not None:
        return bool(rec.get("consult_doctor"))
    return any(r.get("consult_doctor") for r in advice.get("recommendations", []))


def consents(answer: dict | None, item: dict) -> bool:
    """Whether the doctor's answer covers this item: it agreed to its form, and the item's amount
    is at most the agreed one (a spray or bath of that form: always)."""
    if not answer or answer.get("outcome") != "agreed" or answer.get("form") != item["form"]:
        return False
    return item.get("mg_per_day") is None or item["mg_per_day"] <= answer["mg_per_day"]


_ITEM_CODES = ("plan_above_limit", "plan_above_ceiling")
_TOTAL_CODES = ("plan_total_above_limit", "plan_total_above_ceiling")


def _limits(path: tuple, mg: float, upper: float | None, agreed: bool, codes: tuple[str, str]) -> list[Finding]:
    """An amount to swallow (an item's, or the day's total) held to the limit, or with the
    doctor's consent to the ceiling; `codes` name the finding for each."""
    if agreed and upper is not None and mg > CEILING_FACTOR * upper:
        return [Finding(path, path[-1], codes[1], {"ceiling": CEILING_FACTOR * upper, "limit": upper, "got": mg})]
    if not agreed and (upper is None or mg > upper):
        return [Finding(path, path[-1], codes[0], {"limit": upper if upper is not None else 0, "got": mg})]
    return []


def _item(i: int, item: dict, advice: dict, oral: bool, answer: dict | None) -> list[Finding]:
    """The promises one item breaks (its form is known; `oral`: it is swallowed)."""
    path, mg, upper = ("items", i), item.get("mg_per_day"), advice.get("upper_limit_supplement_mg")
    agreed = consents(answer, item)
    found = []
    if answer and answer.get("outcome") == "agreed" and answer.get("form") == item["form"] and not agreed:
        found.append(Finding(path + ("mg_per_day",), "mg_per_day", "plan_above_agreed",
                             {"agreed": answer["mg_per_day"], "got": mg}))
    if item["form"] in advice.get("avoid_forms", []) and not agreed:
        found.append(Finding(path + ("form",), "form", "plan_form_avoided", {"got": item["form"]}))
    if mg is not None and not oral:
        found.append(Finding(path + ("mg_per_day",), "mg_per_day", "plan_topical_amount", {"got": mg}))
    elif mg is not None:
        found += _limits(path + ("mg_per_day",), mg, upper, agreed, _ITEM_CODES)
        if not agreed and needs_doctor(advice, item["form"]):
            found.append(Finding(path + ("mg_per_day",), "mg_per_day", "plan_doctor_first"))
    if units_per_day(item) == 0:
        found.append(Finding(path + ("product_mg_per_unit",), "product_mg_per_unit", "plan_units_zero",
                             {"per_unit": item["product_mg_per_unit"], "mg": mg}))
    changed = changes(item, advice)
    if changed and not item.get("change_reason"):
        found.append(Finding(path, "change_reason", "plan_reason_needed",
                             {"what": ", ".join(changed), "allowed": ", ".join(REASONS)}))
    return found


def _forms(i: int, item: dict, seen: list[str], forms: dict[str, dict]) -> list[Finding]:
    """A form the rule base knows, once in the plan, and at most one of them swallowed."""
    path, form = ("items", i, "form"), item["form"]
    if form in seen:
        return [Finding(path, "form", "plan_form_twice", {"got": form})]
    oral = [f for f in seen if forms[f].get("kind") == "oral"]
    if forms[form].get("kind") == "oral" and oral:
        return [Finding(path, "form", "plan_one_oral", {"got": form})]
    return []


def findings(plan: dict, advice: dict, forms: dict[str, dict]) -> list[Finding]:
    """Every promise the plan breaks, in the order of the file (empty: the plan may be kept)."""
    items, answer = plan.get("items", []), plan.get("doctor_answer")
    if advice.get("blocked") and items:
        return [Finding(("items",), "items", "plan_blocked", {})]
    if answer and answer.get("outcome") == "not_advised" and items:
        return [Finding(("items",), "items", "plan_doctor_not_advised", {})]
    found: list[Finding] = []
    seen: list[str] = []
    swallowed: list[dict] = []
    for i, item in enumerate(items):
        if item["form"] not in forms:
            found.append(Finding(("items", i, "form"), "form", "plan_form_unknown",
                                 {"allowed": ", ".join(forms), "got": item["form"]}))
            continue
        oral = forms[item["form"]].get("kind") == "oral"
        found += _forms(i, item, seen, forms) + _item(i, item, advice, oral, answer)
        seen.append(item["form"])
        if oral and item.get("mg_per_day") is not None:
            swallowed.append(item)
    if len(swallowed) > 1:  # one item's own line already holds it to the limit
        found += _limits(("items",), sum(i["mg_per_day"] for i in swallowed), advice.get("upper_limit_supplement_mg"),
                         all(consents(answer, i) for i in swallowed), _TOTAL_CODES)
    return found


def accepted(plan: dict, advice: dict, forms: dict[str, dict]) -> bool:
    """Whether the plan keeps every promise."""
    return not findings(plan, advice, forms)
