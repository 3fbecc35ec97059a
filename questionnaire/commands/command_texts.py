"""The words of the commands that are not the summary's (command_texts.yaml): the list of
intakes, what `magnesium review` did, and the commands' error lines."""
from __future__ import annotations

from pathlib import Path

from ..common.texts import ProblemInBook, TextBook

COMMAND_TEXTS = TextBook(Path(__file__).with_name("command_texts.yaml"))


class CommandProblem(ProblemInBook):
    """An error line of a command's options (exit 2); its words are in command_texts.yaml."""

    book = COMMAND_TEXTS
