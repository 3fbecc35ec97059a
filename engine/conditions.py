"""The condition language of rules and questions: a small declarative tree, never code.

A condition is YAML: a mapping of field to expected value (all must hold), or `all:`, `any:`,
`not:`, or the word `always`. Scalars compare with `eq ne lt lte gt gte in not_in between`; a
list field holds ids (`complaints: muscle_cramps`) with `any_of all_of none_of`. Every field and
id is checked against the catalogue, so a typo is an error with a line, not a rule that never
fires.

Negation is pushed down to the leaves: durable_rules' `$not` is a pattern, not an operator, and
its `$iall` is false on an empty list, so list membership is compiled to one boolean per id.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

STAGES = ("answers", "limits", "outcome")  # evaluated in this order; a field exists from its stage on
SCALAR_OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "between")
LIST_OPS = ("any_of", "all_of", "none_of")
_NEGATE = {"eq": "ne", "ne": "eq", "lt": "gte", "gte": "lt", "gt": "lte", "lte": "gt"}
_DURABLE = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


@dataclass(frozen=True)
class Field:
    """A name a condition may test: its kind (int, bool, enum, list) and allowed values."""

    name: str
    kind: str
    values: tuple = ()
    stage: str = "answers"


@dataclass(frozen=True)
class All:
    items: tuple


@dataclass(frozen=True)
class Any_:
    items: tuple


@dataclass(frozen=True)
class Cmp:
    field: str
    op: str
    value: Any


@dataclass(frozen=True)
class Has:
    field: str
    item: str
    present: bool = True


Node = Union[All, Any_, Cmp, Has]


class ConditionError(Exception):
    """A condition that cannot be compiled; `path` is relative to the condition's own node."""

    def __init__(self, path: tuple, code: str, **params: object):
        super().__init__(code)
        self.path, self.code, self.params = path, code, params


def list_key(field: str, item: str) -> str:
    """The flat fact key that says whether list `field` holds `item`."""
    return f"{field}__{item}"


def parse(raw: Any, fields: dict[str, Field], stage: str = "answers", path: tuple = ()) -> Node:
    """Turn a YAML condition into a tree; raise ConditionError naming the bad part."""
    if raw == "always":
        return All(())
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(path, "cond_shape", got=repr(raw))
    items = []
    for key, value in raw.items():
        sub = path + (key,)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(sub, "cond_list", name=key)
            parts = tuple(parse(v, fields, stage, sub + (i,)) for i, v in enumerate(value))
            items.append(All(parts) if key == "all" else Any_(parts))
        elif key == "not":
            items.append(negate(parse(value, fields, stage, sub)))
        else:
            items.append(_leaf(key, value, fields, stage, sub))
    return items[0] if len(items) == 1 else All(tuple(items))


def _field(name: Any, fields: dict[str, Field], stage: str, path: tuple) -> Field:
    field = fields.get(name) if isinstance(name, str) else None
    if field is None or STAGES.index(field.stage) > STAGES.index(stage):
        allowed = ", ".join(n for n, f in fields.items() if STAGES.index(f.stage) <= STAGES.index(stage))
        raise ConditionError(path, "cond_field", got=name, allowed=f"all, any, not, {allowed}")
    return field


def _leaf(name: str, spec: Any, fields: dict[str, Field], stage: str, path: tuple) -> Node:
    field = _field(name, fields, stage, path)
    if field.kind == "list":
        return _list_leaf(field, spec, path)
    if isinstance(spec, dict):
        parts = tuple(_scalar_op(field, op, v, path + (op,)) for op, v in spec.items())
        return parts[0] if len(parts) == 1 else All(parts)
    if isinstance(spec, list):
        return _scalar_op(field, "in", spec, path)
    return _scalar_op(field, "eq", spec, path)


