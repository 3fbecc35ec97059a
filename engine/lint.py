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


def _overlap(first: Rule, second: Rule, fields: dict[str, Field]) -> bool:
    """Whether some client's answers make both rules' conditions true."""
    left, right = (conjunctions(r.condition, MAX_CONJUNCTIONS) for r in (first, second))
    if left is None or right is None:
        return False
    return any(possible(a + b, fields) for a in left for b in right)


def unordered_amounts(base: RuleBase) -> list[tuple[Rule, Rule]]:
    """Pairs of rules that can fire together and recommend one form with another amount or
    duration at the same priority: which amount wins is then only their order in the files."""
    recommending = [r for r in base.rules if r.concludes("recommend")]
    found = []
    for i, first in enumerate(recommending):
        for second in recommending[i + 1:]:
            a, b = first.then["recommend"], second.then["recommend"]
            differ = (a.get("mg_per_day"), a.get("duration_days")) != (b.get("mg_per_day"), b.get("duration_days"))
            if a["form"] == b["form"] and first.priority == second.priority and differ and \
                    _overlap(first, second, base.fields):
                found.append((first, second))
    return found


def _ages(rule: Rule) -> list[int]:
    """The lowest age of each way the rule's condition can hold (0 where age is not tested)."""
    lows = []
    for leaves in conjunctions(rule.condition, MAX_CONJUNCTIONS) or ():
        age = _Range()
        for leaf in leaves:
            if not isinstance(leaf, Has) and leaf.field == "age":
                age.narrow(leaf.op, leaf.value)
        lows.append(min(age.only) if age.only else int(age.lo))
    return lows


def limits_beyond_references(base: RuleBase) -> list[Rule]:
    """Reference rules whose upper limit is missing from one year on, or above what NIH or EFSA
    set for the youngest age they cover: an edit that would lift the safety net."""
    from .promises import reference_limit

    wrong = []
    for rule in base.concluding("reference"):
        limits = [mg for mg in rule.then["reference"]["upper_limit"].values() if mg is not None]
        for age in _ages(rule):
            ceiling = reference_limit(age)
            if (age >= 1 and not limits) or (ceiling is not None and any(mg > ceiling for mg in limits)):
                wrong.append(rule)
                break
    return wrong
