"""A stored intake as a FHIR R4 QuestionnaireResponse that names the generated Questionnaire
(`questionnaire`: its url|version, as HL7 SDC asks).

Only the questions that applied get an item (the caller walks the intake's answers through the
questions, as the intake did), each answer typed as its Questionnaire item is; a scale's ratings
are one integer item per complaint rated. `authored` is when the intake was saved, the subject
the intake's number in this practice (no name in a reference: the name is an answer).
"""
from __future__ import annotations

from typing import Any

from .questionnaire import URL, coding, item_type, kind_of, system

INTAKE_SYSTEM = system("intake")


def subject(number: int) -> dict:
    """The client, as the intake's number in this practice's store."""
    return {"identifier": {"system": INTAKE_SYSTEM, "value": str(number)}}


def answers(question: Any, value: Any, lang: str) -> list[dict]:
    """A question's answer as FHIR answer values (none for an empty text or nothing ticked)."""
    words = {choice.id: choice.words for choice in question.choices}
    if question.type == "text":
        return [{"valueString": value}] if isinstance(value, str) and value.strip() else []
    if question.type == "number":
        if value is None:
            return []
        return [{"valueInteger": int(value)} if item_type(question) == "integer" else {"valueDecimal": value}]
    if question.type == "yesno":
        return [{"valueBoolean": bool(value)}]
    chosen = value if question.type == "multi" else [value]
    return [{"valueCoding": coding(kind_of(question), item, words.get(item), lang)} for item in chosen]


def build_response(answered: list[tuple[Any, Any]], question_version: str, authored: str, number: int,
                   lang: str = "nl") -> dict:
    """The QuestionnaireResponse of (question, answer) pairs in asking order."""
    items = []
    for question, value in answered:
        if question.type == "scale":
            rated = [{"linkId": f"{question.id}.{item}", "answer": [{"valueInteger": n}]} for item, n in value.items()]
            if rated:
                items.append({"linkId": question.id, "item": rated})
            continue
        found = answers(question, value, lang)
        if found:
            items.append({"linkId": question.id, "answer": found})
    return {"resourceType": "QuestionnaireResponse", "questionnaire": f"{URL}|{question_version}",
            "status": "completed", "authored": authored, "subject": subject(number), "language": lang,
            "item": items}
