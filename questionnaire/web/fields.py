"""A question's form fields: what a page shows in them, and the answer a sent page gives.

Typed answers go through the session's own check (`IntakeSession.typed`: the terminal's words
for what is wrong), choices must be among those the question offers now, and the whole answer
through `IntakeSession.fits` (the contract's checker), so the browser can send nothing the
terminal could not. Field names: `answer` (one field, a choice or a list of ticks) and
`rate-<item>` per complaint of the severity scale; the first input of a group carries the
field's id, so an error links to it.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..common.formatting import shown_number
from ..intake.questions import SCALE
from ..intake.screen import SCALE_MAX
from ..intake.session import IntakeSession, Step

ANSWER = "answer"
YES, NO = "yes", "no"
_NUMBERS = {str(n) for n in range(SCALE_MAX + 1)}


def rate_field(item: str) -> str:
    return f"rate-{item}"


def options(step: Step, lang: str, words: Mapping[str, str]) -> list[tuple[str, str]]:
    """(value, words) of each radio or tick box: the question's choices, yes and no (`words`),
    or a complaint's scale 0-10 and then no rating (`words["none"]`)."""
    kind = step.question.type
    if kind == "yesno":
        return [(YES, words[YES]), (NO, words[NO])]
    if kind == SCALE:
        return [(str(n), str(n)) for n in range(SCALE_MAX + 1)] + [("", words["none"])]
    return [(c.id, c.words[lang]) for c in step.choices]


def shown(step: Step, value: Any, lang: str) -> Any:
    """What the fields show for an answer (None: nothing filled in or chosen)."""
    kind = step.question.type
    if value is None:
        return {} if kind == SCALE else set() if kind == "multi" else None
    if kind == "yesno":
        return YES if value else NO
    if kind == "multi":
        return set(value)
    if kind == SCALE:
        return {item: str(n) for item, n in value.items()}
    if isinstance(value, float):
        return shown_number(value, lang)
    return str(value)


def sent(step: Step, form: Mapping[str, Any]) -> Any:
    """What a sent page's fields hold, to show again beside an error."""
    kind = step.question.type
    if kind == "multi":
        return set(form.getlist(ANSWER))  # type: ignore[attr-defined]
    if kind == SCALE:
        return {c.id: form.get(rate_field(c.id), "") for c in step.choices}
    return form.get(ANSWER, "")


def read(session: IntakeSession, step: Step, form: Mapping[str, Any], lang: str,
         say: Any) -> tuple[Any, dict[str, str]]:
    """The answer of a sent page, or the problems by field id (`say`: the web's words)."""
    kind = step.question.type
    if kind in ("text", "number"):
        value, problem = session.typed(step, str(form.get(ANSWER, ""))[:1000], lang)
        return value, {ANSWER: problem} if problem else {}
    if kind == SCALE:
        return _rated(session, step, form, say)
    ids = [c.id for c in step.choices]
    if kind == "multi":
        ticked = form.getlist(ANSWER)  # type: ignore[attr-defined]
        value: Any = [item for item in ids if item in ticked]
        problem = None if set(ticked) <= set(ids) else "choose_offered"
    else:
        got = form.get(ANSWER)
        allowed = (YES, NO) if kind == "yesno" else ids
        value = (got == YES if kind == "yesno" else got) if got in allowed else None
        problem = None if got in allowed else "choose_one" if not got else "choose_offered"
    if problem is None and not session.fits(step, value):
        problem = "choose_offered"
    return value, {ANSWER: say(problem)} if problem else {}


def _rated(session: IntakeSession, step: Step, form: Mapping[str, Any], say: Any) -> tuple[Any, dict[str, str]]:
    """The severity scale: a number 0-10 per complaint, or none (`Geen antwoord`)."""
    value, problems = {}, {}
    for c in step.choices:
        raw = str(form.get(rate_field(c.id), ""))
        if raw in _NUMBERS:
            value[c.id] = int(raw)
        elif raw:
            problems[rate_field(c.id)] = say("choose_offered")
    if not problems and not session.fits(step, value):
        problems[rate_field(step.choices[0].id)] = say("choose_offered")
    return value, problems
