"""The words of the plan (plan_texts.yaml): its error lines and what `magnesium plan` reports."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

PLAN_TEXTS = TextBook(Path(__file__).with_name("plan_texts.yaml"))


class PlanProblem(ProblemInBook):
    """An error line of a plan file (exit 2) with its line; its words are in plan_texts.yaml."""

    book = PLAN_TEXTS
