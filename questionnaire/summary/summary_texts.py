"""The words of the summary (summary_texts.yaml) and where the summary shows each warning.

The words are data so that the practitioner can change them without reading Python, as with
the rule files.
"""
from __future__ import annotations

from pathlib import Path

from ..common.texts import TextBook

SUMMARY_TEXTS = TextBook(Path(__file__).with_name("summary_texts.yaml"))
LANGS = ("nl", "en")


def placement() -> dict[str, list[str]]:
    """Which summary section shows which warning id (critical warnings always go first)."""
    return SUMMARY_TEXTS.data["placement"]
