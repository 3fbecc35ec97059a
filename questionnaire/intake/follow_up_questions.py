"""The follow-up's questions (the `follow_up:` section of questions.yaml), loaded and checked.

The follow-up asks some intake questions again (by id, so their texts, choices and `when` are
the intake's own) and two questions of its own whose ids the program acts on: `plan_taken`
(fixed ids, words in the file) and `side_effects` (the contract's signs of too much, plus
`none`). Mistakes are reported as `file:line: key: problem`, all at once, as for the intake.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import conditions
from engine.errors import BadInput
from engine.rulebase import RuleBase
from engine.yamlsource import read

from .questions import QUESTIONS_FILE, SCALE, Choice, Question, Questionnaire, QuestionsChecker

PLAN_TAKEN = ("yes", "partly", "no", "stopped")
NONE = "none"  # side_effects: the client says there were none
SECTION_KEYS = {"ask", "remind", "questions"}
OWN_KEYS = {"id", "type", "label", "text", "help", "choices", "after"}
# The follow-up's own questions: their type, and the ids their choices must have (None: the
# catalogue's excess_symptoms and `none`).
OWN: dict[str, tuple[str, tuple[str, ...] | None]] = {"plan_taken": ("choice", PLAN_TAKEN),
                                                       "side_effects": ("multi", None)}


@dataclass(frozen=True)
class FollowUpQuestions:
    """The follow-up's questions in asking order, and those above which the intake's answer is
    shown (never chosen for the client: no health answer is preselected)."""

    questionnaire: Questionnaire
    remind: tuple[str, ...]


def load(base: RuleBase, with_plan: bool, path: Path = QUESTIONS_FILE) -> FollowUpQuestions:
    """The follow-up's questions; `plan_taken` (and what follows from it) only `with_plan`."""
    doc = read(str(path))
    checker = QuestionsChecker(doc, base)
    intake = checker.questionnaire()
    found = _Section(checker, intake).follow_up()
    if checker.problems:
        raise BadInput(checker.problems)
    questions = tuple(q for q in found.questionnaire.questions if with_plan or q.id != "plan_taken")
    return FollowUpQuestions(Questionnaire(questions, intake.labels), found.remind)


