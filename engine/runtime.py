"""The rules compiled into durable_rules' Rete engine; `fire` says which rules match a fact.

The engine is driven through its C module (`engine.direct`), not through `durable.engine`'s
Host, which decodes the whole fact for every fired rule and re-encodes the state after every
action. What the Host path also contained is kept here:

- no timer threads and no background dispatch: nothing runs outside `fire`, on the caller's
  thread, under one lock (the C engine is not thread-safe);
- every session's state is deleted after its fact, so the 1024 live sessions of a ruleset are
  never used up; after an engine error the state is never deleted (that corrupts the heap: the
  ruleset is rebuilt instead) and the error becomes `BadInput` naming the rules, never a crash;
- the firing order is priority first, then the order in the rule files: what durable_rules'
  agenda gives for these single-fact rules (`tests/test_engine_paths.py` compares the two).

To stay inside the engine's fixed tables (limits in `engine.direct`) every condition is written
as patterns without `$or` (its disjunctive normal form: an `in:` list of 470 values becomes 470
one-test patterns), and the patterns of a stage are packed into as many rulesets as needed, each
with at most `PATTERNS_PER_RULESET` patterns and `KEYS_PER_FACT` fact keys. A fact is asserted in
each ruleset of its stage, carrying only the keys that ruleset's patterns test; the matches are
merged and ordered.
"""
from __future__ import annotations

import threading
import warnings
from typing import Iterable

from . import direct
from .conditions import Any_, Cmp, Has, Node, list_key
from .errors import BadInput, problem
from .model import Rule

# durable_rules 2.0.28 calls datetime.utcfromtimestamp in every action of its Python layer: on
# Python 3.12 that warns. This module no longer uses that layer; the filter stays for any caller
# (and test) that still does.
warnings.filterwarnings("ignore", message=r"datetime\.datetime\.utcfromtimestamp", category=DeprecationWarning)
STAGES = {"answers": 1, "limits": 2, "outcome": 3}
_DURABLE = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


class _TooMany(Exception):
    pass


def patterns(node: Node, limit: int = direct.MAX_PATTERNS_PER_RULE) -> list[tuple]:
    """The condition as a list of conjunctions of leaves (`Cmp`/`Has`); [] never holds, [()] always."""
    if isinstance(node, (Cmp, Has)):
        return [(node,)]
    parts = [patterns(n, limit) for n in node.items]
    if isinstance(node, Any_):
        out = list(dict.fromkeys(c for p in parts for c in p))
    else:
        out = [()]
        for part in parts:
            if len(out) * len(part) > limit:
                raise _TooMany(len(out) * len(part))
            out = [tuple(dict.fromkeys(a + b)) for a in out for b in part]
        out = list(dict.fromkeys(out))
    if len(out) > limit:
        raise _TooMany(len(out))
    return out


def conjunctions(node: Node, limit: int = direct.MAX_PATTERNS_PER_RULE) -> list[tuple] | None:
    """The condition's conjunctions of leaves (as `patterns`), or None when there are more than
    `limit` (for the checks and explanations that read a condition the way the engine does)."""
    try:
        return patterns(node, limit)
    except _TooMany:
        return None


def _key(leaf) -> str:
    return list_key(leaf.field, leaf.item) if isinstance(leaf, Has) else leaf.field


def _test(leaf) -> dict:
    if isinstance(leaf, Has):
        return {list_key(leaf.field, leaf.item): leaf.present}
    if leaf.op == "eq":
        return {leaf.field: leaf.value}
    return {_DURABLE[leaf.op]: {leaf.field: leaf.value}}


def _pattern(stage: int, leaves: tuple) -> dict:
    tests = [{"stage": stage}] + [_test(leaf) for leaf in leaves]
    return tests[0] if len(tests) == 1 else {"$and": tests}


