"""The plan's questions about the doctor's answer to the letter (see doctor_answer.py).

Where the advice needs the doctor, the questions first ask whether the doctor answered: not yet
(amounts that need the doctor wait), "not advised" (the plan stays empty), or the latest plan's
answer kept. An amount that needs the doctor is taken only with the doctor's agreement to that
form and amount: recorded there with who answered, when, and until when; an amount above an
agreed one is refused. Every answer is asked through plan/asking.py.
"""
from __future__ import annotations

from ..common.clock import now
from ..intake.prompts import show
from . import describe, draft
from .asking import Asking, typed_day, typed_text
from .doctor_answer import MAX_NAME

NONE, KEEP, NOT_ADVISED = "none", "keep", "not_advised"


def up_front(ask: Asking) -> str:
    """Whether the doctor answered (NONE, KEEP the latest plan's answer, or NOT_ADVISED); the
    doctor's words are recorded in `ask.answer` (None for NONE)."""
    earlier = (ask.latest or {}).get("doctor_answer")
    options = [(ask.say("ask_answer_none", number=ask.intake), NONE)]
    if earlier:
        options.append((ask.say("ask_answer_keep", answer=describe.answer(earlier, ask.base, ask.lang)), KEEP))
    options.append((ask.say("ask_answer_not_advised"), NOT_ADVISED))
    show()
    choice = ask.pick(ask.say("ask_answer_question"), options, KEEP if earlier else NONE)
    if choice == KEEP:
        ask.answer = earlier
        return NOT_ADVISED if earlier["outcome"] == NOT_ADVISED else KEEP
    ask.answer = _recorded(ask, NOT_ADVISED, None, None) if choice == NOT_ADVISED else None
    return choice


def consented(ask: Asking, form: str, mg: float | None) -> bool:
    """Whether this amount of `form` may go in: it needs no agreement, the recorded answer covers
    it, or the practitioner records now that the doctor agreed (the pointer at no); refused, the
    caller asks for the amount again."""
    if not draft.needs_consent(ask.advice, form, mg):
        return True
    answer = ask.answer
    if answer and answer["outcome"] == "agreed" and answer["form"] == form:
        if mg <= answer["mg_per_day"]:
            return True
        show(ask.say("ask_above_agreed", agreed=ask.number(answer["mg_per_day"]), form=ask.form(form)))
        return False
    for line in _why(ask, form, mg):
        show(line)
    options = [(ask.say("ask_consent_yes"), True), (ask.say("ask_consent_no"), False)]
    if ask.pick(ask.say("ask_consent", form=ask.form(form), mg=ask.number(mg)), options, False) is True:
        ask.answer = _recorded(ask, "agreed", form, mg)
        return True
    show(ask.say("ask_consent_refused"))
    return False


def _why(ask: Asking, form: str, mg: float) -> list[str]:
    """Why the doctor must agree to this amount: the advice says doctor first (for the client or
    this form), the amount is above the applied limit, or there is no limit for supplements."""
    from engine.plan_check import needs_doctor

    upper = ask.advice.get("upper_limit_supplement_mg")
    lines = [ask.say("ask_consent_doctor")] if needs_doctor(ask.advice, form) else []
    if upper is None:
        return [*lines, ask.say("ask_no_limit")]
    return [*lines, ask.say("ask_consent_limit", limit=ask.number(upper))] if mg > upper else lines


def _recorded(ask: Asking, outcome: str, form: str | None, mg: float | None) -> dict:
    """Who answered, when, and (with an agreement) until when; the plan's doctor_answer."""
    earlier = ask.answer or (ask.latest or {}).get("doctor_answer") or {}
    doctor = typed_text(ask, ask.say("ask_doctor_name"), earlier.get("doctor"), MAX_NAME, needed=True)
    when = typed_day(ask, ask.say("ask_doctor_date"), now().date().isoformat(), empty=False)
    until = typed_day(ask, ask.say("ask_doctor_until"), None, empty=True, not_before=when) \
        if outcome == "agreed" else None
    return {"doctor": doctor, "date": when, "outcome": outcome, "form": form, "mg_per_day": mg, "until": until}
