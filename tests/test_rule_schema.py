"""engine/rule-schema.json (JSON Schema 2020-12, for editors) agrees with the loader: every
shipped rule file validates, the names it lists are the loader's, and mistakes the loader
refuses the schema refuses too."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from engine import conclusions, conditions, rulebase, triage
from engine.yamlsource import read
from schema_lite import errors

SCHEMA = json.loads((ROOT / "engine" / "rule-schema.json").read_text(encoding="utf-8"))
FILES = sorted((ROOT / "rules").glob("*.yaml"))


def test_the_schema_ships_with_the_package():
    import engine

    assert (Path(engine.__file__).parent / "rule-schema.json").is_file()
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_shipped_rule_file_validates(path):
    assert errors(read(str(path)).data, SCHEMA) == []


def test_the_schema_names_what_the_loader_knows():
    defs, props = SCHEMA["$defs"], SCHEMA["properties"]
    assert SCHEMA["propertyNames"]["enum"] == list(rulebase.SECTIONS)
    assert props["catalogue"]["propertyNames"]["enum"] == list(rulebase.CATALOGUE_KINDS)
    assert {k: tuple(v["enum"]) for k, v in props["settings"]["properties"].items()} == rulebase.SETTINGS
    assert set(defs["rule"]["properties"]) == rulebase.RULE_KEYS
    assert defs["rule"]["properties"]["stage"]["enum"] == list(conditions.STAGES)
    assert defs["rule"]["properties"]["evidence"]["properties"]["level"]["enum"] == list(rulebase.EVIDENCE_LEVELS)
    assert set(defs["then"]["properties"]) == set(conclusions._CHECKS)
    assert set(defs["then"]["properties"]["recommend"]["properties"]) == conclusions.RECOMMEND_KEYS
    assert set(defs["form"]["required"]) == rulebase.FORM_KEYS
    assert set(defs["form"]["properties"]) == rulebase.FORM_KEYS | rulebase.FORM_OPTIONAL
    assert set(defs["rule"]["properties"]["evidence"]["properties"]) == rulebase.EVIDENCE_KEYS | rulebase.EVIDENCE_OPTIONAL
    assert props["triage"]["propertyNames"]["enum"] == [triage.PROFILES, *triage.TRIAGED]
    assert defs["triage_decision"]["properties"]["decision"]["enum"] == list(triage.DECISIONS)
    assert set(defs["triage_decision"]["properties"]) == set(triage.DECISION_KEYS)


RULE = {"id": "x", "title": {"nl": "a", "en": "b"}, "when": "always", "source": {"nl": "a", "en": "b"},
        "then": {"likelihood": "low"}}


@pytest.mark.parametrize("change,expected", [
    ({"code": "print(1)"}, "/rules/0/code: additionalProperties"),
    ({"title": {"nl": "a"}}, "/rules/0/title: required en"),
    ({"stage": "later"}, "/rules/0/stage: enum"),
    ({"priority": -1}, "/rules/0/priority: minimum"),
    ({"then": {"run": "os.system"}}, "/rules/0/then/run: additionalProperties"),
    ({"then": {"recommend": {"form": "citrate", "mg_per_day": 25000}}}, "/rules/0/then/recommend/mg_per_day: anyOf"),
    ({"evidence": {"level": "strong", "source": {"nl": "a", "en": "b"}}}, "/rules/0/evidence/level: enum"),
    ({"evidence": {"level": "low", "source": {"nl": "a", "en": "b"}, "trial_dose": "600 mg"}},
     "/rules/0/evidence/trial_dose: type"),
])
def test_mistakes_the_loader_refuses_the_schema_refuses(change, expected):
    assert expected in errors({"rules": [{**RULE, **change}]}, SCHEMA)
    assert errors({"rules": [RULE]}, SCHEMA) == []


DECISION = {"decision": "none", "why": {"nl": "a", "en": "b"}, "source": {"nl": "a", "en": "b"}}


@pytest.mark.parametrize("change,expected", [
    ({"decision": "later"}, "/triage/complaints/fatigue/0/decision: enum"),
    ({"because": "x"}, "/triage/complaints/fatigue/0/because: additionalProperties"),
    ({"why": {"nl": "a"}}, "/triage/complaints/fatigue/0/why: required en"),
])
def test_triage_mistakes_the_loader_refuses_the_schema_refuses(change, expected):
    assert expected in errors({"triage": {"complaints": {"fatigue": [{**DECISION, **change}]}}}, SCHEMA)
    assert errors({"triage": {"complaints": {"fatigue": [DECISION]}}}, SCHEMA) == []
