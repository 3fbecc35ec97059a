"""A plan file (YAML or JSON) read into plain data, every mistake with its line.

The file is the practitioner's, so each mistake is one line `file:line: key: what to do; what
was wrong` and all of them are reported in one round. Only the shape is checked here; whether
the plan keeps the advice's safety promises is engine/plan_check.py's job (the command runs it).
"""
from __future__ import annotations

from engine.errors import BadInput, Problem, shorten
from engine.plan_check import Finding, REASONS
from engine.yamlsource import Document, read

from . import doctor_answer
from .plan_texts import PlanProblem

UNITS = ("tablet", "capsule", "scoop", "ml")
TOP_KEYS = ("items", "dropped", "doctor_answer", "doctor_agreed", "note", "client_note")
ITEM_KEYS = ("form", "mg_per_day", "timing", "duration_days", "product_mg_per_unit", "unit", "product",
             "change_reason", "change_note")
DROPPED_KEYS = ("form", "change_reason", "change_note")  # a recommendation left out, and why
MAX_ITEMS, MAX_MG, MAX_PER_UNIT, MAX_DAYS = 10, 5000, 5000, 3650
MAX_TEXT, MAX_NOTE, MAX_CLIENT_NOTE, MAX_PRODUCT = 200, 2000, 500, 100
Plan = dict


def _at(doc: Document, path: tuple, key: str, code: str, **params: object) -> PlanProblem:
    """A problem at the line of `path` in the file."""
    return PlanProblem(doc.name, key, code, tuple(sorted(params.items())), doc.line(path))


def _got(value: object) -> str:
    return "null" if value is None else repr(value) if isinstance(value, str) else str(value).lower() \
        if isinstance(value, bool) else str(value)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(doc: Document, path: tuple, key: str, value: object, limit: int) -> list[PlanProblem]:
    if value is None or (isinstance(value, str) and 0 < len(value) <= limit):
        return []
    return [_at(doc, path, key, "plan_text", max=limit, got=shorten(_got(value)))]


def _unknown_keys(doc: Document, path: tuple, data: dict, allowed: tuple) -> list[PlanProblem]:
    return [_at(doc, path + (k,), str(k), "plan_key", allowed=", ".join(allowed), got=shorten(str(k)))
            for k in data if k not in allowed]


def _amounts(doc: Document, path: tuple, item: dict) -> list[PlanProblem]:
    found = []
    mg, per_unit = item.get("mg_per_day"), item.get("product_mg_per_unit")
    if "mg_per_day" not in item:
        found.append(_at(doc, path, "mg_per_day", "plan_missing", name="mg_per_day"))
    elif mg is not None and not (_number(mg) and 0 < mg <= MAX_MG):
        found.append(_at(doc, path + ("mg_per_day",), "mg_per_day", "plan_amount", max=MAX_MG, got=_got(mg)))
    if per_unit is not None and not (_number(per_unit) and 0 < per_unit <= MAX_PER_UNIT):
        found.append(_at(doc, path + ("product_mg_per_unit",), "product_mg_per_unit", "plan_per_unit",
                         max=MAX_PER_UNIT, got=_got(per_unit)))
    for have, need in (("product_mg_per_unit", "unit"), ("unit", "product_mg_per_unit")):
        if item.get(have) is not None and item.get(need) is None:
            found.append(_at(doc, path + (have,), have, "plan_unit_pair", name=need))
    return found


def _choices(doc: Document, path: tuple, item: dict) -> list[PlanProblem]:
    found = []
    for key, allowed in (("unit", UNITS), ("change_reason", REASONS)):
        if item.get(key) is not None and item[key] not in allowed:
            found.append(_at(doc, path + (key,), key, "plan_choice", allowed=", ".join(allowed),
                             got=shorten(_got(item[key]))))
    if item.get("change_reason") == "other" and not item.get("change_note"):
        found.append(_at(doc, path + ("change_reason",), "change_note", "plan_note_needed"))
    return found


def _item_problems(doc: Document, i: int, item: object) -> list[PlanProblem]:
    path = ("items", i)
    if not isinstance(item, dict):
        return [_at(doc, path, "items", "plan_item", got=shorten(_got(item)))]
    found = _unknown_keys(doc, path, item, ITEM_KEYS)
    form = item.get("form")
    if not isinstance(form, str) or not form:
        found.append(_at(doc, path + ("form",), "form", "plan_missing", name="form") if form is None
                     else _at(doc, path + ("form",), "form", "plan_text", max=MAX_TEXT, got=shorten(_got(form))))
    found += _amounts(doc, path, item)
    days = item.get("duration_days")
    if days is not None and not (isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= MAX_DAYS):
        found.append(_at(doc, path + ("duration_days",), "duration_days", "plan_whole", max=MAX_DAYS, got=_got(days)))
    found += _text(doc, path + ("timing",), "timing", item.get("timing"), MAX_TEXT)
    found += _text(doc, path + ("product",), "product", item.get("product"), MAX_PRODUCT)
    found += _text(doc, path + ("change_note",), "change_note", item.get("change_note"), MAX_TEXT)
    return found + _choices(doc, path, item)


