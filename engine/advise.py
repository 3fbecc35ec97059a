"""The public entry of the engine: answers in, the advice object of the contract out.

Evaluation runs in three stages on durable_rules: first the answers; then (stage `limits`) the
rules that need the upper limit the first stage chose, such as "a child above the limit: stop";
then (stage `outcome`) the rules that depend on what was decided, such as "vitamin D whenever a
form is advised". The rule base is compiled once per process and reused for every client.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from . import promises, resolve, safety_floor
from .answers import checkers, validate
from .facts import flatten, list_layout, over_limit
from .model import Rule
from .rulebase import RuleBase, load, load_files
from .runtime import Runtime
from .yamlsource import Document


class Advisor:
    """A loaded, compiled rule base that can advise any number of clients, one at a time.

    Every rule base is asked the safety promises on the probe clients first (safety_floor.py):
    one that breaks one is refused here, before any client is advised, whoever loaded it. Only
    a rule base the store kept with an earlier intake (`earlier`) is not asked again: it made
    that advice then, and is used to show and compare it, never for a new client.
    """

    def __init__(self, base: RuleBase, earlier: bool = False):
        self.base = base
        self._runtime = Runtime(base.rules, base.directory or "rules")
        self._by_id = {rule.id: rule for rule in base.rules}
        self._checkers = checkers(base.catalogue)
        self._layout = list_layout(base.catalogue)
        if not earlier:
            safety_floor.require(self)

    def check(self, doc: Document) -> dict:
        """Validate an answers document against the contract (BadInput on problems)."""
        return validate(doc, self.base.catalogue, self._checkers)

    def fact(self, answers: dict) -> dict:
        return flatten(answers, self.base.catalogue, self.base.scores, self._layout, self.base.forms)

    def _fire(self, fact: dict) -> list[Rule]:
        return [self._by_id[i] for i in self._runtime.fire(fact)]

    def advise(self, answers: dict, lang: str = "nl") -> dict:
        """The advice for complete, validated answers, with texts in `lang`."""
        fact = self.fact(answers)
        first = self._fire(fact)
        intake, upper, body = resolve.reference(first, answers, self.base)
        fact = dict(fact, stage=2, current_over_limit=over_limit(answers, self.base.forms, upper))
        first += self._fire(fact)
        blocked = any("block" in r.then for r in first)
        doctor_first = list(dict.fromkeys(r.then["doctor_first"] for r in first if "doctor_first" in r.then))
        recs, notes = ([], []) if blocked else resolve.recommendations(
            first, self.base, lang, (upper, body), bool(doctor_first))
        outcome = dict(fact, stage=3, advised=bool(recs), blocked=blocked, likelihood=resolve.likelihood(first),
                       doctor_first=bool(doctor_first), amount_given=any(r["mg_per_day"] is not None for r in recs))
        fired = first + self._fire(outcome)
        avoid_forms, avoid_notes = resolve.avoid(fired, recs, self.base, lang)
        advice = {
            "contract_version": 4,
            "blocked": blocked,
            "block_reasons": list(dict.fromkeys(r.then["block"]["reason"] for r in fired if "block" in r.then)),
            "doctor_first": bool(doctor_first),
            "doctor_first_reasons": doctor_first,
            "reference_intake_mg": intake,
            "upper_limit_supplement_mg": upper,
            "upper_limit_source": body,
            "recommendations": recs,
            "avoid_forms": avoid_forms,
            "warnings": resolve.warnings(fired, lang, notes + avoid_notes),
            "deficiency_likelihood": outcome["likelihood"],
            "foods": resolve.collected(fired, "foods", self.base.catalogue["foods"]),
            "cofactors": resolve.collected(fired, "cofactors", self.base.catalogue["cofactors"]),
            "fired_rules": [r.id for r in fired],
            "rulebase_version": self.base.version,
        }
        promises.check(answers, advice, self.base)
        return advice

    def advise_many(self, many: Iterable[dict], lang: str = "nl") -> Iterator[dict]:
        """The advice for each of many complete, validated answers, in turn (a generator).

        The same as `advise` for each; one compiled rule base for all, nothing kept between them,
        so memory stays flat however many are advised.
        """
        for answers in many:
            yield self.advise(answers, lang)


@lru_cache(maxsize=4)
def advisor(rules_dir: str | None = None) -> Advisor:
    """The process-wide Advisor for a rule directory (compiled once: ruleset names are unique)."""
    return Advisor(load(Path(rules_dir) if rules_dir else None))


@lru_cache(maxsize=8)
def _stored(version: str, files: str) -> Advisor:
    import json

    return Advisor(load_files(json.loads(files), f"rulebase {version[:19]}"), earlier=True)


def stored_advisor(version: str, files: dict[str, str]) -> Advisor:
    """The Advisor of an earlier rule-base version, from the files the intake store kept
    (compiled once per version in a process): old advice is shown and compared with the rules
    of its day."""
    import json

    return _stored(version, json.dumps(files, sort_keys=True))
