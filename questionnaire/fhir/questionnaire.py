"""The FHIR R4 Questionnaire of the intake, generated from the question data (questions.yaml).

Plain dicts, no FHIR library: the export must run where only the program is installed. Each
question is one item whose linkId is the question's id (stable: resume files use it too):
text -> string, a whole number -> integer, an amount -> decimal, one choice -> choice, ticking
several -> choice with repeats, yes/no -> boolean, the 0-10 scale -> a group of one integer item
per complaint it can rate. Choices are codings: the system names the catalogue kind
(`urn:magnesium-intake:<kind>`), the code is the id, the display the Dutch words with the English
ones as the translation extension (the question texts too). `version` is the hash of the
question file, as `rulebase_version` is of the rules.

A question's `when` becomes enableWhen only when FHIR says the same: comparisons of earlier
answers, all of them (enableBehavior all) or any of them (any), one level deep. Anything else
(a mix of all and any, a computed fact such as an amount given, a choice offered only to some)
has no enableWhen and is listed by `limitations` (docs/fhir.md names them): never a near miss.
The questions arrive as values (the intake room's Questionnaire), this room imports none.
"""
from __future__ import annotations

import hashlib
from typing import Any

from engine.answer_keys import BY_NAME, CURRENT
from engine.conditions import All, Any_, Cmp

URL = "urn:magnesium-intake:Questionnaire/intake"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE, MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue", "http://hl7.org/fhir/StructureDefinition/maxValue"
SCALE_TOP = 10
OPERATORS = {"eq": "=", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def system(kind: str) -> str:
    """The code system of a catalogue kind's ids."""
    return f"urn:magnesium-intake:{kind}"


def version(path: Any) -> str:
    """The Questionnaire's version: the hash of the question file's bytes."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def words(text: dict, lang: str) -> tuple[str, dict]:
    """A text in `lang` and the primitive extension that carries the other language."""
    other = "en" if lang == "nl" else "nl"
    return text[lang], {"extension": [{"url": TRANSLATION, "extension": [
        {"url": "lang", "valueCode": other}, {"url": "content", "valueString": text[other]}]}]}


def answer_key(question: Any) -> Any:
    """The contract's key (or part) that the question fills."""
    key = BY_NAME[question.key]
    return next(p for p in CURRENT.parts if p.name == question.part) if question.part else key


def kind_of(question: Any) -> str | None:
    """The catalogue kind of a choice question's ids (its coding system)."""
    key = answer_key(question)
    return key.ids or key.name if key.kind in ("choice", "list") else None


def item_type(question: Any) -> str:
    if question.type == "number":
        return "integer" if answer_key(question).kind == "int" else "decimal"
    return {"text": "string", "choice": "choice", "multi": "choice", "yesno": "boolean", "scale": "group"}[question.type]


def coding(kind: str, choice_id: str, text: dict | None, lang: str) -> dict:
    found = {"system": system(kind), "code": choice_id}
    if text:
        found["display"], found["_display"] = words(text, lang)
    return found


def enable_when(node: Any, by_id: dict[str, Any]) -> tuple[list[dict], str | None] | None:
    """enableWhen and enableBehavior for a `when`, or None when FHIR cannot say it exactly."""
    if isinstance(node, All) and not node.items:
        return [], None
    leaves = [node] if isinstance(node, Cmp) else list(node.items) if isinstance(node, (All, Any_)) else []
    if not leaves or not all(isinstance(leaf, Cmp) for leaf in leaves):
        return None
    found = []
    for leaf in leaves:
        question = by_id.get(leaf.field)
        if question is None or question.type not in ("number", "yesno", "choice") or question.part:
            return None
        found.append({"question": leaf.field, "operator": OPERATORS[leaf.op], **_answer(question, leaf.value)})
    return found, None if len(found) == 1 else ("all" if isinstance(node, All) else "any")


def _answer(question: Any, value: Any) -> dict:
    if question.type == "yesno":
        return {"answerBoolean": value}
    if question.type == "number":
        return {"answerInteger" if item_type(question) == "integer" else "answerDecimal": value}
    return {"answerCoding": {"system": system(kind_of(question)), "code": value}}


def _item(question: Any, by_id: dict[str, Any], lang: str, before: dict[str, Any]) -> dict:
    item = {"linkId": question.id, "type": item_type(question)}
    item["text"], item["_text"] = words(question.text, lang)
    rule = enable_when(question.when, before)
    if rule and rule[0]:
        item["enableWhen"] = rule[0]
        if rule[1]:
            item["enableBehavior"] = rule[1]
    if question.type == "scale":
        rated = by_id[question.of]
        item["item"] = [_scale_item(question, rated, choice, lang) for choice in rated.choices]
        return item
    item["required"] = question.type in ("choice", "yesno") or (question.type in ("text", "number") and not question.optional)
    if question.type == "multi":
        item["repeats"] = True
    if question.choices:
        item["answerOption"] = [{"valueCoding": coding(kind_of(question), c.id, c.words, lang)} for c in question.choices]
    return item


def _scale_item(scale: Any, rated: Any, choice: Any, lang: str) -> dict:
    """One 0-10 item of the scale: enabled when that complaint was ticked."""
    item = {"linkId": f"{scale.id}.{choice.id}", "type": "integer", "required": False,
            "enableWhen": [{"question": rated.id, "operator": "=",
                            "answerCoding": {"system": system(kind_of(rated)), "code": choice.id}}],
            "extension": [{"url": MIN_VALUE, "valueInteger": 0}, {"url": MAX_VALUE, "valueInteger": SCALE_TOP}]}
    item["text"], item["_text"] = words(choice.words, lang)
    return item


def build_questionnaire(questionnaire: Any, question_version: str, lang: str = "nl") -> dict:
    """The R4 Questionnaire resource of these questions (`questionnaire`: questions.load's)."""
    questions = questionnaire.questions
    by_id = {q.id: q for q in questions}
    items = [_item(q, by_id, lang, {p.id: p for p in questions[:i]}) for i, q in enumerate(questions)]
    return {"resourceType": "Questionnaire", "id": "magnesium-intake", "url": URL, "version": question_version,
            "name": "MagnesiumIntake", "title": "Magnesium intake", "status": "active", "language": lang,
            "subjectType": ["Patient"], "item": items}


def limitations(questionnaire: Any) -> list[str]:
    """What the Questionnaire leaves out of the question data: each question whose `when`, and
    each choice whose own condition, FHIR R4's enableWhen cannot say exactly."""
    questions = questionnaire.questions
    found = [f"{q.id}: when" for i, q in enumerate(questions)
             if enable_when(q.when, {p.id: p for p in questions[:i]}) is None]
    return found + [f"{q.id}: choice {c.id}" for q in questions for c in q.choices if c.when is not None]
