"""The question definitions (questions.yaml): loaded, checked against the contract and the rule base.

A practitioner may edit the questions file, so every mistake is reported as `file:line: key:
problem`, all at once, before anything is asked. The checks make sure the questionnaire can
only produce answers the contract accepts: each question's type fits its answer key, every
choice id passes the same checker as the answers file, every contract key is asked, and every
id of a list key is offered exactly once (so no symptom of the article is forgotten).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import conditions
from engine.answer_keys import CURRENT, KEYS, LIST_KEYS, TABLE, AnswerKey
from engine.answers import checkers
from engine.errors import BadInput
from engine.rulebase import RuleBase
from engine.yamlsource import Document, read

from .screen import IntakeProblem

QUESTIONS_FILE = Path(__file__).resolve().with_name("questions.yaml")
TYPES = ("text", "number", "choice", "multi", "yesno", "scale")
# No `default`: no answer is chosen for the client (issue 21); the key is refused as unknown.
QUESTION_KEYS = {"id", "key", "part", "type", "text", "help", "unit", "empty", "choices",
                 "optional", "when", "example", "suffix", "of", "label", "after"}
# A scale question: 0-10 for each item ticked at an earlier multi question (`of`); intake data
# kept beside the answers, never a key of the answers file (the contract has no such key).
SCALE = "scale"
DEFAULT_EXAMPLE = 42
CHOICE_KEYS = {"kind", "ids", "extra", "when", "exclusive"}
OBJECT_KEY = CURRENT.name
# What the client takes "yes" to, before saying which form and how much: the contract's words
# for a form and an amount that are not known.
UNKNOWN_CURRENT = {"form": "unknown", "mg_per_day": None, "amount_basis": "elemental"}
# The question type each kind of answer key is asked with (an object key: yes/no first).
_TYPES = {"text": "text", "int": "number", "number": "number", "choice": "choice", "bool": "yesno",
          "list": "multi", "object": "yesno"}


def _shape(key: AnswerKey) -> tuple[str, str | None]:
    """The type a question for this key needs, and the catalogue kind of its choices' words."""
    return _TYPES[key.kind], (key.ids or key.name) if key.kind in ("choice", "list") else None


# The type (and catalogue kind of the choices) each answer key, or part of it, needs.
SHAPES: dict[tuple[str, str | None], tuple[str, str | None]] = {
    **{(key.name, None): _shape(key) for key in TABLE},
    **{(CURRENT.name, part.name): _shape(part) for part in CURRENT.parts},
}


@dataclass(frozen=True)
class Choice:
    """One answer a client can pick: its contract id, its words, and when it is offered."""

    id: str
    words: dict
    when: conditions.Node | None = None
    exclusive: bool = False  # a multi question's "none of these": never ticked with another choice


@dataclass(frozen=True)
class Question:
    """One question as written in questions.yaml, its `when` compiled."""

    id: str
    key: str
    part: str | None
    type: str
    text: dict
    help: dict | None
    unit: dict | None
    empty: dict | None
    choices: tuple[Choice, ...]
    optional: bool
    when: conditions.Node
    example: int | float = DEFAULT_EXAMPLE
    suffix: str | None = None
    of: str | None = None  # scale: the multi question whose ticked items are rated
    label: dict | None = None  # the answer's name on the review screen, where no contract key names it
    after: tuple[str, tuple[str, ...]] | None = None  # asked only when that question's answer is one of these
    contract: bool = True  # False: its answer is intake data beside the contract answers

    def clash(self, ticked: list[str]) -> bool:
        """Whether a multi answer ticks an exclusive choice ("none of these") with another one."""
        alone = {c.id for c in self.choices if c.exclusive}
        return len(ticked) > 1 and bool(alone & set(ticked))

    def name(self, labels: dict[str, dict], lang: str) -> str:
        """What its answer is called on the review screen: the contract key's name, else its own label."""
        return labels[self.key][lang] if self.contract else (self.label or self.text)[lang]


@dataclass(frozen=True)
class Questionnaire:
    """All questions in asking order, and the name of each answer key (the catalogue's words)."""

    questions: tuple[Question, ...]
    labels: dict[str, dict]


