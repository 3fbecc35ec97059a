"""The words of the summary and of `magnesium review`, read from summary_texts.yaml.

The words are data so that the practitioner can change them without reading Python, as with
the rule files. Error lines are `Problem`s like the engine's, so `cli.main` prints them and
exits 2 the same way; only their words come from this file instead of engine/messages.py.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from engine.errors import Problem

from ..intake.screen import quick_yaml

_FILE = Path(__file__).with_name("summary_texts.yaml")
LANGS = ("nl", "en")


@lru_cache(maxsize=1)
def _data() -> dict:
    return quick_yaml(_FILE)


def say(key: str, lang: str, **params: object) -> str:
    """The text `key` in `lang`, with its {placeholders} filled in."""
    return _data()["texts"][key][lang].format(**params)


def has(key: str) -> bool:
    """Whether a text exists (a score added to the rule base may have no words here yet)."""
    return key in _data()["texts"]


def all_texts() -> dict[str, dict[str, str]]:
    """Every text with its languages (for the test that checks both languages exist)."""
    return _data()["texts"]


def placement() -> dict[str, list[str]]:
    """Which summary section shows which warning id (critical warnings always go first)."""
    return _data()["placement"]


class UsageProblem(Problem):
    """A Problem whose words live in summary_texts.yaml (store, review and export errors)."""

    def message(self, lang: str) -> str:
        return say("err_" + self.code, lang, **dict(self.params))


def problem(file: str, key: str, code: str, **params: object) -> UsageProblem:
    """One error line `file: key: fix; cause` with the message `err_<code>`."""
    return UsageProblem(file, key, code, tuple(sorted(params.items())))
