"""Why an advice says what it says: per recommendation and warning the rule behind it, its
condition with the client's values that made it true, and its source; then the rules that
almost fired and the one condition they missed.

Built on the same evaluator the questions use (`conditions.holds`) and the same flat fact the
engine matches (`facts.flatten`), so the explanation cannot disagree with the engine. Returns
data only: the command prints it in the user's language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conditions import All, Any_, Cmp, Has, Node, holds
from .facts import flatten, over_limit
from .model import Rule, RuleBase
from .runtime import conjunctions



@dataclass(frozen=True)
class Leaf:
    """One test of a condition, YAML-ish (`age: {lt: 65}`), with the client's value."""

    text: str
    value: Any
    holds: bool


@dataclass
class Because:
    """One rule behind a recommendation or warning, and the tests that made it true."""

    rule: Rule
    leaves: list[Leaf]


@dataclass
class Explained:
    """A recommendation (`kind` recommend, `id` the form), warning or block, with its rules;
    no rules means the program added it (a note on capped or merged amounts)."""

    kind: str
    id: str
    because: list[Because] = field(default_factory=list)


@dataclass
class Almost:
    """A rule that did not fire although all tests but one of a conjunction held."""

    rule: Rule
    held: list[Leaf]
    missing: Leaf


@dataclass
class Explanation:
    items: list[Explained]
    almost: list[Almost]


def stage_facts(base: RuleBase, answers: dict, advice: dict) -> dict[str, dict]:
    """The fact each stage was matched on, rebuilt from the answers and the advice."""
    first = flatten(answers, base.catalogue, base.scores, forms=base.forms)
    limits = dict(first, stage=2, current_over_limit=over_limit(answers, base.forms, advice["upper_limit_supplement_mg"]))
    recs = advice["recommendations"]
    outcome = dict(limits, stage=3, advised=bool(recs), blocked=advice["blocked"],
                   likelihood=advice["deficiency_likelihood"], doctor_first=advice["doctor_first"],
                   amount_given=any(r["mg_per_day"] is not None for r in recs))
    return {"answers": first, "limits": limits, "outcome": outcome}


def leaf(node: Cmp | Has, fact: dict, answers: dict) -> Leaf:
    """A test in words of the rule language, with the value the client's fact has for it."""
    if isinstance(node, Has):
        text = f"{node.field}: {node.item}" if node.present else f"{node.field}: {{none_of: [{node.item}]}}"
        return Leaf(text, list(answers.get(node.field) or []), holds(node, fact))
    value = node.value if not isinstance(node.value, bool) else str(node.value).lower()
    text = f"{node.field}: {value}" if node.op == "eq" else f"{node.field}: {{{node.op}: {value}}}"
    return Leaf(text, fact.get(node.field), holds(node, fact))


def why_true(node: Node, fact: dict, answers: dict) -> list[Leaf]:
    """The tests that make a true condition true: every part of an all, the first true any."""
    if isinstance(node, All):
        return [found for item in node.items for found in why_true(item, fact, answers)]
    if isinstance(node, Any_):
        first = next((item for item in node.items if holds(item, fact)), None)
        return why_true(first, fact, answers) if first is not None else []
    return [leaf(node, fact, answers)]


def _rules_for(item_kind: str, item_id: str, fired: list[Rule]) -> list[Rule]:
    if item_kind == "block":
        return [r for r in fired if r.then.get("block", {}).get("reason") == item_id]
    return [r for r in fired if r.then.get("warning", {}).get("id") == item_id
            or r.then.get("block", {}).get("reason") == item_id]


def explain(base: RuleBase, answers: dict, advice: dict) -> Explanation:
    """The explanation of `advice`, made for `answers` with the rules of `base`."""
    facts = stage_facts(base, answers, advice)
    fired = [r for r in (base.rule(i) for i in advice["fired_rules"]) if r is not None]

    def because(rules: list[Rule]) -> list[Because]:
        return [Because(r, why_true(r.condition, facts[r.stage], answers)) for r in rules]

    items = [Explained("recommend", rec["form"], because([r for r in (base.rule(i) for i in rec["reasons"]) if r]))
             for rec in advice["recommendations"]]
    items += [Explained("block", reason, because(_rules_for("block", reason, fired))) for reason in advice["block_reasons"]]
    items += [Explained("warning", w["id"], because(_rules_for("warning", w["id"], fired))) for w in advice["warnings"]
              if w["id"] not in advice["block_reasons"]]
    done = set(advice["fired_rules"])
    almost = [found for found in (_almost(r, facts[r.stage], answers) for r in base.rules if r.id not in done) if found]
    return Explanation(items, almost)


def _almost(rule: Rule, fact: dict, answers: dict) -> Almost | None:
    """The rule's conjunction with all tests but one true (and at least one true), if any."""
    for leaves in conjunctions(rule.condition) or []:
        shown = [leaf(node, fact, answers) for node in leaves]
        missing = [x for x in shown if not x.holds]
        if len(missing) == 1 and len(shown) >= 2:
            return Almost(rule, [x for x in shown if x.holds], missing[0])
    return None
