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
    order: int
    evidence: dict | None = None
    file: str = ""  # where the rule is written, for the lines of `rules check` and `explain`
    line: int | None = None

    def concludes(self, kind: str) -> bool:
        """Whether the rule concludes this kind (reference, likelihood, recommend, ...): what a
        reader of the advice may ask without knowing the shape of a conclusion."""
        return kind in self.then

    @property
    def likelihood(self) -> str | None:
        """The chance of a deficiency this rule decides, if it decides one."""
        return self.then.get("likelihood")


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
    triage: dict[str, dict] = field(default_factory=dict)  # engine.triage.Table: a decision per answer

    def label(self, kind: str, item: str, lang: str) -> str:
        """The words for a catalogue id in `lang`."""
        return self.catalogue[kind][item][lang]

    def text(self, key: str, lang: str) -> str:
        return self.texts[key][lang]

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None when this rule base has no such rule (older advice)."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def concluding(self, kind: str) -> list[Rule]:
        """Every rule that concludes this kind (the likelihood thresholds, the reference table)."""
        return [rule for rule in self.rules if rule.concludes(kind)]