def _dropped_problems(doc: Document, data: dict) -> list[PlanProblem]:
    """`dropped`: recommendations left out on purpose, each with its reason, none also an item."""
    gone = data.get("dropped")
    if gone is None:
        return []
    if not isinstance(gone, list) or len(gone) > MAX_ITEMS:
        return [_at(doc, ("dropped",), "dropped", "plan_list", max=MAX_ITEMS, got=shorten(_got(gone)))]
    kept = {i.get("form") for i in data.get("items") or [] if isinstance(i, dict)}
    found = []
    for i, entry in enumerate(gone):
        path = ("dropped", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("form"), str) or not entry["form"]:
            found.append(_at(doc, path, "dropped", "plan_dropped", got=shorten(_got(entry))))
            continue
        found += _unknown_keys(doc, path, entry, DROPPED_KEYS)
        if entry.get("change_reason") is None:
            found.append(_at(doc, path, "change_reason", "plan_missing", name="change_reason"))
        found += _text(doc, path + ("change_note",), "change_note", entry.get("change_note"), MAX_TEXT)
        found += _choices(doc, path, entry)
        if entry["form"] in kept:
            found.append(_at(doc, path + ("form",), "form", "plan_dropped_kept", got=entry["form"]))
    return found


def shape_problems(doc: Document) -> list[PlanProblem]:
    """Every mistake in the file's shape (keys, types, ranges, choices)."""
    data = doc.data
    if not isinstance(data, dict):
        return [_at(doc, (), "file", "plan_top", got=shorten(_got(data)))]
    found = _unknown_keys(doc, (), data, TOP_KEYS)
    items = data.get("items")
    if "items" not in data:
        found.append(_at(doc, (), "items", "plan_missing", name="items"))
    elif not isinstance(items, list) or len(items) > MAX_ITEMS:
        found.append(_at(doc, ("items",), "items", "plan_list", max=MAX_ITEMS, got=shorten(_got(items))))
    else:
        for i, item in enumerate(items):
            found += _item_problems(doc, i, item)
    found += _agreed_problems(doc, data)
    found += _dropped_problems(doc, data)
    found += _text(doc, ("note",), "note", data.get("note"), MAX_NOTE)
    found += _text(doc, ("client_note",), "client_note", data.get("client_note"), MAX_CLIENT_NOTE)
    return found


def _agreed_problems(doc: Document, data: dict) -> list[PlanProblem]:
    """`doctor_answer` in its shape; `doctor_agreed` (of older plan files) only beside an answer
    that agrees: true alone is no longer enough, the line says what to add."""
    found = doctor_answer.answer_problems(doc, data.get("doctor_answer"))
    agreed = data.get("doctor_agreed", False)
    if not isinstance(agreed, bool):
        found.append(_at(doc, ("doctor_agreed",), "doctor_agreed", "plan_bool", got=shorten(_got(agreed))))
    elif agreed and not (isinstance(data.get("doctor_answer"), dict) and data["doctor_answer"].get("outcome") == "agreed"):
        found.append(_at(doc, ("doctor_agreed",), "doctor_agreed", "plan_agreed_alone"))
    return found


def normal(data: dict) -> Plan:
    """The plan with every key present (absent ones None or false), in the file's order."""
    return {"items": [{key: item.get(key) for key in ITEM_KEYS} for item in data["items"]],
            "dropped": [{key: entry.get(key) for key in DROPPED_KEYS} for entry in data.get("dropped") or []],
            "doctor_answer": doctor_answer.normal(data.get("doctor_answer")),
            "doctor_agreed": doctor_answer.agrees(data.get("doctor_answer")), "note": data.get("note"),
            "client_note": data.get("client_note")}


def finding_problem(doc: Document, finding: Finding) -> Problem:
    """A broken safety promise as an error line at its place in the file (engine's words)."""
    from engine.errors import problem

    return problem(doc.name, finding.key, finding.code, doc.line(finding.path), **finding.params)


def load(path: str) -> tuple[Document, Plan]:
    """The plan file's document and its plan; BadInput with every mistake in its shape."""
    doc = read(path)
    found = shape_problems(doc)
    if found:
        raise BadInput(found)
    return doc, normal(doc.data)
