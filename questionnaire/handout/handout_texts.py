"""The words of the handout (handout_texts.yaml), B1 Dutch and English, speaking to the client."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

HANDOUT_TEXTS = TextBook(Path(__file__).with_name("handout_texts.yaml"))


class HandoutProblem(ProblemInBook):
    """An error line of the handout or its practice file (exit 2); words in handout_texts.yaml."""

    book = HANDOUT_TEXTS
