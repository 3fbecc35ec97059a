"""What the summary reads from inside the rules: the one place that knows a rule's `then` and `note`.

The engine has no public way yet to ask which rules set the reference amounts, which rules
decide the chance of a deficiency (its thresholds), or a rule's note about its amount. Until it
has, the summary reads those from the rule objects here, and only here, so the change to a
public engine API touches this module alone.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.rulebase import Rule, RuleBase


def sets_reference(rule: Rule) -> bool:
    """Whether the rule concludes the recommended intake and upper limit."""
    return "reference" in rule.then


def decides_likelihood(rule: Rule, level: str) -> bool:
    """Whether the rule concludes this chance of a deficiency."""
    return rule.then.get("likelihood") == level


def likelihood_thresholds(base: RuleBase) -> list[Rule]:
    """The rules that decide the chance of a deficiency (their titles are the thresholds)."""
    return [rule for rule in base.rules if "likelihood" in rule.then]


def amount_note(rule: Rule, lang: str) -> str | None:
    """The rule's note about its amount (such as 250-600 mg against the limit), if it has one."""
    return rule.note[lang] if rule.note else None
