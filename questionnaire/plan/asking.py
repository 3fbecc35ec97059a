"""What the plan's questions share: the advice and words they work with, the choices made so far,
and the prompts (a choice, typed words, a number of mg, days, a date), each checked as it is
typed. Every prompt goes through intake/prompts.py, the one module that imports questionary;
the words are in plan/plan_texts.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from engine.model import RuleBase

from ..common.formatting import far_amount, meant_amount, shown_number
from ..common.formatting import typed_days as days_typed  # the plan's prompt of the same name asks for them
from ..intake.prompts import choose, show, type_in
from ..intake.session import number
from . import draft
from .describe import shown_day
from .plan_file import MAX_DAYS, Plan
from .plan_texts import PLAN_TEXTS


@dataclass
class Asking:
    """What the questions need: the intake('s number), the advice, the rule base's words, the
    language, the plan that gives the defaults (the latest kept, then the one just made), and
    the doctor's answer so far (None: none recorded)."""

    intake: int
    advice: dict
    base: RuleBase
    lang: str
    latest: Plan | None
    answer: dict | None = None
    made: list[dict] = field(default_factory=list)  # this round's items so far (an interrupted plan keeps them)
    gone: list[dict] = field(default_factory=list)  # and the recommendations dropped so far

    def so_far(self) -> Plan | None:
        """The choices made before an interruption, over the defaults not reached yet; None if none."""
        if not (self.made or self.gone or self.answer):
            return None
        return draft.so_far(self.made, self.gone, self.answer, self.latest)

    def say(self, key: str, **params: object) -> str:
        """The plan's words for `key` in the practitioner's language."""
        return PLAN_TEXTS.say(key, self.lang, **params)

    def number(self, value: float | None) -> str:
        """An amount as the practitioner types it back (2,5 in Dutch); empty for none."""
        return "" if value is None else shown_number(value, self.lang)

    def day(self, value: str) -> str:
        """A date as the practitioner reads and types it (describe.shown_day)."""
        return shown_day(value, self.lang)

    def form(self, form: str) -> str:
        return self.base.label("forms", form, self.lang)

    def pick(self, message: str, options: list[tuple[str, Any]], default: Any) -> Any:
        """A choice; the prompt is erased when answered, so the answer stays on screen in words."""
        value = choose(message, options, default, self.lang)
        show(f"✓ {message} {next(words for words, v in options if v == value)}", hang="  ")
        return value

    def typed(self, message: str, default: str, problem: Callable[[str], str | None]) -> str:
        """Typed words, checked as they are typed (see pick); '-' on screen for an empty answer."""
        raw = type_in(message, default, problem, self.lang).strip()
        show(f"✓ {message} {raw or '-'}", hang="  ")
        return raw


def typed_number(ask: Asking, message: str, default: float | None, fits: Callable[[float], bool], wrong: str,
                 empty: bool, advised: float | list | None = None, **params: object) -> float | None:
    """A typed number of mg ('250', '2,5', '250 mg'), checked as it is typed; empty gives None
    where `empty` allows it; `wrong` (with `params`) says what fits when it does not. One far
    from the `advised` amount is asked about ("Was 250 bedoeld?", issue 21)."""
    def problem(entry: str) -> str | None:
        entry = entry.strip()
        if not entry:
            return None if empty else ask.say(wrong, **params)
        value = number(entry, "mg")
        if value is None:
            return ask.say("ask_bad_number", example=250)
        return None if fits(value) else ask.say(wrong, **params)

    while True:
        raw = ask.typed(message, ask.number(default), problem)
        value = number(raw, "mg") if raw else None
        if value is None or not far_amount(value, advised):
            return value
        chosen = _far(ask, value, advised, fits)
        if chosen is not None:
            return chosen
        default = value


def _far(ask: Asking, value: float, advised: float | list | None, fits: Callable[[float], bool]) -> float | None:
    """A typed amount far from the advised one: the amount probably meant (a slipped zero), the
    amount as typed, or type again (None)."""
    meant = meant_amount(value, advised)
    meant = meant if meant is not None and fits(meant) else None
    options = [(ask.say("ask_far_meant", mg=ask.number(meant)), meant)] if meant is not None else []
    options += [(ask.say("ask_far_keep", mg=ask.number(value)), value), (ask.say("ask_far_again"), None)]
    question = ask.say("ask_far_amount", mg=ask.number(value)) + (
        " " + ask.say("ask_far_meant_question", mg=ask.number(meant)) if meant is not None else "")
    return ask.pick(question, options, None)


def typed_days(ask: Asking, default: int | None) -> int | None:
    """How many days, a whole number as a plan file allows (empty: not given); typed in days,
    weeks or months ("45", "6 weken", "3 maanden": 30 days each)."""
    def problem(entry: str) -> str | None:
        value = days_typed(entry)
        fits = not entry.strip() or (value is not None and 1 <= value <= MAX_DAYS)
        return None if fits else ask.say("ask_bad_days", max=MAX_DAYS)

    raw = ask.typed(ask.say("ask_duration"), "" if default is None else str(default), problem)
    return days_typed(raw) if raw else None


def typed_text(ask: Asking, message: str, default: str | None, limit: int, needed: bool = False) -> str | None:
    """Typed words (empty: None, unless `needed`), at most `limit` characters."""
    def problem(entry: str) -> str | None:
        if needed and not entry.strip():
            return ask.say("ask_bad_empty")
        return ask.say("ask_bad_long", max=limit) if len(entry.strip()) > limit else None

    return ask.typed(message, default or "", problem) or None


def read_day(entry: str) -> str | None:
    """A typed date as the plan keeps it (YYYY-MM-DD): 10-12-2026, 10/12/2026 or 2026-12-10."""
    parts = entry.strip().replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = (parts[0], parts[1], parts[2]) if len(parts[0]) == 4 else (parts[2], parts[1], parts[0])
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def typed_day(ask: Asking, message: str, default: str | None, empty: bool,
              not_before: str | None = None) -> str | None:
    """A typed date (see read_day), on or after `not_before` when given; empty gives None where
    `empty` allows it."""
    def problem(entry: str) -> str | None:
        if not entry.strip():
            return None if empty else ask.say("ask_bad_day")
        day = read_day(entry)
        if day is None:
            return ask.say("ask_bad_day")
        return ask.say("ask_bad_until", date=ask.day(not_before)) if not_before and day < not_before else None

    raw = ask.typed(message, ask.day(default) if default else "", problem)
    return read_day(raw) if raw else None
