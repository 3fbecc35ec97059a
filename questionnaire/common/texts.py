"""YAML text files: the fast safe loader, YAML that people read, and books of texts by key.

Each room keeps its words in its own YAML file (the intake's screens, the summary, the store,
the commands), so a practitioner can change them without reading Python. A `TextBook` reads one
such file on first use; a `ProblemInBook` is an error line whose words live in one.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import yaml

from engine.errors import Problem

from .formatting import printable


def quick_yaml(path: Path) -> Any:
    """A small YAML file for the first screen, with the safe loader in C where PyYAML has it.

    Only for files whose mistakes need no line numbers here: the shipped texts (a test checks
    them), or texts that the rule base loader checks again with lines.
    """
    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def readable_yaml(data: dict, comment: str = "") -> str:
    """YAML a person can read (keys in the order given, UTF-8 words as they are)."""
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


class TextBook:
    """The texts of one YAML file (`texts:` key -> language -> words), read on first use."""

    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def data(self) -> dict:
        """The whole file (some books hold more than texts, such as the summary's placement)."""
        return quick_yaml(self.path)

    def texts(self) -> dict[str, dict[str, str]]:
        """Every text with its languages (for the tests that check both languages exist)."""
        return self.data["texts"]

    def has(self, key: str) -> bool:
        return key in self.texts()

    def say(self, key: str, lang: str, **params: object) -> str:
        """The text `key` in `lang`, with its {placeholders} filled in."""
        return self.texts()[key][lang].format(**params)


class ProblemInBook(Problem):
    """An error line `file: key: fix; cause` whose message is the text `err_<code>` of `book`."""

    book: ClassVar[TextBook]

    @classmethod
    def about(cls, file: str, key: str, code: str, **params: object) -> ProblemInBook:
        return cls(file, key, code, tuple(sorted(params.items())))

    def message(self, lang: str) -> str:
        return self.book.say("err_" + self.code, lang, **dict(self.params))


# Safety words the client reads in more than one room (the handout, a follow-up's closing screen).
SAFETY_TEXTS = TextBook(Path(__file__).with_name("safety_texts.yaml"))
PLAN_WORDS = TextBook(Path(__file__).with_name("plan_words.yaml"))  # the plan's ids: units, reasons, changes


def reason_words(entry: dict, lang: str) -> str:
    """Why a plan's item or dropped form differs from the advice, in words, with the practitioner's
    own few words for 'other': the plan's questions, their review and the summary say it alike."""
    words = PLAN_WORDS.say(f"reason_{entry['change_reason']}", lang)
    return f"{words}: {printable(entry['change_note'])}" if entry.get("change_note") else words