class Runtime:
    """The compiled rules of one rule base; `fire` returns the ids of the rules that matched."""

    def __init__(self, rules: Iterable[Rule], where: str = "rules"):
        self._lock = threading.Lock()
        self._where = where
        self._rules = list(rules)
        self._ids = [rule.id for rule in self._rules]
        self._rank = [(rule.priority, rule.order, i) for i, rule in enumerate(self._rules)]
        self._rulesets: dict[int, list[direct.CompiledRuleset]] = {n: [] for n in STAGES.values()}
        problems = []
        pending: dict[int, list[tuple[int, tuple]]] = {n: [] for n in STAGES.values()}
        for i, rule in enumerate(self._rules):
            key = f"rule '{rule.id}'"
            try:
                found = patterns(rule.condition)
            except _TooMany as many:
                problems.append(problem(where, key, "rule_too_complex", count=many.args[0],
                                        max=direct.MAX_PATTERNS_PER_RULE))
                continue
            for leaves in found:
                keys = {_key(leaf) for leaf in leaves} | {"stage"}
                wide = ((len(keys), direct.KEYS_PER_FACT) if len(keys) > direct.KEYS_PER_FACT else
                        (len(leaves), direct.MAX_TESTS_PER_PATTERN) if len(leaves) > direct.MAX_TESTS_PER_PATTERN else None)
                if wide:
                    problems.append(problem(where, key, "rule_too_wide", count=wide[0], max=wide[1]))
                    break
                pending[STAGES[rule.stage]].append((i, leaves))
        if problems:
            raise BadInput(problems)
        for stage, items in pending.items():
            self._pack(stage, items)

    def _pack(self, stage: int, items: list[tuple[int, tuple]]) -> None:
        """Fill rulesets in rule order, each within the pattern and key limits."""
        group: list[tuple[int, dict]] = []
        keys: dict[str, None] = {"stage": None}
        for rule, leaves in items:
            new = {_key(leaf): None for leaf in leaves if _key(leaf) not in keys}
            if group and (len(group) == direct.PATTERNS_PER_RULESET or len(keys) + len(new) > direct.KEYS_PER_FACT):
                self._compile(stage, group, keys)
                group, keys = [], {"stage": None}
                new = {_key(leaf): None for leaf in leaves}
            group.append((rule, _pattern(stage, leaves)))
            keys.update(new)
        if group:
            self._compile(stage, group, keys)

    def _compile(self, stage: int, group: list[tuple[int, dict]], keys: dict) -> None:
        if sum(len(r) for r in self._rulesets.values()) >= direct.MAX_RULESETS:
            raise BadInput([problem(self._where, "rules", "engine_refused", error="MAX_HANDLES",
                                    rules=f"{len(self._rules)} rules")])
        try:
            compiled = direct.CompiledRuleset(stage, group, tuple(keys))
        except direct.EngineError as error:
            raise self._refused(error, [rule for rule, _ in group]) from None
        self._rulesets[stage].append(compiled)

    def _refused(self, error: Exception, indexes: Iterable[int]) -> BadInput:
        code = str(error).rsplit(":", 1)[-1].strip()
        ids = list(dict.fromkeys(self._ids[i] for i in indexes if i is not None))
        shown = ", ".join(ids[:5]) + (f" (+{len(ids) - 5})" if len(ids) > 5 else "")
        return BadInput([problem(self._where, "rules", "engine_refused", error=code, rules=shown)])

    @property
    def rulesets(self) -> int:
        """How many rulesets the rules were packed into (for benchmarks and tests)."""
        return sum(len(r) for r in self._rulesets.values())

    def fire(self, fact: dict) -> list[str]:
        """Evaluate one fact; each matched rule's id once, priority first, then file order."""
        stage = fact.get("stage", 1)
        with self._lock:
            found: set[int] = set()
            for ruleset in self._rulesets.get(stage, ()):
                try:
                    found.update(ruleset.matches(fact))
                except direct.EngineError as error:
                    raise self._refused(error, ruleset.rule_of.values()) from None
        found.discard(None)
        rank = self._rank
        return [self._ids[i] for i in sorted(found, key=rank.__getitem__)]