def contribute(question: Question, value: Any, answers: dict) -> None:
    """Put one question's answer into (partial) contract answers, in place.

    Text left empty means the key is absent; list keys collect the answers of all their
    questions; the yes/no question of current_magnesium makes it null or a form to be filled in.
    A question outside the contract (a scale, a follow-up's own question) adds nothing.
    """
    if not question.contract:
        return
    if question.part:
        if isinstance(answers.get(question.key), dict):
            answers[question.key] = {**answers[question.key], question.part: value}
    elif question.key == OBJECT_KEY:
        answers[question.key] = dict(UNKNOWN_CURRENT) if value else None
    elif question.type == "multi":
        answers[question.key] = [*answers.get(question.key, []), *value]
    elif value is not None:
        answers[question.key] = value


def recovered(questionnaire: Questionnaire, answers: dict, severities: dict | None) -> list[tuple[Question, Any]]:
    """The inverse of `contribute`: each question's answer as the stored contract answers (and
    severities) hold it, in asking order, for every question that has one there. Which of them
    applied, the session's walk decides (given these in order, it drops the others)."""
    found = []
    for question in questionnaire.questions:
        value = answers.get(question.key)
        if not question.contract:
            value = dict(severities or {})
        elif question.part:
            value = value.get(question.part) if isinstance(value, dict) else None
        elif question.key == OBJECT_KEY:
            value = value is not None
        elif question.type == "multi":
            value = [item for item in value or [] if item in {c.id for c in question.choices}]
        if value is not None:
            found.append((question, value))
    return found


def issues(question: Question, value: Any, answers: dict, check: dict) -> list[tuple]:
    """What the contract's checker says about this answer given the answers before it."""
    if not question.contract:  # its choices are all it can give (session.fits checks them)
        return []
    trial = {key: list(v) if isinstance(v, list) else v for key, v in answers.items()}
    contribute(question, value, trial)
    return check[question.key](trial[question.key]) if question.key in trial else []


def load(base: RuleBase, path: Path = QUESTIONS_FILE) -> Questionnaire:
    """Read and check the questions file; raise BadInput listing every problem."""
    doc = read(str(path))
    checker = QuestionsChecker(doc, base)
    result = checker.questionnaire()
    if checker.problems:
        raise BadInput(checker.problems)
    return result


