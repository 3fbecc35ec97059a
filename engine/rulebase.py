"""Loading the rule base: every YAML file in `rules/`, checked before anything is evaluated.

A practitioner edits these files by hand, so every mistake is reported as
`file:line: rule 'id': problem` and all mistakes are reported at once. The files are data:
read with the safe loader only. The version is a hash of their bytes, so every advice says
which rule base made it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import conditions, facts, nearest, parsecache, triage
from .answer_keys import CURRENT, KEYS, TABLE
from .errors import BadInput, Problem
from .paths import default_dir
from .conclusions import STAGE_THEN, check_then, words_ok
from .model import Rule, RuleBase
from .yamlsource import Document, read_bytes

SECTIONS = ("settings", "catalogue", "forms", "texts", "scores", "rules", "triage")
CATALOGUE_KINDS = ("answer_keys", "complaints", "conditions", "medications", "excess_symptoms", "symptoms", "forms",
                   "cofactors", "foods", "sex", "kidney", "amount_basis", "block_reasons",
                   "doctor_first_reasons", "evidence_levels", triage.PROFILES)
# The settings a rule base may choose, each with its allowed values (the first is the default).
SETTINGS = {"upper_limit_policy": ("strictest", "NIH", "EFSA")}
EVIDENCE_LEVELS = ("high", "moderate", "low", "very_low", "not_studied", "no_benefit")  # best supported first
FORM_KEYS = {"kind", "recommended", "text", "source", "elemental_share"}
FORM_OPTIONAL = {"excluded"}  # {nl, en}: why no rule may recommend the form (EFSA: orotate)
EVIDENCE_KEYS = {"level", "source"}
EVIDENCE_OPTIONAL = {"trial_dose"}  # {nl, en}: the dose the trials used, where it differs
REQUIRED_TEXTS = ("disclaimer", "kidney_warning", "functions", "avoid_exception", "amount_capped", "amount_merged",
                  "above_limit_doctor", "source_upper_limit", "source_article_forms")
RULE_KEYS = {"id", "title", "when", "priority", "stage", "source", "then", "evidence"}
DEFAULT_PRIORITY = 100


def load(directory: str | Path | None = None) -> RuleBase:
    """Read and check every `*.yaml` file of the rule base; raise BadInput with all problems.

    Only the folder itself is read: the cases in its `tests/` folder are never rules.
    """
    directory = Path(directory) if directory else default_dir()
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise BadInput([Problem(str(directory), "rules", "rules_missing")])
    return _build([(path.name, str(path), read_bytes(str(path))) for path in paths], str(directory))


def load_files(files: dict[str, str], where: str) -> RuleBase:
    """A rule base from its files' texts ({name: text}), as the intake store keeps them: the
    advice of an earlier day is shown and compared with the rules of that day. `where` names
    the origin in error lines. The version is the same as when the files were in a folder."""
    if not files:
        raise BadInput([Problem(where, "rules", "rules_missing")])
    return _build([(name, f"{where}/{name}", files[name].encode("utf-8")) for name in sorted(files)], where)


# The files of every rule base loaded in this process, by version: the store keeps them with
# the intakes they advised (see `files_of`).
_FILES: dict[str, dict[str, str]] = {}


def files_of(version: str) -> dict[str, str] | None:
    """The files ({name: text}) of a rule base loaded in this process, or None."""
    return _FILES.get(version)


def _build(raw_files: list[tuple[str, str, bytes]], directory: str) -> RuleBase:
    digest = hashlib.sha256()
    docs = []
    for name, shown, raw in raw_files:
        digest.update(name.encode() + b"\0" + raw + b"\0")
        docs.append(parsecache.parse(raw, shown))
    checker = _Checker()
    sections = checker.sections(docs)
    base = checker.build(sections, "sha256:" + digest.hexdigest())
    base.directory = directory
    if checker.problems:
        raise BadInput(checker.problems)
    _FILES.setdefault(base.version, {name: raw.decode("utf-8") for name, _, raw in raw_files})
    return base


class _Checker:
    """Collects every problem instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, doc: Document, path: tuple, key: str, code: str, **params: Any) -> None:
        """Record one problem; a name that is not known gets the nearest known one beside it."""
        near = nearest.suggest(params.get("got"), params.get("allowed"))
        if near:
            params["near"] = near
        self.problems.append(doc.problem(path, key, code, **params))

    def sections(self, docs: list[Document]) -> dict[str, list[tuple[Document, str, Any]]]:
        """Each section's entries with the file they came from; duplicates reported."""
        found: dict[str, list] = {name: [] for name in SECTIONS}
        for doc in docs:
            if not isinstance(doc.data, dict):
                self.add(doc, (), "file", "rules_top", allowed=", ".join(SECTIONS))
                continue
            for name, value in doc.data.items():
                if name not in SECTIONS:
                    self.add(doc, (name,), str(name), "unknown_key", allowed=", ".join(SECTIONS), got=name)
                elif name == "rules":
                    if not isinstance(value, list):
                        self.add(doc, (name,), name, "rules_list")
                    else:
                        found[name] += [(doc, (name, i), item) for i, item in enumerate(value)]
                elif not isinstance(value, dict):
                    self.add(doc, (name,), name, "rules_mapping")
                else:
                    found[name] += [(doc, (name, k), (k, v)) for k, v in value.items()]
        return found

    def build(self, sections: dict, version: str) -> RuleBase:
        catalogue = self._merge(sections["catalogue"], self._labels)
        for kind in CATALOGUE_KINDS:
            catalogue.setdefault(kind, {})
        self._contract_words(sections["catalogue"], catalogue)
        forms = self._merge(sections["forms"], lambda d, p, k, v: self._form(d, p, k, v, catalogue))
        texts = self._merge(sections["texts"], lambda d, p, k, v: self._text(d, p, k, v))
        scores = self._merge(sections["scores"], lambda d, p, k, v: self._score(d, p, k, v, catalogue))
        settings = self._merge(sections["settings"], self._setting)
        self._require_texts(sections, texts)
        base = RuleBase(catalogue, forms, texts, scores, [], version,
                        settings={name: settings.get(name, allowed[0]) for name, allowed in SETTINGS.items()})
        base.fields = facts.fields(catalogue, scores)
        seen: set[str] = set()
        for order, (doc, path, raw) in enumerate(sections["rules"]):
            rule = self._rule(doc, path, raw, base, order)
            if rule and rule.id in seen:
                self.add(doc, path + ("id",), f"rule '{rule.id}'", "rule_id_twice")
            elif rule:
                seen.add(rule.id)
                base.rules.append(rule)
        rules_ok = not self.problems
        base.triage = triage.read(sections["triage"], sections["catalogue"], base, self.add, rules_ok)
        return base

    def _merge(self, entries: list, check) -> dict:
        merged: dict = {}
        for doc, path, (key, value) in entries:
            if key in merged:
                self.add(doc, path, str(key), "yaml_key_twice", name=key)
            elif check(doc, path, key, value):
                merged[key] = value
        return merged

    def _words(self, doc: Document, path: tuple, key: str, value: Any) -> bool:
        ok = words_ok(value)
        if not ok:
            self.add(doc, path, key, "words")
        return ok

    def _labels(self, doc: Document, path: tuple, kind: str, ids: Any) -> bool:
        if kind not in CATALOGUE_KINDS:
            self.add(doc, path, str(kind), "unknown_key", allowed=", ".join(CATALOGUE_KINDS), got=kind)
            return False
        if not isinstance(ids, dict):
            self.add(doc, path, kind, "rules_mapping")
            return False
        return all([self._words(doc, path + (i,), f"{kind}.{i}", w) for i, w in ids.items()])

    def _contract_words(self, entries: list, catalogue: dict) -> None:
        """Words for every id the contract fixes: each answer key and each fixed choice."""
        fixed = {"answer_keys": KEYS, triage.PROFILES: triage.REQUIRED_PROFILES,
                 **{k.name: k.fixed for k in (*TABLE, *CURRENT.parts) if k.fixed}}
        where = entries[0][0].name if entries else "rules/"
        for kind, ids in fixed.items():
            for missing in (i for i in ids if i not in catalogue[kind]):
                self.problems.append(Problem(where, f"{kind}.{missing}", "words_missing"))

    def _form(self, doc: Document, path: tuple, form: str, spec: Any, catalogue: dict) -> bool:
        key = f"form '{form}'"
        if form not in catalogue["forms"]:
            self.add(doc, path, key, "cond_value", field="forms", got=repr(form), allowed=", ".join(catalogue["forms"]))
            return False
        if not isinstance(spec, dict) or not FORM_KEYS <= set(spec) <= FORM_KEYS | FORM_OPTIONAL:
            self.add(doc, path, key, "form_shape")
            return False
        if "excluded" in spec and not self._words(doc, path + ("excluded",), key, spec["excluded"]):
            return False
        ok = spec["kind"] in ("oral", "topical") and isinstance(spec["recommended"], bool)
        if not ok:
            self.add(doc, path, key, "form_shape")
        share = spec["elemental_share"]
        if not (isinstance(share, dict) and set(share) == {"value", "source"} and words_ok(share["source"])
                and (share["value"] is None or isinstance(share["value"], float) and 0 < share["value"] < 1)):
            self.add(doc, path + ("elemental_share",), key, "form_share")
            ok = False
        return self._words(doc, path + ("text",), key, spec["text"]) and self._source(doc, path, key, spec) and ok

    def _setting(self, doc: Document, path: tuple, name: str, value: Any) -> bool:
        if name not in SETTINGS:
            self.add(doc, path, str(name), "unknown_key", allowed=", ".join(SETTINGS), got=name)
            return False
        if value not in SETTINGS[name]:
            self.add(doc, path, name, "settings_value", name=name, allowed=", ".join(SETTINGS[name]), got=repr(value))
            return False
        return True

    def _text(self, doc: Document, path: tuple, key: str, value: Any) -> bool:
        return self._words(doc, path, f"text '{key}'", value)

    def _score(self, doc: Document, path: tuple, name: str, weights: Any, catalogue: dict) -> bool:
        key = f"score '{name}'"
        if not isinstance(weights, dict) or not weights:
            self.add(doc, path, key, "rules_mapping")
            return False
        ok = True
        for kind, ids in weights.items():
            if kind not in facts.LIST_KEYS or not isinstance(ids, list):
                self.add(doc, path + (kind,), key, "cond_field", got=kind, allowed=", ".join(facts.LIST_KEYS))
                ok = False
                continue
            for i, item in enumerate(ids):
                if item not in catalogue[kind]:
                    self.add(doc, path + (kind, i), key, "cond_value", field=kind, got=repr(item),
                             allowed=", ".join(catalogue[kind]))
                    ok = False
        return ok

    def _require_texts(self, sections: dict, texts: dict) -> None:
        for key in REQUIRED_TEXTS:
            if key not in texts:
                where = sections["texts"][0][0].name if sections["texts"] else "rules/"
                self.problems.append(Problem(where, f"text '{key}'", "text_missing"))

    def _source(self, doc: Document, path: tuple, key: str, spec: dict) -> bool:
        if not words_ok(spec.get("source")):
            self.add(doc, path + ("source",), key, "source_missing")
            return False
        return True

    def _rule(self, doc: Document, path: tuple, raw: Any, base: RuleBase, order: int) -> Rule | None:
        """One rule, or None when it has problems (all of them are recorded)."""
        rid = raw.get("id") if isinstance(raw, dict) else None
        key = f"rule '{rid}'" if isinstance(rid, str) else f"rule #{order + 1}"
        if not isinstance(raw, dict):
            self.add(doc, path, key, "rule_shape")
            return None
        before = len(self.problems)
        self._rule_head(doc, path, key, raw)
        stage = raw.get("stage", "answers")
        node = None
        if "when" in raw:
            try:
                node = conditions.parse(raw["when"], base.fields, stage)
            except conditions.ConditionError as err:
                self.add(doc, path + ("when",) + err.path, key, err.code, **err.params)
        if "then" in raw:
            self._rule_then(doc, path, key, raw["then"], stage, base)
            self._evidence(doc, path, key, raw)
        if len(self.problems) > before:
            return None
        return Rule(rid, raw["title"], node, raw.get("priority", DEFAULT_PRIORITY), stage, raw["source"],
                    raw["then"], order, raw.get("evidence"), doc.name, doc.line(path))

    def _rule_head(self, doc: Document, path: tuple, key: str, raw: dict) -> None:
        """Everything of a rule but its condition and conclusion: keys, id, priority, stage, texts."""
        for extra in sorted(set(raw) - RULE_KEYS, key=str):
            self.add(doc, path + (extra,), key, "unknown_key", allowed=", ".join(sorted(RULE_KEYS)), got=extra)
        for needed in ("id", "title", "when", "source", "then"):
            if needed not in raw:
                self.add(doc, path, key, "required", allowed=needed)
        rid = raw.get("id")
        if not isinstance(rid, str) or not rid or not all(c.isalnum() or c in "-_" for c in rid):
            self.add(doc, path + ("id",), key, "rule_id")
        priority = raw.get("priority", DEFAULT_PRIORITY)
        if isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 1000:
            self.add(doc, path + ("priority",), key, "int_range", lo=0, hi=1000, got=repr(priority))
        if raw.get("stage", "answers") not in conditions.STAGES:
            self.add(doc, path + ("stage",), key, "one_of", allowed=", ".join(conditions.STAGES), got=repr(raw["stage"]))
        if "title" in raw:
            self._words(doc, path + ("title",), key, raw["title"])
        if "source" in raw:
            self._source(doc, path, key, raw)

    def _rule_then(self, doc: Document, path: tuple, key: str, then: Any, stage: str, base: RuleBase) -> None:
        """The conclusion, and what a later stage may not conclude (it is decided before)."""
        for sub, code, params in check_then(then, base):
            self.add(doc, path + ("then",) + sub, key, code, **params)
        if stage in STAGE_THEN and isinstance(then, dict):
            for kind in sorted(set(then) - STAGE_THEN[stage]):
                self.add(doc, path + ("then", kind), key, "then_stage", stage=stage, got=kind,
                         allowed=", ".join(sorted(STAGE_THEN[stage])))

    def _evidence(self, doc: Document, path: tuple, key: str, raw: dict) -> None:
        """A rule that recommends states the evidence for its use (and only such a rule)."""
        evidence = raw.get("evidence")
        recommends = isinstance(raw["then"], dict) and "recommend" in raw["then"]
        ok = isinstance(evidence, dict) and EVIDENCE_KEYS <= set(evidence) <= EVIDENCE_KEYS | EVIDENCE_OPTIONAL and \
            evidence["level"] in EVIDENCE_LEVELS and words_ok(evidence["source"]) and \
            ("trial_dose" not in evidence or words_ok(evidence["trial_dose"]))
        if recommends != ok or (evidence is not None and not ok):
            self.add(doc, path + (("evidence",) if "evidence" in raw else ()), key, "evidence_shape",
                     allowed=", ".join(EVIDENCE_LEVELS))
