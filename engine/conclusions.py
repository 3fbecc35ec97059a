"""What a rule concludes (`then:`), and the checks that keep conclusions within the contract.

Each conclusion kind has a checker that returns (path, code, params) for every problem, so the
rule base loader can name the file and line. Ids are the contract's; amounts are numbers.
"""
from __future__ import annotations

from typing import Any, Iterator

from .facts import LIKELIHOODS
from .model import RuleBase

LEVELS = ("info", "warning", "critical")
LIMIT_BODIES = ("NIH", "EFSA")
# What `adjust` may change on every recommendation: "consult a doctor", no amount, only the
# primary oral form (no alternatives), no spray or bath.
ADJUSTMENTS = {"consult_doctor", "withhold_amount", "one_form", "no_topical"}
# What a later stage may conclude: it runs after the stages before it have decided the rest.
STAGE_THEN = {"limits": {"block", "warning", "doctor_first"},
              "outcome": {"warning", "cofactors", "foods", "remove_foods", "avoid_forms"}}
RECOMMEND_KEYS = {"form", "mg_per_day", "amount_basis", "timing", "duration_days", "consult_doctor"}
Found = Iterator[tuple[tuple, str, dict]]


def words_ok(value: Any) -> bool:
    """A text in both languages: {nl: ..., en: ...}, both non-empty strings."""
    return isinstance(value, dict) and set(value) == {"nl", "en"} and all(
        isinstance(v, str) and v.strip() for v in value.values())


def _words(value: Any, path: tuple) -> Found:
    if not words_ok(value):
        yield path, "words", {}


def _ids(value: Any, allowed: dict | tuple, path: tuple, kind: str) -> Found:
    if not isinstance(value, list) or not value:
        yield path, "cond_list", {"name": kind}
        return
    for i, item in enumerate(value):
        if item not in allowed:
            yield path + (i,), "cond_value", {"field": kind, "got": repr(item), "allowed": ", ".join(allowed)}


def _keys(value: Any, allowed: set, required: set, path: tuple) -> Found:
    if not isinstance(value, dict):
        yield path, "then_shape", {"allowed": ", ".join(sorted(allowed))}
        return
    for extra in sorted(set(value) - allowed, key=str):
        yield path + (extra,), "unknown_key", {"allowed": ", ".join(sorted(allowed)), "got": extra}
    for missing in sorted(required - set(value)):
        yield path, "required", {"allowed": missing}


MAX_MG = 5000  # no rule amount or limit above what an answers file may state
MAX_DAYS = 3650


