"""The plan being made in `magnesium plan N` (the questions): what the practitioner decided per
recommendation, turned into the plan a plan file would hold.

Pure functions on plain data (advice, the latest plan), so every decision is tested without a
terminal: the defaults a previous plan gives, the item an accepted recommendation becomes, when
a change needs a reason and an amount needs the doctor's consent. The questions themselves are
in questionnaire/plan/session.py; the plan they build passes the same safety promises
(engine/plan_check.py) as a plan file before it is kept.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.plan_check import changes, needs_doctor, recommendation

from . import doctor_answer
from .plan_file import ITEM_KEYS, Plan

ACCEPT, CHANGE, DROP = "accept", "change", "drop"


@dataclass(frozen=True)
class Start:
    """Where the questions about one recommendation start: the action the pointer is on, the
    item to offer (the previous plan's, else the advice's) and a dropped form's earlier reason."""

    action: str
    item: dict
    reason: str | None = None
    note: str | None = None


def item(form: str, **values: object) -> dict:
    """A plan item with every key of the plan file (absent ones None)."""
    return {key: values.get(key, form if key == "form" else None) for key in ITEM_KEYS}


def advised_amount(rec: dict, before: float | None = None) -> float | None:
    """The amount the advice gives: its number; for a range the earlier plan's amount when it
    lies within it, else the range's low end (the advice starts low); None where a doctor decides."""
    advised = rec["mg_per_day"]
    if not isinstance(advised, list):
        return advised
    return before if before is not None and advised[0] <= before <= advised[1] else advised[0]


def advised_item(rec: dict, mg: float | None = None) -> dict:
    """The recommendation as a plan item, unchanged (`mg` within its range, where it has one)."""
    return item(rec["form"], mg_per_day=advised_amount(rec, mg), timing=rec.get("timing"),
                duration_days=rec.get("duration_days"))


def item_of(given: dict) -> dict:
    """An item of a stored plan with every key of today's plan file (older plans lack some)."""
    return {key: given.get(key) for key in ITEM_KEYS}


def start(rec: dict, advice: dict, latest: Plan | None) -> Start:
    """Where the questions start: without an earlier plan at accept; with one at what it did
    (accept when its item is the advice's, change when it differs, drop when the form was left out)."""
    if latest is None:
        return Start(ACCEPT, advised_item(rec))
    before = next((i for i in latest["items"] if i["form"] == rec["form"]), None)
    if before is not None:
        kept = item_of(before)
        return Start(CHANGE if changes(kept, advice) else ACCEPT, kept)
    gone = next((d for d in latest.get("dropped") or [] if d["form"] == rec["form"]), {})
    return Start(DROP, advised_item(rec), gone.get("change_reason"), gone.get("change_note"))


def left_behind(latest: Plan | None, advice: dict) -> list[str]:
    """Forms of the earlier plan that the advice does not name: the questions cannot offer them."""
    return [i["form"] for i in (latest or {}).get("items", []) if recommendation(advice, i["form"]) is None]


def other_forms(advice: dict, forms: dict[str, dict]) -> list[str]:
    """The oral forms the advice neither recommends nor says to avoid: one of them may be taken
    instead, with a reason, when the plan holds no form to take."""
    named = {r["form"] for r in advice.get("recommendations", [])} | set(advice.get("avoid_forms", []))
    return [form for form, spec in forms.items() if spec.get("kind") == "oral" and form not in named]


def earlier_item(latest: Plan | None, forms: list[str]) -> dict | None:
    """The earlier plan's item of one of `forms` (a form the advice does not name), if it had one."""
    return next((item_of(i) for i in (latest or {}).get("items", []) if i["form"] in forms), None)


def in_order(advice: dict) -> list[dict]:
    """The recommendations as they are asked: the primary first, then the alternatives, then the
    topical ones (sprays and baths)."""
    order = {"primary": 0, "alternative": 1, "topical": 2}
    return sorted(advice.get("recommendations", []), key=lambda r: order.get(r.get("role"), 3))


def needs_consent(advice: dict, form: str, mg: float | None) -> bool:
    """Whether an amount of `form` may go in the plan only when the doctor agreed: above the
    applied upper limit (or with none), or any amount where the advice says a doctor must look
    first (for the client, or for this form)."""
    if mg is None:
        return False
    upper = advice.get("upper_limit_supplement_mg")
    return needs_doctor(advice, form) or upper is None or mg > upper


def with_reason(chosen: dict, reason: str | None, note: str | None) -> dict:
    """The item with its reason for a change; a note only with 'other', none without a reason."""
    return {**chosen, "change_reason": reason, "change_note": note if reason == "other" else None}


def dropped(form: str, reason: str, note: str | None) -> dict:
    """A recommendation the practitioner left out, with the reason (the plan's `dropped` list)."""
    return {"form": form, "change_reason": reason, "change_note": note if reason == "other" else None}


def plan(items: list[dict], gone: list[dict], answer: dict | None, note: str | None,
         client_note: str | None = None) -> Plan:
    """The plan as plan_file.normal() gives it for a file, so both roads keep the same shape."""
    return {"items": items, "dropped": gone, "doctor_answer": answer, "doctor_agreed": doctor_answer.agrees(answer),
            "note": note or None, "client_note": client_note or None}


def so_far(made: list[dict], gone: list[dict], answer: dict | None, defaults: Plan | None) -> Plan:
    """An interrupted round: its choices, and the defaults' (an earlier draft or plan) for the
    forms it had not reached, so carrying on loses nothing that was decided before."""
    earlier = defaults or {}
    decided = {entry["form"] for entry in made + gone}
    items = made + [i for i in earlier.get("items", []) if i["form"] not in decided]
    dropped_too = gone + [d for d in earlier.get("dropped", []) if d["form"] not in decided]
    return plan(items, dropped_too, answer or earlier.get("doctor_answer"), earlier.get("note"),
                earlier.get("client_note"))