class _Section:
    """Checks the follow_up section against the intake's questions, collecting every problem."""

    def __init__(self, checker: QuestionsChecker, intake: Questionnaire):
        self.checker, self.intake = checker, intake
        self.excess = checker.base.catalogue["excess_symptoms"]

    def follow_up(self) -> FollowUpQuestions:
        spec = self.checker.doc.data.get("follow_up") if isinstance(self.checker.doc.data, dict) else None
        if not isinstance(spec, dict):
            self.checker.add(("follow_up",), "follow_up", "required", allowed="follow_up: ask, remind, questions")
            return FollowUpQuestions(Questionnaire((), {}), ())
        for extra in sorted(set(spec) - SECTION_KEYS, key=str):
            self.checker.add(("follow_up", extra), "follow_up", "unknown_key", allowed=", ".join(sorted(SECTION_KEYS)),
                             got=extra)
        own = {q.id: q for i, raw in enumerate(self._list(spec, "questions")) if (q := self.own(i, raw))}
        known = {**{q.id: q for q in self.intake.questions}, **own}
        asked: list[Question] = []
        for i, qid in enumerate(self._list(spec, "ask")):
            path = ("follow_up", "ask", i)
            if not isinstance(qid, str) or qid not in known:
                self.checker.add(path, "follow_up ask", "one_of", allowed=", ".join(known), got=repr(qid))
            elif self._in_order(path, known[qid], asked):
                asked.append(known[qid])
        remind = tuple(self._list(spec, "remind"))
        for i, qid in enumerate(remind):
            if qid not in {q.id for q in asked if q.contract}:
                self.checker.add(("follow_up", "remind", i), "follow_up remind", "one_of",
                                 allowed=", ".join(q.id for q in asked if q.contract), got=repr(qid))
        return FollowUpQuestions(Questionnaire(tuple(asked), self.intake.labels), remind)

    def _list(self, spec: dict, key: str) -> list:
        value = spec.get(key, [])
        if not isinstance(value, list):
            self.checker.add(("follow_up", key), f"follow_up {key}", "one_of", allowed="a list", got=repr(value))
            return []
        return value

    def _in_order(self, path: tuple, q: Question, asked: list[Question]) -> bool:
        """A scale after the list it rates, a question with `after` after the one it waits for."""
        needs = q.of if q.type == SCALE else q.after[0] if q.after else None
        if needs is not None and needs not in {a.id for a in asked}:
            self.checker.add(path, "follow_up ask", "scale_of", got=repr(needs))
            return False
        return True

    def own(self, index: int, raw: Any) -> Question | None:
        """One of the follow-up's own questions, with its fixed ids and its words."""
        path, add = ("follow_up", "questions", index), self.checker.add
        qid = raw.get("id") if isinstance(raw, dict) else None
        if qid not in OWN:
            add(path, "follow_up questions", "one_of", allowed=", ".join(OWN), got=repr(qid))
            return None
        name, before = f"question '{qid}'", len(self.checker.problems)
        kind, ids = OWN[qid]
        for extra in sorted(set(raw) - OWN_KEYS, key=str):
            add(path + (extra,), name, "unknown_key", allowed=", ".join(sorted(OWN_KEYS)), got=extra)
        if raw.get("type") != kind:
            add(path + ("type",), name, "question_type", type=kind, got=raw.get("type"), kind="")
        for field in ("text", "label", "help"):
            if field in raw or field != "help":
                self.checker.words(path + (field,), f"{name} {field}", raw.get(field))
        choices = self.choices(path, name, raw.get("choices"), ids)
        after = self.after(path, name, raw.get("after"))
        if len(self.checker.problems) > before:
            return None
        return Question(qid, qid, None, kind, raw["text"], raw.get("help"), None, None, choices, False,
                        conditions.parse("always", self.checker.base.fields), label=raw["label"], after=after,
                        contract=False)

    def choices(self, path: tuple, name: str, spec: Any, ids: tuple[str, ...] | None) -> tuple[Choice, ...]:
        """plan_taken: its four ids with words; side_effects: the catalogue's signs and `none`
        (which `exclusive` keeps from being ticked with a sign)."""
        want_kind, want_extra = (None, set(ids)) if ids else ("excess_symptoms", {NONE})
        extra = self.checker.extra(path, name, spec.get("extra")) if isinstance(spec, dict) else {}
        if not isinstance(spec, dict) or spec.get("kind") != want_kind or set(extra) != want_extra \
                or set(spec) - {"kind", "extra", "exclusive"}:
            allowed = (f"kind {want_kind}, " if want_kind else "") + f"extra {', '.join(sorted(want_extra))}"
            self.checker.add(path + ("choices",), name, "one_of", allowed=allowed, got=repr(spec))
            return ()
        words = {**(self.excess if want_kind else {}), **extra}
        order = [*(self.excess if want_kind else ()), *(ids or (NONE,))]
        found = tuple(Choice(item, words[item]) for item in order)
        return self.checker.exclusive(path, name, "choice" if ids else "multi", spec.get("exclusive"), found)

    def after(self, path: tuple, name: str, spec: Any) -> tuple[str, tuple[str, ...]] | None:
        """`after: {question: [ids]}`: one earlier question of the follow-up, and its answers."""
        if spec is None:
            return None
        if not (isinstance(spec, dict) and len(spec) == 1 and next(iter(spec)) == "plan_taken"
                and isinstance(spec["plan_taken"], list) and set(spec["plan_taken"]) <= set(PLAN_TAKEN)):
            self.checker.add(path + ("after",), name, "one_of", allowed=f"plan_taken: [{', '.join(PLAN_TAKEN)}]",
                             got=repr(spec))
            return None
        return "plan_taken", tuple(spec["plan_taken"])