def _list_leaf(field: Field, spec: Any, path: tuple) -> Node:
    if isinstance(spec, str):
        return Has(field.name, _id(field, spec, path))
    if isinstance(spec, list):
        spec = {"any_of": spec}
    if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in LIST_OPS:
        raise ConditionError(path, "cond_op", field=field.name, allowed=", ".join(LIST_OPS))
    op, ids = next(iter(spec.items()))
    if not isinstance(ids, list) or not ids:
        raise ConditionError(path + (op,), "cond_list", name=op)
    leaves = tuple(Has(field.name, _id(field, i, path + (op,)), op != "none_of") for i in ids)
    return Any_(leaves) if op == "any_of" else All(leaves)


def _scalar_op(field: Field, op: Any, value: Any, path: tuple) -> Node:
    allowed_ops = SCALAR_OPS if field.kind == "int" else ("eq", "ne", "in", "not_in")
    if op not in allowed_ops:
        raise ConditionError(path, "cond_op", field=field.name, allowed=", ".join(allowed_ops))
    if op in ("in", "not_in", "between"):
        if not isinstance(value, list) or not value or (op == "between" and len(value) != 2):
            raise ConditionError(path, "cond_list", name=op)
        values = [_value(field, v, path) for v in value]
        if op == "between":
            return All((Cmp(field.name, "gte", values[0]), Cmp(field.name, "lte", values[1])))
        leaves = tuple(Cmp(field.name, "eq" if op == "in" else "ne", v) for v in values)
        return Any_(leaves) if op == "in" else All(leaves)
    return Cmp(field.name, op, _value(field, value, path))


def _value(field: Field, value: Any, path: tuple) -> Any:
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "enum": value in field.values,
    }[field.kind]
    if not ok:
        allowed = {"int": "a whole number", "bool": "true or false"}.get(
            field.kind, ", ".join(field.values))
        raise ConditionError(path, "cond_value", field=field.name, got=repr(value), allowed=allowed)
    return value


def _id(field: Field, item: Any, path: tuple) -> str:
    if item not in field.values:
        raise ConditionError(path, "cond_value", field=field.name, got=repr(item), allowed=", ".join(field.values))
    return item


def negate(node: Node) -> Node:
    """The condition that holds exactly when `node` does not (De Morgan down to the leaves)."""
    if isinstance(node, All):
        return Any_(tuple(negate(n) for n in node.items)) if node.items else Any_(())
    if isinstance(node, Any_):
        return All(tuple(negate(n) for n in node.items))
    if isinstance(node, Cmp):
        return Cmp(node.field, _NEGATE[node.op], node.value)
    return Has(node.field, node.item, not node.present)


def to_durable(node: Node) -> dict | None:
    """The durable_rules expression for `node`, None where it always holds: the Host path's
    (tests/test_engine_paths.py holds the engine's own patterns to it, and bench/ times it)."""
    if isinstance(node, (All, Any_)):
        parts = [to_durable(n) for n in node.items]
        if isinstance(node, Any_) and None in parts:  # one part always holds, so the whole does
            return None
        parts = [p for p in parts if p is not None]
        if not parts:  # an empty all: always true; an empty any: never (stage is never below 1)
            return None if isinstance(node, All) else {"$lt": {"stage": 0}}
        return parts[0] if len(parts) == 1 else {"$and" if isinstance(node, All) else "$or": parts}
    if isinstance(node, Has):
        return {list_key(node.field, node.item): node.present}
    if node.op == "eq":
        return {node.field: node.value}
    return {_DURABLE[node.op]: {node.field: node.value}}


def holds(node: Node, fact: dict) -> bool:
    """Evaluate `node` on a flat fact in Python (questions' `when`, and a check on the engine)."""
    if isinstance(node, All):
        return all(holds(n, fact) for n in node.items)
    if isinstance(node, Any_):
        return any(holds(n, fact) for n in node.items)
    if isinstance(node, Has):
        return fact.get(list_key(node.field, node.item), False) == node.present
    value = fact.get(node.field)
    if node.op in ("eq", "ne"):
        return (value == node.value) == (node.op == "eq")
    if value is None:
        return False
    return {"lt": value < node.value, "lte": value <= node.value,
            "gt": value > node.value, "gte": value >= node.value}[node.op]
