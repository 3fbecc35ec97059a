"""`magnesium review N --export FILE.fhir.json`: the intake as FHIR R4 (docs/fhir.md).

The composing step: the intake's stored answers are walked through today's questions with the
intake's own session (questions.recovered, then IntakeSession drops what did not apply), and
fhir/ turns the questions that applied, the advice and the latest plan into plain dicts: a
Bundle of the Questionnaire (generated from the same question data), the QuestionnaireResponse
naming it, and the CarePlans.
"""
from __future__ import annotations

import argparse
import json
from typing import Any


def applied(questionnaire: Any, base: Any, answers: dict, severities: dict | None) -> list[tuple[Any, Any]]:
    """(question, answer) for each question that applied to these answers, in asking order."""
    from ..intake import questions
    from ..intake.session import IntakeSession

    session = IntakeSession(questionnaire, base)
    for question, value in questions.recovered(questionnaire, answers, severities):
        session.give(question, value)
    return [(step.question, session.answered[step.question.id]) for step in session.steps()
            if step.question.id in session.answered]


def fhir_text(intake: Any, plans: list[dict], args: argparse.Namespace) -> str:
    """The Bundle of a stored intake as JSON text (in the intake's language)."""
    from engine.rulebase import load

    from ..fhir.bundle import build_bundle
    from ..fhir.questionnaire import build_questionnaire, version
    from ..fhir.response import build_response
    from ..intake import questions

    base = load(args.rules)
    questionnaire, question_version = questions.load(base), version(questions.QUESTIONS_FILE)
    response = build_response(applied(questionnaire, base, intake.answers, intake.severities), question_version,
                              intake.created_at, intake.number, intake.lang)
    bundle = build_bundle(build_questionnaire(questionnaire, question_version, intake.lang), response, intake.number,
                          intake.created_at, intake.advice, plans[-1] if plans else None, base, intake.lang)
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
