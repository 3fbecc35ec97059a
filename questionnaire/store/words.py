"""The intake store's words (store_texts.yaml) and its error line, apart from the store's code.

Both engines (engines.py) and the store itself (intakes.py) say their problems with these,
and the intake's first screen checks the store folder with them without loading a database
driver.
"""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

STORE_TEXTS = TextBook(Path(__file__).with_name("store_texts.yaml"))


class StoreProblem(ProblemInBook):
    """An error line of the store (exit 2); its words are in store_texts.yaml."""

    book = STORE_TEXTS
