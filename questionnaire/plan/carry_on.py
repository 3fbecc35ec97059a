"""Carrying on with the current plan after a follow-up that went well.

A client who took the plan and had no signs of too much may simply go on. The follow-up's new
advice may now pick another form or amount (the plan's product is now what the client takes),
and that alone must not make the practitioner drop what works and re-enter it with two reasons.
So "Doorgaan met het huidige plan" keeps the latest version's items, with the reason `continued`
where an item differs from the new advice; the safety promises (engine/plan_check.py) are held
against that advice all the same, and where one is broken the plan is not kept and the line
says which item and why. Pure functions on plain data.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from engine.plan_check import changes

from .draft import item_of, plan as plan_of, with_reason
from .plan_file import Plan

if TYPE_CHECKING:
    from .standing import Standing

CONTINUED = "continued"  # the change_reason of an item carried on after a follow-up
TAKEN = ("yes", "partly")


def offered(now: Standing, latest: dict | None) -> bool:
    """Whether carrying on is a choice: the newest advice is a follow-up's, made after the latest
    plan, which the client took (at least partly), without signs of too much, and the plan has
    something to take."""
    follow_up = now.follow_up
    return bool(follow_up and latest and latest["plan"]["items"] and follow_up.get("plan_taken") in TAKEN
                and not follow_up.get("side_effects")
                and datetime.fromisoformat(follow_up["created_at"]) > datetime.fromisoformat(latest["created_at"]))


def carried(latest: Plan, advice: dict) -> Plan:
    """The latest plan as the next version: the same items, dropped forms, doctor's answer and
    notes; an item that differs from the new advice gets the reason `continued`."""
    items = [item_of(i) for i in latest["items"]]
    items = [with_reason(i, CONTINUED, None) if changes(i, advice) else i for i in items]
    return plan_of(items, list(latest.get("dropped") or []), latest.get("doctor_answer"), latest.get("note"),
                   latest.get("client_note"))


def misused(plan: Plan, now: Standing, latest: dict | None) -> list[int]:
    """The items that give `continued` as their reason where carrying on is no choice (no
    follow-up since the latest plan, or one with signs of too much): each must say another reason."""
    if offered(now, latest):
        return []
    return [i for i, item in enumerate(plan["items"]) if item.get("change_reason") == CONTINUED]
