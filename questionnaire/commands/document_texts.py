"""The words the document commands share (document_texts.yaml): `magnesium handout` and
`magnesium letter` write their file, read the practice file and make a PDF the same way."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

DOCUMENT_TEXTS = TextBook(Path(__file__).with_name("document_texts.yaml"))


class DocumentProblem(ProblemInBook):
    """An error line of a document command or its practice file (exit 2)."""

    book = DOCUMENT_TEXTS