def _number(value: Any) -> bool:
    """An amount a rule may state: above 0 and at most MAX_MG (a typo of 25000 is refused)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= MAX_MG


def _block(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, {"reason", "text"}, {"reason", "text"}, path)
    if isinstance(value, dict):
        if value.get("reason") not in base.catalogue["block_reasons"]:
            yield path + ("reason",), "cond_value", {"field": "reason", "got": repr(value.get("reason")),
                                                     "allowed": ", ".join(base.catalogue["block_reasons"])}
        yield from _words(value.get("text"), path + ("text",))


def _warning(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, {"id", "level", "text"}, {"id", "level", "text"}, path)
    if isinstance(value, dict):
        wid = value.get("id")
        if not isinstance(wid, str) or not wid.replace("_", "").isalnum() or not wid.islower():
            yield path + ("id",), "warning_id", {"got": repr(wid)}
        if value.get("level") not in LEVELS:
            yield path + ("level",), "one_of", {"allowed": ", ".join(LEVELS), "got": repr(value.get("level"))}
        yield from _words(value.get("text"), path + ("text",))


def _recommend(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, RECOMMEND_KEYS, {"form"}, path)
    if not isinstance(value, dict):
        return
    form = value.get("form")
    if form not in base.forms:
        yield path + ("form",), "cond_value", {"field": "form", "got": repr(form), "allowed": ", ".join(base.forms)}
        return
    if "excluded" in base.forms[form]:
        yield path + ("form",), "form_excluded", {"form": form}
    mg = value.get("mg_per_day")
    ranged = isinstance(mg, list) and len(mg) == 2 and all(map(_number, mg)) and mg[0] <= mg[1]
    if mg is not None and not _number(mg) and not ranged:
        yield path + ("mg_per_day",), "then_amount", {"got": repr(mg)}
    if mg is not None and base.forms[form]["kind"] == "topical":
        yield path + ("mg_per_day",), "then_topical", {"form": form}
    if value.get("amount_basis", "elemental") not in ("elemental", "compound"):
        yield path + ("amount_basis",), "one_of", {"allowed": "elemental, compound", "got": repr(value["amount_basis"])}
    if "timing" in value:
        yield from _words(value["timing"], path + ("timing",))
    days = value.get("duration_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS):
        yield path + ("duration_days",), "int_range", {"lo": 1, "hi": MAX_DAYS, "got": repr(days)}
    if not isinstance(value.get("consult_doctor", False), bool):
        yield path + ("consult_doctor",), "bool", {"got": repr(value["consult_doctor"])}


def _reference(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, {"intake", "upper_limit"}, {"intake", "upper_limit"}, path)
    if not isinstance(value, dict):
        return
    intake = value.get("intake")
    split = isinstance(intake, dict) and set(intake) == {"female", "male"} and all(map(_number, intake.values()))
    if not _number(intake) and not split:
        yield path + ("intake",), "then_intake", {"got": repr(intake)}
    limits = value.get("upper_limit")
    if not isinstance(limits, dict) or set(limits) != set(LIMIT_BODIES):
        yield path + ("upper_limit",), "then_limits", {"got": repr(limits)}
    else:
        for body in LIMIT_BODIES:
            if limits.get(body) is not None and not _number(limits[body]):
                yield path + ("upper_limit", body), "then_amount", {"got": repr(limits[body])}


def _doctor_first(value: Any, base: RuleBase, path: tuple) -> Found:
    if value not in base.catalogue["doctor_first_reasons"]:
        yield path, "cond_value", {"field": "doctor_first", "got": repr(value),
                                   "allowed": ", ".join(base.catalogue["doctor_first_reasons"])}


def _swap_form(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, {"from", "to"}, {"from", "to"}, path)
    if isinstance(value, dict):
        oral = [f for f, spec in base.forms.items() if spec["kind"] == "oral"]
        for key in ("from", "to"):
            if key in value and value[key] not in oral:
                yield path + (key,), "cond_value", {"field": key, "got": repr(value[key]), "allowed": ", ".join(oral)}
        if value.get("to") in oral and "excluded" in base.forms[value["to"]]:
            yield path + ("to",), "form_excluded", {"form": value["to"]}


def _adjust(value: Any, base: RuleBase, path: tuple) -> Found:
    yield from _keys(value, ADJUSTMENTS, set(), path)
    if isinstance(value, dict):
        for key, flag in value.items():
            if not isinstance(flag, bool):
                yield path + (key,), "bool", {"got": repr(flag)}


def _likelihood(value: Any, base: RuleBase, path: tuple) -> Found:
    if value not in LIKELIHOODS:
        yield path, "one_of", {"allowed": ", ".join(LIKELIHOODS), "got": repr(value)}


_CHECKS = {
    "block": _block,
    "warning": _warning,
    "recommend": _recommend,
    "reference": _reference,
    "adjust": _adjust,
    "likelihood": _likelihood,
    "doctor_first": _doctor_first,
    "swap_form": _swap_form,
    "cofactors": lambda v, b, p: _ids(v, b.catalogue["cofactors"], p, "cofactors"),
    "foods": lambda v, b, p: _ids(v, b.catalogue["foods"], p, "foods"),
    "remove_foods": lambda v, b, p: _ids(v, b.catalogue["foods"], p, "foods"),
    "avoid_forms": lambda v, b, p: _ids(v, b.forms, p, "forms"),
}


def check_then(then: Any, base: RuleBase) -> list[tuple[tuple, str, dict]]:
    """Every problem in a rule's `then:` part."""
    found = list(_keys(then, set(_CHECKS), set(), ()))
    if isinstance(then, dict):
        if not then:
            found.append(((), "then_shape", {"allowed": ", ".join(sorted(_CHECKS))}))
        for kind, value in then.items():
            if kind in _CHECKS:
                found += list(_CHECKS[kind](value, base, (kind,)))
        if "doctor_first" in then and (then.get("warning") or {}).get("id") != then["doctor_first"]:
            found.append((("doctor_first",), "doctor_first_warning", {"reason": then["doctor_first"]}))
    return found
