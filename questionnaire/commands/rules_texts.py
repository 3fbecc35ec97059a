"""The words of `magnesium rules` and `magnesium explain` (rules_texts.yaml), kept apart from
command_texts.yaml so that the rule tools and the review screens can change independently."""
from __future__ import annotations

from pathlib import Path

from engine.errors import Problem

from ..common.texts import ProblemInBook, TextBook

RULES_TEXTS = TextBook(Path(__file__).with_name("rules_texts.yaml"))


class RulesProblem(ProblemInBook):
    """A line of the rule tools (an error, or a warning that starts with its word)."""

    book = RULES_TEXTS

    @classmethod
    def at(cls, file: str, line: int | None, key: str, code: str, **params: object) -> Problem:
        """A line with the line number in the file (a rule, a case)."""
        return cls(file, key, code, tuple(sorted(params.items())), line)
