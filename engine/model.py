"""The engine's types: a rule as written and the whole rule base.

Kept apart from the loader (`rulebase`) and the conclusion checks (`conclusions`) so that every
module can name these types without importing the code that builds them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import conditions


@dataclass
class Rule:
    """One rule as written, with its condition compiled to a tree."""

    id: str
    title: dict
    condition: conditions.Node
    priority: int
    stage: str
    source: dict
    then: dict
    note: dict | None
    order: int
    evidence: dict | None = None


@dataclass
class RuleBase:
    """The whole knowledge base: ids and words, forms, texts, scores and rules."""

    catalogue: dict[str, dict]
    forms: dict[str, dict]
    texts: dict[str, dict]
    scores: dict[str, dict]
    rules: list[Rule]
    version: str
    directory: str = ""
    fields: dict[str, conditions.Field] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def label(self, kind: str, item: str, lang: str) -> str:
        """The words for a catalogue id in `lang`."""
        return self.catalogue[kind][item][lang]

    def text(self, key: str, lang: str) -> str:
        return self.texts[key][lang]


