"""The advice a plan must keep: the latest follow-up's when there is one, else the intake's.

A follow-up asks again what may have changed (complaints, side effects, kidneys, medicines,
pregnancy) and is advised anew. When that advice is blocked (serious signs of too much) or
sends the client to the doctor first, a plan made for the intake must not reach the client
unchanged. So the plan's checks (from a file and by questions) and the handout use the newest
advice and answers, and say which follow-up they come from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.advise import Advisor

    from ..store import StoredIntake


@dataclass(frozen=True)
class Standing:
    """The answers and advice that stand now, with the language and rule base they were made in;
    `follow_up` is the follow-up they come from (its number and time), or None: the intake's."""

    answers: dict
    advice: dict
    lang: str
    rulebase_version: str
    follow_up: dict | None = None


def standing(intake: StoredIntake, follow_ups: list[dict]) -> Standing:
    """The newest advice of the intake: its latest follow-up's, or its own."""
    if not follow_ups:
        return Standing(intake.answers, intake.advice, intake.lang, intake.rulebase_version)
    latest = follow_ups[-1]
    return Standing(latest["answers"], latest["advice"], latest["lang"], latest["rulebase_version"], latest)


def advice_in(now: Standing, advisor: Advisor, lang: str) -> dict:
    """The advice that stands, in `lang` (the handout's or the letter's): made again in that
    language when the rule base is the one it was advised with, else with its own words (timing)
    left out rather than shown in the other language."""
    if now.lang == lang:
        return now.advice
    if advisor.base.version == now.rulebase_version:
        return advisor.advise(now.answers, lang)
    return {**now.advice, "recommendations": [{**r, "timing": None} for r in now.advice["recommendations"]]}
