"""The answers of one intake: checked against the contract and completed with defaults.

One validation serves both the answers file and the questionnaire's prompts (`check_key`), so
a value the prompt accepts is a value the file accepts. Values are cast and checked here because
durable_rules compares loosely ('25' would match `< 30`).
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable

from .answer_keys import BY_NAME, KEYS, LIST_KEYS, REQUIRED, TABLE, AnswerKey
from .errors import BadInput, Problem
from .yamlsource import Document

PREGNANCY_AGES = (12, 55)
_WHOLE = re.compile(r"[-+]?(0|[1-9][0-9]*)")  # a whole number as plain decimals (not 072, not 1:05)

Issue = tuple  # (code, params) of one problem with one value; params["at"]: where inside the value


def _got(value: Any, limit: int = 60) -> str:
    """The value as the user wrote it (YAML spelling), cut short so one line stays one line."""
    if isinstance(value, str):
        shown = repr(value)
    elif isinstance(value, bool) or value is None:
        shown = {True: "true", False: "false", None: "null"}[value]
    else:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _int(value: Any, lo: int, hi: int) -> list[Issue]:
    """A whole number; one written as text (`age: "42"`) is named as such: the quotes are the mistake."""
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return [("int_text", {"lo": lo, "hi": hi, "number": value.lstrip("+"), "got": _got(value)})]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        return [("int_range", {"lo": lo, "hi": hi, "got": _got(value)})]
    return []


def _choice(value: Any, allowed: tuple | list) -> list[Issue]:
    if not isinstance(value, str) or value not in allowed:
        return [("one_of", {"allowed": ", ".join(allowed), "got": _got(value)})]
    return []


def _bool(value: Any) -> list[Issue]:
    return [] if isinstance(value, bool) else [("bool", {"got": _got(value)})]


def _text(value: Any, most: int) -> list[Issue]:
    if not isinstance(value, str):
        return [("text_max", {"max": most, "got": _got(value)})]
    if len(value) > most:
        return [("text_long", {"max": most, "length": len(value)})]
    return []


def _number(value: Any, lo: int, hi: int) -> list[Issue]:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi):
        return [("number_range", {"lo": lo, "hi": hi, "got": _got(value)})]
    return []


def _id_list(value: Any, allowed: list[str]) -> list[Issue]:
    if not isinstance(value, list):
        return [("list", {"example": ", ".join(allowed[:2]), "got": _got(value)})]
    issues: list[Issue] = []
    seen: set = set()
    for i, item in enumerate(value):
        if isinstance(item, str) and item in seen:
            issues.append(("id_twice", {"got": item, "at": (i,)}))
        issues += [(code, {**params, "at": (i,)}) for code, params in _choice(item, allowed)]
        if isinstance(item, str):
            seen.add(item)
    return issues


def _current(value: Any, parts: dict[str, Callable[[Any], list[Issue]]]) -> list[Issue]:
    """The object key: null, or its parts (the form required), each checked by its own checker."""
    if value is None:
        return []
    if not isinstance(value, dict) or "form" not in value or set(value) - set(parts):
        return [("current_shape", {"got": _got(value)})]
    return [(code, {**params, "at": (part, *params.get("at", ()))})
            for part, part_value in value.items() for code, params in parts[part](part_value)]


def _checker(key: AnswerKey, catalogue: dict[str, dict]) -> Callable[[Any], list[Issue]]:
    """The check of one key (or part), from its kind in the table."""
    if key.kind == "object":
        parts = {part.name: _checker(part, catalogue) for part in key.parts}
        return lambda v: _current(v, parts)
    if key.kind in ("choice", "list"):
        allowed = key.choices(catalogue)
        return (lambda v: _choice(v, allowed)) if key.kind == "choice" else (lambda v: _id_list(v, allowed))
    lo, hi = key.bounds or (0, 0)
    return {"text": lambda v: _text(v, hi), "int": lambda v: _int(v, lo, hi), "bool": _bool,
            "number": lambda v: _number(v, lo, hi)}[key.kind]


def _allowed(key: AnswerKey, catalogue: dict[str, dict]) -> str:
    """What a required key may hold, in the words of an error line ('0-120', 'none, problems, unknown')."""
    return f"{key.bounds[0]}-{key.bounds[1]}" if key.bounds else ", ".join(key.choices(catalogue))


def checkers(catalogue: dict[str, dict]) -> dict[str, Callable[[Any], list[Issue]]]:
    """One checker per answer key; the questionnaire calls these for a typed answer."""
    return {key.name: _checker(key, catalogue) for key in TABLE}


def pregnancy_possible(sex: Any, age: Any) -> bool:
    """Pregnancy and breastfeeding are asked and accepted only for this profile (contract)."""
    lo, hi = PREGNANCY_AGES
    return sex in ("female", "other") and isinstance(age, int) and lo <= age <= hi


def _cross_checks(data: dict) -> list[tuple[str, str, dict]]:
    """Problems that involve two keys: (key, code, params)."""
    found = []
    for key in ("pregnant", "breastfeeding"):
        if data.get(key) is True and not pregnancy_possible(data.get("sex"), data.get("age")):
            found.append((key, "pregnancy_not_possible", {"name": key}))
        elif key not in data and pregnancy_possible(data.get("sex"), data.get("age")):
            found.append((key, "pregnancy_required", {"name": key}))
    if data.get("age") == 0 and "age_months" not in data:
        found.append(("age_months", "age_months_missing", {}))
    if isinstance(data.get("age"), int) and data.get("age") != 0 and "age_months" in data:
        found.append(("age_months", "age_months_absent", {}))
    if data.get("excess_symptoms") and data.get("current_magnesium") is None:
        found.append(("excess_symptoms", "excess_without_current", {}))
    return found


def validate(doc: Document, catalogue: dict[str, dict], check: dict | None = None) -> dict:
    """Check a loaded answers file; return complete answers or raise BadInput listing all problems.

    `check`: the checkers of this catalogue, when the caller keeps them (a batch of thousands).
    """
    data = doc.data
    if data is None:
        raise BadInput([doc.problem((), "file", "empty_file")])
    if not isinstance(data, dict):
        raise BadInput([doc.problem((), "file", "not_mapping", got=_got(data))])
    problems: list[Problem] = []
    check = check or checkers(catalogue)
    for key, value in data.items():
        if key not in check:
            problems.append(doc.problem((key,), str(key), "unknown_key", allowed=", ".join(KEYS), got=key))
            continue
        for code, params in check[key](value):
            at = params.pop("at", ())
            name = ".".join([key, *(str(a) for a in at if isinstance(a, str))])
            problems.append(doc.problem((key, *at), name, code, **params))
    for key in REQUIRED:
        if key not in data:
            problems.append(doc.problem((), key, "required", allowed=_allowed(BY_NAME[key], catalogue)))
    if not problems:
        problems = [doc.problem((key,), key, code, **params) for key, code, params in _cross_checks(data)]
    if problems:
        raise BadInput(problems)
    return complete(data)


def complete(data: dict) -> dict:
    """Fill the defaults of the contract so every key is present (lists empty, flags false)."""
    answers = {key: data.get(key) for key in KEYS}
    for key in LIST_KEYS:
        answers[key] = list(data.get(key) or [])
    for key in ("pregnant", "breastfeeding", "kidney_checked"):
        answers[key] = bool(data.get(key, False))
    current = answers["current_magnesium"]
    if current is not None:
        answers["current_magnesium"] = {"form": current["form"], "mg_per_day": current.get("mg_per_day"),
                                        "amount_basis": current.get("amount_basis", "elemental")}
    return answers
