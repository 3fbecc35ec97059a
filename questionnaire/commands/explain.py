"""`magnesium explain FILE | N`: why the advice says what it says.

For an answers file the advice is made now (with --rules, MAGNESIUM_RULES or the shipped
rules); for a stored intake N it is the stored advice, explained with the rules it was made
with (the store keeps them), so the explanation is that of the day. The explaining is
engine/explain.py; this module prints it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.errors import BadInput

from .rules_texts import RULES_TEXTS, RulesProblem

PROG = "magnesium explain"


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("explain", help="why the advice says what it says: rules, conditions, values, sources")
    parser.add_argument("target", metavar="FILE|N", help="an answers file (- for standard input) or a stored intake number")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from engine.explain import explain

    base, answers, advice, stored = _target(args)
    said = explain(base, answers, advice)
    lines = (_head(answers, advice, stored, args.lang) + _items(said.items, base, args.lang)
             + _almost(said.almost, args.lang))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _target(args: argparse.Namespace) -> tuple[Any, dict, dict, Any]:
    """The rule base, answers and advice to explain, and the stored intake (or None)."""
    target = args.target
    if target.isdigit() and not Path(target).exists():
        return _stored(int(target), args)
    if target != "-" and not Path(target).is_file():
        raise BadInput([RulesProblem.about(PROG, "FILE|N", "explain_target", got=repr(target))])
    from engine.advise import advisor
    from engine.yamlsource import read

    adv = advisor(args.rules)
    answers = adv.check(read(target))
    return adv.base, answers, adv.advise(answers, args.lang), None


def _stored(number: int, args: argparse.Namespace) -> tuple[Any, dict, dict, Any]:
    """A stored intake with the rules of its day; today's rules when that version was not kept."""
    from engine.advise import advisor, stored_advisor

    from ..store import open_store

    with open_store(args.db) as store:  # a read of the client's record: in the audit trail
        intake = store.get(number)
        files = store.rulebase_files(intake.rulebase_version)
    adv = stored_advisor(intake.rulebase_version, files) if files else advisor(args.rules)
    return adv.base, intake.answers, intake.advice, intake


def _head(answers: dict, advice: dict, stored: Any, lang: str) -> list[str]:
    from ..common.formatting import one_line

    client = one_line(answers.get("client") or "") or RULES_TEXTS.say("no_client", lang)
    head = RULES_TEXTS.say("explain_head", lang, client=client, version=advice["rulebase_version"][:19])
    if stored is not None:
        head += " " + RULES_TEXTS.say("explain_stored", lang, date=stored.created_at[:10])
    return [head]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return "-" if value is None else str(value)


def _leaf(leaf: Any, lang: str) -> str:
    return f"{leaf.text}  ({RULES_TEXTS.say('explain_value', lang, value=_value(leaf.value))})"


def _rule_lines(rule: Any, lang: str) -> list[str]:
    return ["  " + RULES_TEXTS.say("explain_rule", lang, id=rule.id, title=rule.title[lang])]


# where the catalogue has words for an item's id: a form, a block reason, a doctor-first reason
_WORDS = {"recommend": ("forms",), "block": ("block_reasons",), "warning": ("block_reasons", "doctor_first_reasons")}


def _named(kind: str, item_id: str, base: Any, lang: str) -> str:
    """The item in words with its id beside it (the id is what the rules say), or the id alone."""
    for catalogue_kind in _WORDS[kind]:
        if item_id in base.catalogue.get(catalogue_kind, {}):
            return f"{base.label(catalogue_kind, item_id, lang)} ({item_id})"
    return item_id


def _items(items: list, base: Any, lang: str) -> list[str]:
    say = RULES_TEXTS.say
    lines: list[str] = []
    for item in items:
        key = {"recommend": "explain_recommendation", "warning": "explain_warning", "block": "explain_block"}[item.kind]
        lines += ["", say(key, lang, item=_named(item.kind, item.id, base, lang))]
        if not item.because:
            lines.append("  " + say("explain_not_in_rules", lang))
        for because in item.because:
            lines += _rule_lines(because.rule, lang)
            conditions = [_leaf(leaf, lang) for leaf in because.leaves] or [say("explain_always", lang)]
            label = say("explain_when", lang)
            lines += [f"    {label}: {c}" if i == 0 else f"    {' ' * len(label)}  {c}" for i, c in enumerate(conditions)]
            lines.append(f"    {say('explain_source', lang)}: {because.rule.source[lang]}")
    return lines


def _almost(almost: list, lang: str) -> list[str]:
    say = RULES_TEXTS.say
    lines = ["", say("explain_almost", lang)]
    if not almost:
        return lines + ["  " + say("explain_almost_none", lang)]
    for found in almost:
        lines += _rule_lines(found.rule, lang)
        lines.append(f"    {say('explain_missing', lang)}: {_leaf(found.missing, lang)}")
    return lines
