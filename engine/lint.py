"""Warnings about a rule base that loads: rules whose condition can never hold.

The loader refuses what is wrong; this finds what is allowed but useless, such as
`age: {lt: 5, gt: 10}`. The condition is written as its conjunctions (the same disjunctive
normal form the runtime compiles), and each conjunction is checked field by field: an interval
of whole numbers for numbers, a set of values for true/false and fixed choices, present or
absent for a list id. A rule never fires when every conjunction is contradictory.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import Field, Has
from .model import Rule, RuleBase
from .runtime import conjunctions

MAX_CONJUNCTIONS = 4096  # beyond what the runtime accepts; a rule this wide is refused on loading


@dataclass
class _Range:
    """What one field may still be in a conjunction."""

    lo: float = 0  # every number a condition tests (ages, months, counts) is 0 or more
    hi: float = float("inf")
    not_eq: set = field(default_factory=set)
    only: set | None = None  # for true/false and fixed choices: the values still allowed

    def narrow(self, op: str, value: object) -> None:
        if op == "eq":
            self.only = {value} if self.only is None else self.only & {value}
        elif op == "ne":
            self.not_eq.add(value)
        elif op in ("lt", "lte"):
            self.hi = min(self.hi, value - 1 if op == "lt" else value)
        else:
            self.lo = max(self.lo, value + 1 if op == "gt" else value)

    def possible(self, spec: Field | None) -> bool:
        if spec is not None and spec.kind == "int":
            if self.only is not None:
                return any(self.lo <= v <= self.hi and v not in self.not_eq for v in self.only)
            if self.hi - self.lo + 1 > len(self.not_eq):
                return self.lo <= self.hi
            return any(v not in self.not_eq for v in range(int(self.lo), int(self.hi) + 1))
        values = set(self.only) if self.only is not None else _domain(spec)
        return values is None or bool(values - self.not_eq)


def _domain(spec: Field | None) -> set | None:
    if spec is None:
        return None
    return {True, False} if spec.kind == "bool" else set(spec.values) if spec.kind == "enum" else None


def possible(leaves: tuple, fields: dict[str, Field]) -> bool:
    """Whether one conjunction of leaves can hold on some fact."""
    ranges: dict[str, _Range] = {}
    present: dict[tuple, bool] = {}
    for leaf in leaves:
        if isinstance(leaf, Has):
            if present.setdefault((leaf.field, leaf.item), leaf.present) != leaf.present:
                return False
        else:
            ranges.setdefault(leaf.field, _Range()).narrow(leaf.op, leaf.value)
    return all(r.possible(fields.get(name)) for name, r in ranges.items())


def never_fires(rule: Rule, fields: dict[str, Field]) -> bool:
    """Whether no fact can make the rule's condition true."""
    found = conjunctions(rule.condition, MAX_CONJUNCTIONS)
    if found is None:
        return False  # too wide to tell; the runtime refuses such a rule anyway
    return not any(possible(leaves, fields) for leaves in found)


def unsatisfiable(base: RuleBase) -> list[Rule]:
    """Every rule of the rule base that can never fire, in file order."""
    return [rule for rule in base.rules if never_fires(rule, base.fields)]
