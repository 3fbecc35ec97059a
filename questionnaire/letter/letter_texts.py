"""The words of the letter to the GP (letter_texts.yaml), Dutch in a GP's register and English."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

LETTER_TEXTS = TextBook(Path(__file__).with_name("letter_texts.yaml"))


class LetterProblem(ProblemInBook):
    """An error line of `magnesium letter` (exit 2); its words are in letter_texts.yaml."""

    book = LETTER_TEXTS
