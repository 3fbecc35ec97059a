"""The words of the web pages (web_texts.yaml); the questions and the words the terminal shows
too come from the intake's files."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import TextBook

WEB_TEXTS = TextBook(Path(__file__).with_name("web_texts.yaml"))
