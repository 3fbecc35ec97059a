"""The answer keys of the contract in one table.

Everything else that knows an answer key is derived from here: the checks of an answers file
(answers.py), the fields a rule may test (facts.py), and the shape each question must have
(questionnaire). Their words, on the client's screen and in the summary alike, are the
catalogue's kind `answer_keys` (rules/catalogue.yaml): written once.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerKey:
    """One key of the answers: what it holds and, for ids, where they come from.

    kind: text, int, number, choice, bool, list or object. `fixed` holds the contract's own ids
    of a choice (the catalogue only gives their words); `ids` names the catalogue kind whose ids
    a choice or list may take, and `extra` the contract's ids beyond it ("unknown"). An object
    (current_magnesium) has `parts`, keys of their own.
    """

    name: str
    kind: str
    fixed: tuple[str, ...] = ()
    ids: str | None = None
    extra: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None
    parts: tuple[AnswerKey, ...] = ()
    required: bool = False

    def choices(self, catalogue: dict[str, dict]) -> list[str]:
        """The ids this key (or part) accepts."""
        return list(self.fixed) or [*catalogue[self.ids], *self.extra]


MAX_CLIENT = 200
MAX_MG = 5000
CURRENT = AnswerKey("current_magnesium", "object", parts=(
    AnswerKey("form", "choice", ids="forms", extra=("unknown",)),
    AnswerKey("mg_per_day", "number", bounds=(0, MAX_MG)),
    AnswerKey("amount_basis", "choice", fixed=("elemental", "compound")),
))
TABLE: tuple[AnswerKey, ...] = (
    AnswerKey("client", "text", bounds=(0, MAX_CLIENT)),
    AnswerKey("age", "int", bounds=(0, 120), required=True),
    AnswerKey("age_months", "int", bounds=(0, 11)),
    AnswerKey("sex", "choice", fixed=("female", "male", "other"), required=True),
    AnswerKey("pregnant", "bool"),
    AnswerKey("breastfeeding", "bool"),
    AnswerKey("kidney", "choice", fixed=("none", "problems", "unknown"), required=True),
    AnswerKey("kidney_checked", "bool"),
    AnswerKey("complaints", "list", ids="complaints"),
    AnswerKey("conditions", "list", ids="conditions"),
    AnswerKey("medications", "list", ids="medications"),
    CURRENT,
    AnswerKey("excess_symptoms", "list", ids="excess_symptoms"),
    AnswerKey("symptoms", "list", ids="symptoms"),
)
BY_NAME = {key.name: key for key in TABLE}
KEYS = tuple(BY_NAME)
LIST_KEYS = tuple(key.name for key in TABLE if key.kind == "list")
REQUIRED = tuple(key.name for key in TABLE if key.required)
