"""The hazard log (docs/safety/hazards.yaml): read it, check it against the matrix and the code,
and render its table (docs/safety/hazard-log.md).

The log is data so that a test can hold it against the program: a control named in the log must
exist (the rule in the rule base, the promise in the engine's registry, the test in the suite),
and the rendered table must be what the data says. Risk is computed from the matrix, never typed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAFETY = ROOT / "docs" / "safety"
FIELDS = ("id", "title", "type", "causes", "effect", "harm", "found_by", "initial", "controls",
          "residual", "status")
# `missing`: what the program does not (yet) control, in words. An open or transferred hazard
# says it; a closed one has nothing missing. A hazard with no control at all in this code (a
# feature on another branch) may be logged, open, with its `missing` and no controls.
OPTIONAL = ("missing",)
STATUSES = ("open", "closed", "transferred")


def load_matrix() -> dict:
    return yaml.safe_load((SAFETY / "matrix.yaml").read_text(encoding="utf-8"))


def load_hazards() -> list[dict]:
    return yaml.safe_load((SAFETY / "hazards.yaml").read_text(encoding="utf-8"))["hazards"]


def named_tests(hazards: list[dict]) -> set[str]:
    """Every test node id the log names as a control."""
    return {value for h in hazards for control in h.get("controls") or [] for kind, value in control.items()
            if kind == "test"}


def risk(matrix: dict, assessment: dict) -> int:
    """The risk level of a severity and likelihood pair, read from the matrix."""
    column = list(matrix["severity"]).index(assessment["severity"])
    return matrix["risk"][assessment["likelihood"]][column]


def collected(node_ids: set[str]) -> set[str]:
    """The node ids among these that pytest really collects (their files collected once). A
    parametrized test is named by its function (`file::test_x` for `file::test_x[case]`): the log
    names the test that proves a control, not one of its cases."""
    files = sorted({node.partition("::")[0] for node in node_ids if (ROOT / node.partition("::")[0]).is_file()})
    if not files:
        return set()
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p",
                           "no:cacheprovider", *files], capture_output=True, text=True, cwd=ROOT)
    return {line.partition("[")[0] for line in done.stdout.splitlines()} & node_ids


def problems(hazards: list[dict], matrix: dict, rule_ids: set[str], promise_ids: set[str],
             test_ids: set[str]) -> list[str]:
    """Every way the log disagrees with the matrix or the code (`test_ids`: the collected tests
    among those named), one line each."""
    found = []
    seen = set()
    for hazard in hazards:
        hid = hazard.get("id", "?")
        if hid in seen:
            found.append(f"{hid}: id used twice")
        seen.add(hid)
        found += _shape_problems(hid, hazard, matrix)
        found += _assessment_problems(hid, hazard, matrix)
        if hazard.get("controls"):
            found += _control_problems(hid, hazard["controls"], rule_ids, promise_ids, test_ids)
    return found


def _shape_problems(hid: str, hazard: dict, matrix: dict) -> list[str]:
    """Fields present and of their kind, words from the matrix, and `missing` exactly where a
    hazard is not closed (a hazard with no control in this code: open, saying what is missing)."""
    uncontrolled = hazard.get("status") == "open" and hazard.get("missing") and not hazard.get("controls")
    found = [f"{hid}: {key} missing" for key in FIELDS
             if not hazard.get(key) and not (key == "controls" and uncontrolled)]
    found += [f"{hid}: key {key!r} unknown (allowed: {', '.join(FIELDS + OPTIONAL)})"
              for key in hazard if key not in FIELDS + OPTIONAL]
    found += [f"{hid}: {key} must be a list of texts" for key in ("causes", "found_by")
              if not isinstance(hazard.get(key), list) or not all(isinstance(i, str) for i in hazard[key])]
    found += [f"{hid}: {key} must be one text" for key in ("title", "effect", "harm", "missing")
              if key in hazard and not isinstance(hazard[key], str)]
    if (hazard.get("status") == "closed") == bool(hazard.get("missing")):
        found.append(f"{hid}: an open or transferred hazard says what is missing; a closed one has nothing missing")
    if hazard.get("type") not in matrix["hazard_types"]:
        found.append(f"{hid}: type {hazard.get('type')!r} not in matrix.yaml")
    if hazard.get("status") not in STATUSES:
        found.append(f"{hid}: status {hazard.get('status')!r} not one of {', '.join(STATUSES)}")
    return found


def _assessment_problems(hid: str, hazard: dict, matrix: dict) -> list[str]:
    found = []
    for key in ("initial", "residual"):
        value = hazard.get(key) or {}
        if value.get("severity") not in matrix["severity"] or value.get("likelihood") not in matrix["likelihood"]:
            return [f"{hid}: {key} needs a severity and a likelihood from matrix.yaml"]
        if set(value) - {"severity", "likelihood"}:
            found.append(f"{hid}: {key} holds more than severity and likelihood (risk is computed)")
    initial, residual = risk(matrix, hazard["initial"]), risk(matrix, hazard["residual"])
    if residual > initial:
        found.append(f"{hid}: residual risk {residual} above the initial {initial}")
    if hazard.get("status") == "closed" and residual > matrix["release_ceiling"]:
        found.append(f"{hid}: closed with residual risk {residual} above the release ceiling")
    return found


def _control_problems(hid: str, controls: list[dict], rule_ids: set[str], promise_ids: set[str],
                      test_ids: set[str]) -> list[str]:
    found = []
    kinds = [next(iter(control)) for control in controls if len(control) == 1]
    if len(kinds) != len(controls):
        found.append(f"{hid}: each control is one pair (rule, promise, design or test)")
    if "test" not in kinds or not set(kinds) & {"rule", "promise", "design"}:
        found.append(f"{hid}: needs at least one control and one test that proves it")
    for control in controls:
        for kind, value in control.items():
            if kind == "rule" and value not in rule_ids:
                found.append(f"{hid}: rule {value!r} is not in the rule base")
            elif kind == "promise" and value not in promise_ids:
                found.append(f"{hid}: promise {value!r} is not in engine.promises")
            elif kind == "test" and value not in test_ids:
                found.append(f"{hid}: test {value!r} does not exist")
            elif kind not in ("rule", "promise", "test", "design"):
                found.append(f"{hid}: control kind {kind!r} unknown")
    return found


def render(hazards: list[dict], matrix: dict) -> str:
    """The hazard log as a Markdown page: a table, then one block per hazard."""
    lines = ["# Hazard log", "",
             "Generated from `hazards.yaml` and `matrix.yaml` by `tests/safety_log.py`; do not edit by hand",
             "(`MAGNESIUM_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_safety_case.py` writes it anew).",
             "Risk: 1 (acceptable) to 5 (unacceptable), from the matrix in `matrix.yaml`.", "",
             totals(hazards, matrix), "", *_by_type(hazards, matrix), "",
             "| id | hazard | type | initial | residual | status |", "|---|---|---|---|---|---|"]
    for h in hazards:
        lines.append(f"| {h['id']} | {h['title']} | {h['type']} | {risk(matrix, h['initial'])} "
                     f"| {risk(matrix, h['residual'])} | {h['status']} |")
    for h in hazards:
        lines += ["", f"## {h['id']}: {h['title']}", "",
                  f"- **Effect:** {h['effect']}", f"- **Harm:** {h['harm']}",
                  "- **Causes:** " + "; ".join(h["causes"]),
                  "- **Found by:** " + "; ".join(h["found_by"]),
                  f"- **Initial:** {_words(h['initial'])}, risk {risk(matrix, h['initial'])}",
                  f"- **Residual:** {_words(h['residual'])}, risk {risk(matrix, h['residual'])}",
                  f"- **Status:** {h['status']}"]
        if h.get("missing"):
            lines.append(f"- **Missing:** {h['missing']}")
        lines.append("- **Controls:**" if h.get("controls") else "- **Controls:** none in this code")
        lines += [f"  - {kind}: `{value}`" if kind != "design" else f"  - design: {value}"
                  for control in h.get("controls") or [] for kind, value in control.items()]
    return "\n".join(lines) + "\n"


def totals(hazards: list[dict], matrix: dict) -> str:
    """One line: how many hazards, by status and by residual risk (the case report repeats it)."""
    status = ", ".join(f"{sum(h['status'] == s for h in hazards)} {s}" for s in STATUSES)
    levels = sorted({risk(matrix, h["residual"]) for h in hazards})
    by_risk = ", ".join(f"{level}: {sum(risk(matrix, h['residual']) == level for h in hazards)}" for level in levels)
    return f"{len(hazards)} hazards ({status}); residual risk {by_risk}."


def _by_type(hazards: list[dict], matrix: dict) -> list[str]:
    """A table of the hazard types in use: how many, and how many at each residual risk."""
    levels = sorted({risk(matrix, h["residual"]) for h in hazards})
    rows = ["| type | hazards | " + " | ".join(f"residual {level}" for level in levels) + " |",
            "|---|---|" + "---|" * len(levels)]
    for kind in matrix["hazard_types"]:
        of = [risk(matrix, h["residual"]) for h in hazards if h["type"] == kind]
        if of:
            rows.append(f"| {kind} | {len(of)} | " + " | ".join(str(of.count(level)) for level in levels) + " |")
    return rows


def _words(assessment: dict) -> str:
    return f"{assessment['severity']} x {assessment['likelihood'].replace('_', ' ')}"
