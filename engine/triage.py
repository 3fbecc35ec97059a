"""The triage table (`triage:` in the rule files): a decision for every answer, as data.

Every answer the intake can give (each catalogue id of complaints, conditions, medicines,
symptoms and signs of too much) and each profile that matters (the age bands, pregnancy,
breastfeeding, the kidney answers, magnesium taken now) says what it does to the advice:
`block`, `doctor_first` (with the reason), `referral` (a warning beside the advice), `warning`
or `none`, each with why and its source. The risky pairs (pregnancy, breastfeeding, children,
14-17 and 70+ with each condition and medicine) are decisions `with:` those profiles.

The loader refuses an answer without a decision, so a new answer never arrives undecided.
The table is a second statement of what the rules do, written for a practitioner: `declared`
and `observed` hold it against an advice, so the table cannot drift from the rules unseen.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import conditions
from .conclusions import words_ok
from .conditions import holds, list_key
from .model import RuleBase
from .yamlsource import Document

DECISIONS = ("block", "doctor_first", "referral", "warning", "none")  # strongest first
TRIAGED = ("complaints", "conditions", "medications", "excess_symptoms", "symptoms")
PROFILES = "profiles"  # the catalogue kind (words) and triage kind (conditions, decisions)
REQUIRED_PROFILES = ("age_0", "age_1_3", "age_4_8", "age_9_13", "age_14_17", "age_70_up", "pregnant",
                     "breastfeeding", "kidney_none", "kidney_problems", "kidney_unknown", "current_magnesium")
PAIRED = ("conditions", "medications")  # each needs a decision with every pair profile
PAIR_PROFILES = ("pregnant", "breastfeeding", "age_1_3", "age_4_8", "age_9_13", "age_14_17", "age_70_up")
DECISION_KEYS = ("decision", "id", "why", "source", "when", "with")
WARNED = ("warning", "critical")  # the warning levels a referral or warning decision gives
# What each decision shows in the advice: a block reason, a doctor-first reason or a warning id;
# a block or doctor-first reason always comes with a warning of its own id.
SHOWS = {"block": "block", "doctor_first": "doctor_first", "referral": "warning", "warning": "warning"}

Add = Callable[..., None]  # the loader's `add(doc, path, key, code, **params)`


@dataclass(frozen=True)
class Decision:
    """One decision: what, with which id, why, its source, and where it applies."""

    decision: str
    id: str | None
    why: dict
    source: dict
    when: conditions.Node | None = None  # a further condition (outcome stage: every field)
    written_when: Any = None             # the condition as written, for the listing
    with_: tuple[str, ...] = ()          # pair profiles: applies when one of them holds
    line: int | None = None


@dataclass(frozen=True)
class Entry:
    """An answer (or profile) and its decisions; a profile also has the condition that makes it."""

    kind: str
    id: str
    decisions: tuple[Decision, ...]
    when: conditions.Node | None = None
    written_when: Any = None


Table = dict[str, dict[str, Entry]]  # kind -> id -> entry, in the order of the files


def read(entries: list, catalogue_entries: list, base: RuleBase, add: Add, rules_ok: bool) -> Table:
    """The triage table of the rule files, every problem given to `add`.

    `entries`: (doc, path, (kind, mapping)) of the `triage:` sections; `catalogue_entries` the
    same for `catalogue:`, to name the line of an answer that has no decision. The ids a
    decision names are held against the rules only when the rules loaded (`rules_ok`).
    """
    table: Table = {}
    written: set[tuple[str, str]] = set()  # every answer with an entry, a broken one included
    for doc, path, (kind, items) in entries:
        if kind not in (PROFILES, *TRIAGED):
            add(doc, path, str(kind), "unknown_key", allowed=", ".join((PROFILES, *TRIAGED)), got=kind)
        elif not isinstance(items, dict):
            add(doc, path, str(kind), "rules_mapping")
        else:
            for item, raw in items.items():
                if (kind, item) in written:
                    add(doc, path + (item,), f"{kind}.{item}", "yaml_key_twice", name=item)
                    continue
                written.add((kind, item))
                entry = _entry(doc, path + (item,), kind, item, raw, base, add)
                if entry:
                    table.setdefault(kind, {})[item] = entry
    _missing(written, catalogue_entries, add)
    if rules_ok:
        _unknown_ids(table, entries, base, add)
    return table


def _entry(doc: Document, path: tuple, kind: str, item: Any, raw: Any, base: RuleBase, add: Add) -> Entry | None:
    """One answer (or profile) with its decisions, or None when it has problems (each given to `add`)."""
    key = f"{kind}.{item}"
    if item not in base.catalogue[kind]:
        add(doc, path, key, "cond_value", field=kind, got=repr(item), allowed=", ".join(base.catalogue[kind]))
        return None
    when = written = None
    if kind == PROFILES:
        if not isinstance(raw, dict) or set(raw) != {"when", "decisions"}:
            add(doc, path, key, "triage_profile")
            return None
        written, raw = raw["when"], raw["decisions"]
        when = _condition(doc, path + ("when",), key, written, base, add)
    if not isinstance(raw, list) or not raw:
        add(doc, path, key, "triage_list")
        return None
    found = [_decision(doc, path + (i,), key, spec, base, add) for i, spec in enumerate(raw)]
    if any(d is None for d in found) or (kind == PROFILES and when is None):
        return None
    if not any(d.when is None and not d.with_ for d in found):
        add(doc, path, key, "triage_default")
        return None
    missing = [p for p in PAIR_PROFILES if kind in PAIRED and not any(p in d.with_ for d in found)]
    if missing:
        add(doc, path, key, "triage_pairs", missing=", ".join(missing))
        return None
    return Entry(kind, item, tuple(found), when, written)


def _decision(doc: Document, path: tuple, key: str, spec: Any, base: RuleBase, add: Add) -> Decision | None:
    """One decision, or None when it has problems (each given to `add`)."""
    if not isinstance(spec, dict) or "decision" not in spec or set(spec) - set(DECISION_KEYS):
        add(doc, path, key, "triage_shape", allowed=", ".join(DECISION_KEYS))
        return None
    ok = True
    what = spec["decision"]
    if what not in DECISIONS:
        add(doc, path + ("decision",), key, "one_of", allowed=", ".join(DECISIONS), got=repr(what))
        ok = False
    elif (what == "none") == ("id" in spec) or ("id" in spec and not isinstance(spec["id"], str)):
        add(doc, path, key, "triage_id", decision=what)
        ok = False
    for words in ("why", "source"):
        if not words_ok(spec.get(words)):
            add(doc, path + (words,), f"{key}.{words}", "words")
            ok = False
    when = _condition(doc, path + ("when",), key, spec["when"], base, add) if "when" in spec else None
    pairs = spec.get("with", ())
    pairs = (pairs,) if isinstance(pairs, str) else pairs
    profiles = base.catalogue[PROFILES]
    if not isinstance(pairs, (list, tuple)) or not all(isinstance(p, str) and p in profiles for p in pairs):
        add(doc, path + ("with",), key, "cond_value", field="with", got=repr(spec["with"]), allowed=", ".join(profiles))
        ok = False
    if not ok or ("when" in spec and when is None):
        return None
    return Decision(what, spec.get("id"), spec["why"], spec["source"], when, spec.get("when"), tuple(pairs),
                    doc.line(path))


def _condition(doc: Document, path: tuple, key: str, raw: Any, base: RuleBase, add: Add) -> conditions.Node | None:
    try:
        return conditions.parse(raw, base.fields, "outcome")
    except conditions.ConditionError as err:
        add(doc, path + err.path, key, err.code, **err.params)
        return None


def _missing(written: set[tuple[str, str]], catalogue_entries: list, add: Add) -> None:
    """Each answer (and profile) of the catalogue without a decision: a line at the answer's
    own line in the catalogue, so a new answer cannot arrive undecided. The catalogue has
    every required profile (the loader's check of the contract's words)."""
    for doc, path, (kind, ids) in catalogue_entries:
        if kind in (PROFILES, *TRIAGED) and isinstance(ids, dict):
            for item in ids:
                if (kind, item) not in written:
                    add(doc, path + (item,), f"{kind}.{item}", "triage_missing", kind=kind)


def produced(base: RuleBase) -> dict[str, set[str]]:
    """The ids the rules can show, by what shows them: block reasons, doctor-first reasons and
    warning ids of level warning or critical."""
    found: dict[str, set[str]] = {"block": set(), "doctor_first": set(), "warning": set()}
    for rule in base.rules:
        if "block" in rule.then:
            found["block"].add(rule.then["block"]["reason"])
        if "doctor_first" in rule.then:
            found["doctor_first"].add(rule.then["doctor_first"])
        if rule.then.get("warning", {}).get("level") in WARNED:
            found["warning"].add(rule.then["warning"]["id"])
    return found


def _unknown_ids(table: Table, entries: list, base: RuleBase, add: Add) -> None:
    """A decision naming an id that no rule shows that way can never agree with the advice."""
    shown = produced(base)
    where = {(kind, item): (doc, path + (item,)) for doc, path, (kind, items) in entries
             if isinstance(items, dict) for item in items}
    for kind, items in table.items():
        for item, entry in items.items():
            doc, path = where[(kind, item)]
            for decision in entry.decisions:
                shows = SHOWS.get(decision.decision)
                if shows and decision.id not in shown[shows]:
                    add(doc, path, f"{kind}.{item}", "triage_unknown_id", decision=decision.decision,
                        got=repr(decision.id), allowed=", ".join(sorted(shown[shows])))


def _holds(entry: Entry, fact: dict) -> bool:
    """Whether the answer is given (or the profile holds) in this fact."""
    if entry.kind == PROFILES:
        return holds(entry.when, fact)
    return bool(fact.get(list_key(entry.kind, entry.id)))


def applying(table: Table, fact: dict) -> list[tuple[Entry, Decision]]:
    """Every decision that applies to a client: its answer is given (or its profile holds),
    one of its pair profiles holds (if it names any) and its condition holds (if it has one)."""
    profiles = {item: _holds(entry, fact) for item, entry in table.get(PROFILES, {}).items()}
    found = []
    for items in table.values():
        for entry in items.values():
            if not _holds(entry, fact):
                continue
            found += [(entry, d) for d in entry.decisions if (not d.with_ or any(profiles[p] for p in d.with_))
                      and (d.when is None or holds(d.when, fact))]
    return found


def declared(table: Table, fact: dict) -> set[tuple[str, str]]:
    """What the table says the advice shows for this client: (block | doctor_first | warning, id)."""
    found = set()
    for _, decision in applying(table, fact):
        if decision.decision != "none":
            found |= {(SHOWS[decision.decision], decision.id), ("warning", decision.id)}
    return found


def observed(advice: dict) -> set[tuple[str, str]]:
    """What the advice shows, in the table's terms: block and doctor-first reasons, and the
    warnings of level warning or critical (notes of level info are no triage decision)."""
    return ({("block", r) for r in advice["block_reasons"]}
            | {("doctor_first", r) for r in advice["doctor_first_reasons"]}
            | {("warning", w["id"]) for w in advice["warnings"] if w["level"] in WARNED})