class QuestionsChecker:
    """Builds the questionnaire and collects every problem instead of stopping at the first."""

    def __init__(self, doc: Document, base: RuleBase):
        self.doc, self.base = doc, base
        self.check = checkers(base.catalogue)
        self.problems: list[IntakeProblem] = []

    def add(self, path: tuple, key: str, code: str, **params: Any) -> None:
        self.problems.append(IntakeProblem(self.doc.name, key, code, tuple(sorted(params.items())),
                                           self.doc.line(path)))

    def questionnaire(self) -> Questionnaire:
        data = self.doc.data
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            self.add((), "file", "rules_top", allowed="questions")
            return Questionnaire((), {})
        for extra in set(data) - {"questions", "follow_up"}:  # follow_up: follow_up_questions.py
            self.add((extra,), str(extra), "unknown_key", allowed="questions, follow_up", got=extra)
        labels = self.base.catalogue["answer_keys"]
        built = [(i, self.question(i, raw)) for i, raw in enumerate(data["questions"])]
        found = [(i, q) for i, q in built if q is not None]
        self.coverage(found)
        return Questionnaire(tuple(q for _, q in found), labels)

    def words(self, path: tuple, key: str, value: Any) -> bool:
        ok = isinstance(value, dict) and set(value) == {"nl", "en"} and all(
            isinstance(v, str) and v.strip() for v in value.values())
        if not ok:
            self.add(path, key, "words")
        return ok

    def condition(self, path: tuple, name: str, raw: Any) -> conditions.Node | None:
        try:
            return conditions.parse(raw, self.base.fields)
        except conditions.ConditionError as err:
            self.add(path + err.path, name, err.code, **err.params)
            return None

    def question(self, index: int, raw: Any) -> Question | None:
        path = ("questions", index)
        name = f"question '{raw.get('id')}'" if isinstance(raw, dict) else f"question #{index + 1}"
        if not isinstance(raw, dict):
            self.add(path, name, "rules_mapping")
            return None
        before = len(self.problems)
        for extra in sorted(set(raw) - QUESTION_KEYS, key=str):
            self.add(path + (extra,), name, "unknown_key", allowed=", ".join(sorted(QUESTION_KEYS)), got=extra)
        for needed in ("id", "type", "text"):
            if needed not in raw:
                self.add(path, name, "required", allowed=needed)
        qid = raw.get("id")
        if not isinstance(qid, str) or not qid or not all(c.isalnum() or c in "-_" for c in qid):
            self.add(path + ("id",), name, "rule_id")  # the same rule as for a rule's id
        self.question_words(path, name, raw)
        if raw.get("type") == SCALE:
            return self.scale(path, name, raw, before)
        for field in sorted({"of", "after"} & set(raw)):  # a scale's, and a follow-up question's
            self.add(path + (field,), name, "unknown_key", allowed=", ".join(sorted(QUESTION_KEYS - {"of", "after"})),
                     got=field)
        key, part = raw.get("key", raw.get("id")), raw.get("part")
        # a list or mapping as key or part is no answer key: reported, never looked up (unhashable)
        shape = SHAPES.get((key, part)) if isinstance(key, str) and isinstance(part, (str, type(None))) else None
        if shape is None:
            got = f"{key} {'' if part is None else part}".strip()
            self.add(path + ("key",), name, "one_of", allowed=", ".join(KEYS), got=got)
        elif raw.get("type") != shape[0]:
            self.add(path + ("type",), name, "question_type", type=shape[0], got=raw.get("type"), kind=shape[1] or "")
        when = self.condition(path + ("when",), name, raw.get("when", "always"))
        choices = self.choices(path, name, raw, shape)
        if len(self.problems) > before:
            return None
        return Question(raw["id"], key, part, raw["type"], raw["text"], raw.get("help"), raw.get("unit"),
                        raw.get("empty"), choices, raw.get("optional") is True, when,
                        raw.get("example", DEFAULT_EXAMPLE), raw.get("suffix"))

    def scale(self, path: tuple, name: str, raw: dict, before: int) -> Question | None:
        """A scale rates the items ticked at an earlier multi question (`of`, checked in coverage);
        it fills no answer key, so it needs a `label` for the review screen."""
        for field in sorted({"key", "part", "choices", "after"} & set(raw)):
            self.add(path + (field,), name, "scale_field", field=field)
        if not isinstance(raw.get("of"), str):
            self.add(path + ("of",), name, "scale_of", got=repr(raw.get("of")))
        if "label" not in raw:
            self.add(path, name, "required", allowed="label")
        when = self.condition(path + ("when",), name, raw.get("when", "always"))
        if len(self.problems) > before:
            return None
        return Question(raw["id"], raw["id"], None, SCALE, raw["text"], raw.get("help"), None, None, (),
                        True, when, of=raw["of"], label=raw["label"], contract=False)

    def question_words(self, path: tuple, name: str, raw: dict) -> None:
        for field in ("text", "help", "unit", "empty", "label"):
            if field in raw:
                self.words(path + (field,), f"{name} {field}", raw[field])
        if "optional" in raw and not isinstance(raw["optional"], bool):
            self.add(path + ("optional",), name, "bool", got=repr(raw["optional"]))
        if raw.get("optional") and raw.get("type") not in ("text", "number"):
            self.add(path + ("optional",), name, "one_of", allowed="text, number", got=raw.get("type"))
        self.typing_aids(path, name, raw)

    def typing_aids(self, path: tuple, name: str, raw: dict) -> None:
        """`example` (a number) and `suffix` (a unit the client may type after it) help typing a number only."""
        fits = {"example": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
                "suffix": lambda v: isinstance(v, str) and v.isalpha()}
        for field, ok in fits.items():
            if field in raw and raw.get("type") != "number":
                self.add(path + (field,), name, "question_number_only", field=field, got=raw.get("type"))
            elif field in raw and not ok(raw[field]):
                self.add(path + (field,), name, f"question_{field}", got=repr(raw[field]))

    def choices(self, path: tuple, name: str, raw: dict, shape: tuple | None) -> tuple[Choice, ...]:
        spec, kind = raw.get("choices"), shape[1] if shape else None
        if raw.get("type") not in ("choice", "multi"):
            if spec is not None:
                self.add(path + ("choices",), name, "one_of", allowed="choice, multi", got=raw.get("type"))
            return ()
        if shape is None:  # the key is reported already; without it the choices cannot be checked
            return ()
        if not isinstance(spec, dict) or set(spec) - CHOICE_KEYS or spec.get("kind") != kind:
            self.add(path + ("choices",), name, "question_type", type=raw.get("type"), got=repr(spec), kind=kind or "")
            return ()
        words = {**self.base.catalogue.get(kind, {}), **self.extra(path, name, spec.get("extra"))}
        ids = spec.get("ids", list(self.base.catalogue.get(kind, {})) + list(spec.get("extra") or {}))
        whens = spec.get("when") or {}
        if not isinstance(whens, dict):
            self.add(path + ("choices", "when"), name, "rules_mapping")
            whens = {}
        found = []
        for i, item in enumerate(ids if isinstance(ids, list) else [ids]):
            if not isinstance(item, str) or item not in words or self.issues_of(raw, item):
                self.add(path + ("choices", "ids", i), name, "cond_value", field=kind, got=repr(item),
                         allowed=", ".join(words))
                continue
            when = self.condition(path + ("choices", "when", item), name, whens[item]) if item in whens else None
            found.append(Choice(item, words[item], when))
        for item in set(whens) - {c.id for c in found}:
            self.add(path + ("choices", "when", item), name, "cond_value", field=kind, got=repr(item),
                     allowed=", ".join(c.id for c in found))
        return self.exclusive(path, name, raw.get("type"), spec.get("exclusive"), tuple(found))

    def exclusive(self, path: tuple, name: str, kind: Any, spec: Any, found: tuple[Choice, ...]) -> tuple[Choice, ...]:
        """`exclusive: [ids]` (multi only): choices such as "none of these" that exclude the others."""
        if spec is None:
            return found
        ids = {c.id for c in found}
        if kind != "multi" or not isinstance(spec, list) or not set(spec) <= ids:
            self.add(path + ("choices", "exclusive"), name, "one_of", allowed=f"multi: a list of {', '.join(ids)}",
                     got=repr(spec))
            return found
        return tuple(Choice(c.id, c.words, c.when, c.id in spec) for c in found)

    def extra(self, path: tuple, name: str, extra: Any) -> dict:
        if extra is None:
            return {}
        if not isinstance(extra, dict):
            self.add(path + ("choices", "extra"), name, "rules_mapping")
            return {}
        return {k: v for k, v in extra.items() if self.words(path + ("choices", "extra", k), name, v)}

    def issues_of(self, raw: dict, item: str) -> list:
        """The contract checker's verdict on one choice id, as the answer of this question."""
        key, part = raw.get("key", raw.get("id")), raw.get("part")
        value = {**UNKNOWN_CURRENT, part: item} if part else [item] if raw.get("type") == "multi" else item
        return self.check[key](value)

    def coverage(self, built: list[tuple[int, Question]]) -> None:
        """Every key asked, parts after their yes/no question, every list id offered exactly once."""
        offered: dict[tuple[str, str], str] = {}
        ids: set[str] = set()
        for position, (index, q) in enumerate(built):
            path, name = ("questions", index), f"question '{q.id}'"
            if q.id in ids:
                self.add(path + ("id",), name, "question_id_twice", got=q.id)
            ids.add(q.id)
            if q.part and not any(p.key == q.key and not p.part for _, p in built[:position]):
                self.add(path, name, "part_first", answer=q.key)
            if q.of is not None and not any(p.id == q.of and p.type == "multi" for _, p in built[:position]):
                self.add(path + ("of",), name, "scale_of", got=repr(q.of))
            for choice in q.choices if q.type == "multi" else ():
                other = offered.setdefault((q.key, choice.id), q.id)
                if other != q.id:
                    self.add(path + ("choices",), name, "choice_twice", got=choice.id, other=other)
        asked = {q.key for _, q in built if q.contract}
        for key in KEYS:
            if key not in asked:
                self.add(("questions",), "questions", "key_not_asked", answer=key)
        for key in set(LIST_KEYS) & asked:
            for item in self.base.catalogue[key]:
                if (key, item) not in offered:
                    self.add(("questions",), "questions", "choice_not_offered", got=item, answer=key)
