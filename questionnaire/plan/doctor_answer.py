"""The doctor's answer to the letter, as the plan records it (`doctor_answer:` in a plan file):

    doctor_answer:
      doctor: dr. K. Bakker, huisarts   # who answered
      date: 2026-12-10                  # when
      outcome: agreed                   # agreed | not_advised
      form: citrate                     # with agreed: the form the doctor agreed to
      mg_per_day: 150                   # with agreed: elemental magnesium a day, the cap for that form
      until: 2027-03-10                 # optional: the agreement holds until this date

The plan check (engine/plan_check.py) uses exactly this: the agreed amount is the cap for that
form wherever the advice needs the doctor (doctor first, above the limit, a form to avoid), and
`not_advised` ends supplement advice for the intake (no items). Here only its shape is checked,
each mistake one line at its place in the file.
"""
from __future__ import annotations

from datetime import date

from engine.errors import shorten
from engine.yamlsource import Document

from .plan_texts import PlanProblem

OUTCOMES = ("agreed", "not_advised")
KEYS = ("doctor", "date", "outcome", "form", "mg_per_day", "until")
MAX_NAME, MAX_MG = 100, 5000


def _at(doc: Document, key: str, code: str, **params: object) -> PlanProblem:
    path = ("doctor_answer",) if key == "doctor_answer" else ("doctor_answer", key)
    return PlanProblem(doc.name, key, code, tuple(sorted(params.items())), doc.line(path))


def as_day(value: object) -> str | None:
    """A date as the plan keeps it (YYYY-MM-DD), from a YAML date or text; None if it is none."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def answer_problems(doc: Document, answer: object) -> list[PlanProblem]:
    """Every mistake in the shape of `doctor_answer` (absent or null: none)."""
    if answer is None:
        return []
    if not isinstance(answer, dict):
        return [_at(doc, "doctor_answer", "answer_top", got=shorten(repr(answer)))]
    found = [_at(doc, str(k), "plan_key", allowed=", ".join(KEYS), got=shorten(str(k))) for k in answer if k not in KEYS]
    name = answer.get("doctor")
    if not (isinstance(name, str) and 0 < len(name.strip()) <= MAX_NAME):
        found.append(_at(doc, "doctor", "answer_doctor", max=MAX_NAME, got=shorten(repr(name))))
    for key in ("date", "until"):
        if (key == "date" or answer.get(key) is not None) and as_day(answer.get(key)) is None:
            found.append(_at(doc, key, "answer_date", got=shorten(repr(answer.get(key)))))
    when, until = as_day(answer.get("date")), as_day(answer.get("until"))
    if when and until and until < when:
        found.append(_at(doc, "until", "answer_until", date=when, got=until))
    outcome = answer.get("outcome")
    if outcome not in OUTCOMES:
        found.append(_at(doc, "outcome", "plan_choice", allowed=", ".join(OUTCOMES), got=shorten(repr(outcome))))
    return found + _agreed_problems(doc, answer)


def _agreed_problems(doc: Document, answer: dict) -> list[PlanProblem]:
    """With `agreed`: the form and the amount it agreed to; with `not_advised`: neither."""
    form, mg = answer.get("form"), answer.get("mg_per_day")
    if answer.get("outcome") == "not_advised":
        return [_at(doc, key, "answer_not_advised", got=shorten(repr(answer[key])))
                for key in ("form", "mg_per_day") if answer.get(key) is not None]
    if answer.get("outcome") != "agreed":
        return []
    found = [] if isinstance(form, str) and form else [_at(doc, "form", "plan_missing", name="form")]
    if not (isinstance(mg, (int, float)) and not isinstance(mg, bool) and 0 < mg <= MAX_MG):
        found.append(_at(doc, "mg_per_day", "answer_amount", max=MAX_MG, got=shorten(repr(mg))))
    return found


def normal(answer: dict | None) -> dict | None:
    """The answer with every key present and its dates as text (as the store keeps it)."""
    if answer is None:
        return None
    return {"doctor": answer["doctor"].strip(), "date": as_day(answer["date"]), "outcome": answer["outcome"],
            "form": answer.get("form"), "mg_per_day": answer.get("mg_per_day"), "until": as_day(answer.get("until"))}


def agrees(answer: dict | None) -> bool:
    """Whether the doctor agreed to a form and an amount (what `doctor_agreed` says, derived)."""
    return bool(answer) and answer["outcome"] == "agreed"
