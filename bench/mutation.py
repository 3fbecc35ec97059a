"""Mutation run of the safety code: does the suite notice when the safety net is cut?

Run: `make mutation` (or `.venv/bin/python bench/mutation.py [--short] [--jobs 2] [FILE ...]`).

Each mutant is one small change to one safety file: a comparison turned (`<` to `<=`, `in` to
`not in`), `and`/`or` swapped, one operand of `and`/`or` dropped, a `not` dropped, a number one
up or down, True/False flipped, one item of a list, tuple, set or dict dropped, an arithmetic
operator swapped, a call or `+=` statement removed; in the rule files: one item of a `[...]`
list dropped, one key of a `{...}` condition dropped, a number one up or down, true/false
flipped, `gte`/`gt` and `lte`/`lt` swapped, `any_of` to `all_of` or `none_of`, one line of a
block condition or one whole rule removed. Text, sources, ids and type annotations are never
mutated; a mutant that does not compile is not made.

Every mutant is run in a copy of the project (the real files are never touched) against the
tests that concern its file, fastest first, stopping at the first failure (`pytest -x`; the
installed `magnesium` command is pointed at the copy too). A mutant is killed when a test
fails (or the run exceeds the timeout), survived when all pass. Survivors are printed with
their diff. `--short` runs promises.py, plan_check.py and the safety rule files against their
fast tests only (about 25 minutes on two cores): too slow for CI, which keeps the whole suite;
the score in docs/mutation.md comes from the full run.

Mutants shown to change nothing (EQUIVALENT below, each with the reason) are counted apart:
a mutant of those files is either killed or listed there.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
FAST = ["tests/test_promises.py", "tests/test_plan_check.py"]
# The rule files that keep a promise: checked on every probe of the safety floor, then against the
# golden scenarios (tests/scenarios/ and the rule folder's own cases in rules/tests/), the triage
# table's sweep and the property tests.
RULE_FAST = ["tests/test_safety_floor.py::test_the_shipped_rules_keep_every_promise_on_every_probe",
             "tests/test_scenarios.py"]
RULE_REST = ["tests/test_rules_tool.py::test_init_copies_the_rules_and_cases_and_they_pass", "tests/test_triage.py",
             "tests/test_safety_properties.py"]
# Per file, the tests that concern it, fastest first; --short keeps the ones marked fast.
TARGETS: dict[str, tuple[list[str], list[str]]] = {
    "engine/promises.py": (FAST, ["tests/test_safety_floor.py", "tests/test_safety_properties.py"]),
    "engine/plan_check.py": (["tests/test_plan_check.py", "tests/test_plan_draft.py"], ["tests/test_plan.py"]),
    "rules/safety.yaml": (RULE_FAST, RULE_REST),
    "rules/medicines.yaml": (RULE_FAST, RULE_REST),  # the medicines' doctor-first reasons and warnings
    "rules/referrals.yaml": (RULE_FAST, RULE_REST),  # the referrals beside the advice (contract 4)
    "rules/plausibility.yaml": ([*RULE_FAST, "tests/test_plausibility_rules.py"], RULE_REST),  # check_label (contract 4)
    "engine/conditions.py": (["tests/test_conditions.py", "tests/test_scenarios.py", "tests/test_questions.py",
                              "tests/test_engine_paths.py::test_conditions_that_always_or_never_hold_fire_alike_on_every_path"],
                             ["tests/test_contract4_rules.py", "tests/test_rulebase.py", "tests/test_engine_paths.py",
                              "tests/test_safety_properties.py"]),
    "engine/resolve.py": (["tests/test_resolve.py", "tests/test_scenarios.py", "tests/test_promises.py", RULE_FAST[0]],
                          ["tests/test_contract4_rules.py", "tests/test_safety_floor.py",
                           "tests/test_safety_properties.py"]),
    "engine/facts.py": (["tests/test_facts.py", "tests/test_conditions.py", "tests/test_questions.py",
                         "tests/test_promises.py", "tests/test_scenarios.py", RULE_FAST[0]],
                        ["tests/test_contract4_rules.py", "tests/test_safety_floor.py", "tests/test_engine_paths.py",
                         "tests/test_safety_properties.py"]),
}
SHORT = ("engine/promises.py", "engine/plan_check.py", "rules/safety.yaml", "rules/medicines.yaml",
         "rules/referrals.yaml", "rules/plausibility.yaml")
TIMEOUT = 600  # seconds for one mutant's tests; beyond it a mutant counts as killed (a hang)

# Mutants that change nothing, by `Mutant.key`, each with the reason it cannot be killed.
_SIGN_NEEDS_CURRENT = ("the answers refuse a sign of too much without current magnesium (engine/answers.py, "
                       "excess_without_current): every client with a sign takes magnesium")
_LAST_OF_BAND = ("the firing order is priority, then file order; no rule of its stage has a priority between "
                 "the old and the new one, or the same priority later in the files, so the order is the same")
_FIRST_OF_BAND = ("the firing order is priority, then file order; no rule of its stage has a priority between "
                  "the new and the old one, or the same priority earlier in the files, so the order is the same")
_UNANSWERED = ("sex and kidney are required answers (engine/answer_keys.py), so every advice has them; before they "
               "are answered only conditions.holds reads the fact (the intake's questions), where None and \"\" both "
               "differ from every allowed value (an enum takes only eq, ne, in and not_in)")
_ONLY_ITEM = "in a list of one item, index 0 and index -1 are the same item"
_NO_STAGE_BELOW_ONE = ("the never-true expression of an empty `any` (`not: always`): stages are 1, 2 and 3 "
                       "(engine/runtime.py), so stage < 0, < 1 and < -1 hold for none")
EQUIVALENT: dict[str, str] = {
    "rules/safety.yaml: block-excess-serious: drop condition line: - takes_magnesium: true": _SIGN_NEEDS_CURRENT,
    "rules/safety.yaml: excess-mild: drop condition line: - takes_magnesium: true": _SIGN_NEEDS_CURRENT,
    "rules/safety.yaml: excess-mild-stop: drop condition line: - takes_magnesium: true": _SIGN_NEEDS_CURRENT,
    "rules/safety.yaml: side-effects-doctor: drop condition line: - takes_magnesium: true": _SIGN_NEEDS_CURRENT,
    "rules/safety.yaml: child-side-effects: drop condition line: - takes_magnesium: true": _SIGN_NEEDS_CURRENT,
    "rules/safety.yaml: block-child-above-limit: 0 -> 1: - priority: 0 / + priority: 1":
        _LAST_OF_BAND + " (the only rule of its stage below priority 10)",
    "rules/safety.yaml: pregnancy-medicine: 0 -> 1: - priority: 0 / + priority: 1": _LAST_OF_BAND,
    "rules/safety.yaml: high-risk-pregnancy: 5 -> 6: - priority: 5 / + priority: 6": _LAST_OF_BAND,
    "rules/safety.yaml: medicine-pregnancy-check: 8 -> 9: - priority: 8 / + priority: 9": _LAST_OF_BAND,
    "rules/medicines.yaml: med-antibiotics: 8 -> 7: - priority: 8 / + priority: 7": _FIRST_OF_BAND,
    "rules/plausibility.yaml: implausible-answers: 5 -> 4: - priority: 5 / + priority: 4": _FIRST_OF_BAND,
    "rules/safety.yaml: block-child-above-limit: 1 -> 0: - when: {current_over_limit: true, age: {between: [1, 13]}} / "
    "+ when: {current_over_limit: true, age: {between: [0, 13]}}":
        "under one year no upper limit applies (reference.yaml; the promise upper_limit_within_references holds it "
        "to none), so current_over_limit is false at age 0; the infant block blocks there anyway",
    # engine/facts.py
    "engine/facts.py: flatten: drop `or` operand: - \"sex\": answers.get(\"sex\") or \"\", / + \"sex\": answers.get(\"sex\"),":
        _UNANSWERED,
    "engine/facts.py: flatten: drop `or` operand: - \"kidney\": answers.get(\"kidney\") or \"\", / "
    "+ \"kidney\": answers.get(\"kidney\"),": _UNANSWERED,
    "engine/facts.py: flatten: drop `or` operand: - for key, items in layout or list_layout(catalogue): / "
    "+ for key, items in list_layout(catalogue):":
        "a layout passed in is list_layout of the same catalogue (the advisor and the intake compute it once); "
        "computing it again gives the same flags, only slower",
    # engine/conditions.py
    "engine/conditions.py: parse: 0 -> -1: - return items[0] if len(items) == 1 else All(tuple(items)) / "
    "+ return items[-1] if len(items) == 1 else All(tuple(items))": _ONLY_ITEM,
    "engine/conditions.py: _leaf: 0 -> -1: - return parts[0] if len(parts) == 1 else All(parts) / "
    "+ return parts[-1] if len(parts) == 1 else All(parts)": _ONLY_ITEM,
    "engine/conditions.py: to_durable: 0 -> -1: - return parts[0] if len(parts) == 1 else {\"$and\" if "
    "isinstance(node, All) else \"$or\": parts} / + return parts[-1] if len(parts) == 1 else {\"$and\" if "
    "isinstance(node, All) else \"$or\": parts}": _ONLY_ITEM,
    "engine/conditions.py: to_durable: 0 -> 1: - return None if isinstance(node, All) else {\"$lt\": {\"stage\": 0}} / "
    "+ return None if isinstance(node, All) else {\"$lt\": {\"stage\": 1}}": _NO_STAGE_BELOW_ONE,
    "engine/conditions.py: to_durable: 0 -> -1: - return None if isinstance(node, All) else {\"$lt\": {\"stage\": 0}} / "
    "+ return None if isinstance(node, All) else {\"$lt\": {\"stage\": -1}}": _NO_STAGE_BELOW_ONE,
    "engine/conditions.py: __init__: remove statement: - super().__init__(code) / + pass":
        "every ConditionError is caught where a condition is read (engine/rulebase.py, engine/triage.py, "
        "questionnaire/intake/questions.py) and reported from its code, path and params; its own message is never shown",
}


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the project
    line: int
    what: str  # the change in a few words
    text: str  # the whole mutated file
    before: str  # the original line, stripped
    source: str = ""  # the whole original file

    @property
    def key(self) -> str:
        """Names the mutant apart from every other, without its line number (which moves with
        edits above it): the file, the rule or function it is in, and the lines it changes."""
        return f"{self.path}: {_where(self.source.split(chr(10)), self.line - 1)}: {self.what}: {_change(self)}"


_WHERE = re.compile(r"^\s*(?:- id:\s*(\S+)|(?:async\s+)?(?:def|class)\s+(\w+))|^([A-Za-z_]\w*)\s*[:=]")


def _where(lines: list[str], index: int) -> str:
    """The rule (its id) or the function, class or top-level name a line belongs to."""
    for line in reversed(lines[:index + 1]):
        found = _WHERE.match(line)
        if found:
            return next(name for name in found.groups() if name)
    return "(top)"


def _change(mutant: Mutant) -> str:
    """The changed lines, stripped: `- old` and `+ new` (a long removal by its first line)."""
    lines = difflib.unified_diff(mutant.source.split("\n"), mutant.text.split("\n"), n=0, lineterm="")
    changed = [f"{line[0]} {line[1:].strip()}" for line in list(lines)[2:] if line[:1] in "-+" and line[1:].strip()]
    return " / ".join(changed if len(changed) <= 4 else [changed[0], f"... {len(changed) - 1} more lines"])


# --- Python mutants ---------------------------------------------------------------------------

_COMPARE = {ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">", ast.Eq: "!=", ast.NotEq: "==",
            ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}
_OPS = {"<=": r"<=", "<": r"<(?!=)", ">=": r">=", ">": r">(?!=)", "!=": r"!=", "==": r"==", "not in": r"\bnot\s+in\b",
        "in": r"\bin\b", "is not": r"\bis\s+not\b", "is": r"\bis\b"}
_ARITH = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"), ast.Mult: ("*", "/"), ast.Div: ("/", "*")}
_TYPING = {"Callable", "dict", "list", "tuple", "set", "Iterator", "Iterable", "Optional", "Union", "type"}


class _Source:
    """A file's bytes with ast positions turned into byte offsets."""

    def __init__(self, text: str):
        self.raw = text.encode("utf-8")
        self.starts = [0]
        for line in self.raw.split(b"\n")[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def span(self, node: ast.AST, parens: bool = True) -> tuple[int, int]:
        """Where the node is; with `parens`, its enclosing parentheses too (a call's are never its own)."""
        start = self.starts[node.lineno - 1] + node.col_offset
        end = self.starts[node.end_lineno - 1] + node.end_col_offset
        while parens and self._before(start) == b"(" and self._after(end) == b")" and not self._called(start):
            start, end = self.raw.rindex(b"(", 0, start), self.raw.index(b")", end) + 1
        return start, end

    def _called(self, start: int) -> bool:
        """Whether the `(` before `start` opens a call's arguments (a name or a closing bracket before it)."""
        before = self.raw[:self.raw.rindex(b"(", 0, start)].rstrip()
        return bool(before) and (before[-1:].isalnum() or before[-1:] in (b"_", b")", b"]"))

    def _before(self, at: int) -> bytes:
        stripped = self.raw[:at].rstrip()
        return stripped[-1:]

    def _after(self, at: int) -> bytes:
        return self.raw[at:].lstrip()[:1]

    def replace(self, start: int, end: int, new: str) -> str:
        return (self.raw[:start] + new.encode("utf-8") + self.raw[end:]).decode("utf-8")

    def line_of(self, at: int) -> int:
        return max(i for i, s in enumerate(self.starts) if s <= at) + 1


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes never mutated: annotations, generic types, docstrings, f-string parts."""
    skip: set[int] = set()

    def under(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            under(node.returns)
            for arg in (*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs):
                under(arg.annotation)
        elif isinstance(node, ast.AnnAssign):
            under(node.annotation)
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in _TYPING:
            under(node)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            under(node)
        elif isinstance(node, ast.JoinedStr):
            under(node)
    return skip


def _python(path: str, text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, new text, what) for every mutation of a Python file."""
    src, tree = _Source(text), ast.parse(text)
    skip = _skipped(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                left = node.left if i == 0 else node.comparators[i - 1]
                yield from _between(src, left, node.comparators[i], _OPS[_shown(op)], _COMPARE[type(op)])
        elif isinstance(node, ast.BoolOp):
            word, other = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
            for left, right in zip(node.values, node.values[1:]):
                yield from _between(src, left, right, rf"\b{word}\b", other)
            for i, value in enumerate(node.values):
                start, end = src.span(value)
                if i + 1 < len(node.values):
                    yield start, src.span(node.values[i + 1])[0], "", f"drop `{word}` operand"
                else:
                    yield src.span(node.values[i - 1])[1], end, "", f"drop `{word}` operand"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            start, end = src.span(node, parens=False)
            yield start, end, src.raw[slice(*src.span(node.operand))].decode(), "drop `not`"
        elif isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            old, new = _ARITH[type(node.op)]
            yield from _between(src, node.left, node.right, re.escape(old), new)
        elif isinstance(node, ast.Constant) and not isinstance(node.value, str):
            yield from _constant(src, node)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and node.elts and not isinstance(
                getattr(node, "ctx", None), ast.Store):
            yield from _drop_items(src, node.elts, "drop item")
        elif isinstance(node, ast.Dict) and node.keys and all(k is not None for k in node.keys):
            for i, key in enumerate(node.keys):
                start = src.span(key)[0]
                end = src.span(node.keys[i + 1])[0] if i + 1 < len(node.keys) else src.span(node.values[i])[1]
                if i + 1 == len(node.keys) and i:
                    start = src.span(node.values[i - 1])[1]
                yield start, end, "", "drop dict entry"
        elif isinstance(node, (ast.Expr, ast.AugAssign)):
            start, end = src.span(node, parens=False)
            yield start, end, "pass", "remove statement"


def _shown(op: ast.cmpop) -> str:
    return {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
            ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}[type(op)]


def _between(src: _Source, left: ast.AST, right: ast.AST, pattern: str, new: str) -> Iterator[tuple[int, int, str, str]]:
    """The operator between two operands (found in the text between them) replaced by `new`."""
    start, end = src.span(left)[1], src.span(right)[0]
    found = re.search(pattern.encode(), src.raw[start:end])
    if found:
        yield start + found.start(), start + found.end(), new, f"{found.group().decode()} -> {new}"


def _constant(src: _Source, node: ast.Constant) -> Iterator[tuple[int, int, str, str]]:
    start, end = src.span(node, parens=False)
    value = node.value
    if isinstance(value, bool):
        yield start, end, str(not value), f"{value} -> {not value}"
    elif isinstance(value, int):
        for new in (value + 1, value - 1):
            yield start, end, str(new), f"{value} -> {new}"
    elif isinstance(value, float):
        for new in (value * 2, value / 2):
            yield start, end, repr(new), f"{value} -> {new}"


def _drop_items(src: _Source, items: list, what: str) -> Iterator[tuple[int, int, str, str]]:
    for i, item in enumerate(items):
        start, end = src.span(item)
        if i + 1 < len(items):
            yield start, src.span(items[i + 1])[0], "", what
        elif i:
            yield src.span(items[i - 1])[1], end, "", what
        else:
            yield start, end, "", what


# --- rule-file mutants ------------------------------------------------------------------------

_PROSE = re.compile(r"^\s*(-\s+)?(id|title|source|text|nl|en):")
_SWAPS = [(r"\bgte\b", "gt"), (r"\bgt\b", "gte"), (r"\blte\b", "lt"), (r"\blt\b", "lte"), (r"\bany_of\b", "all_of"),
          (r"\bany_of\b", "none_of"), (r"\btrue\b", "false"), (r"\bfalse\b", "true")]


def _structural(lines: list[str]) -> list[int]:
    """The lines that are conditions and conclusions, not prose (titles, texts, sources, ids)."""
    found, prose_below = [], None
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if prose_below is not None and (not line.strip() or indent > prose_below):
            continue
        prose_below = None
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _PROSE.match(line):
            if line.rstrip().endswith((">-", ">", "|", ":")):
                prose_below = indent
            continue
        found.append(i)
    return found


def _yaml(path: str, text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line index, lines to replace, new text, what) as (start, end, ...) over lines."""
    lines = text.split("\n")
    for i in _structural(lines):
        line = lines[i]
        for pattern, new in _SWAPS:
            for found in re.finditer(pattern, line):
                yield i, i + 1, line[:found.start()] + new + line[found.end():], f"{found.group()} -> {new}"
        for found in re.finditer(r"(?<![\w.])(\d+)(?![\w.])", line):
            for new in (int(found.group()) + 1, int(found.group()) - 1):
                yield i, i + 1, line[:found.start()] + str(new) + line[found.end():], f"{found.group()} -> {new}"
        for found in re.finditer(r"\[([^\[\]]+)\]", line):
            items = [item.strip() for item in found.group(1).split(",")]
            for k in range(len(items)):
                rest = ", ".join(items[:k] + items[k + 1:])
                yield i, i + 1, line[:found.start()] + f"[{rest}]" + line[found.end():], "drop item"
        yield from _flow_keys(i, line)
        if line.rstrip().endswith(":") and i + 1 < len(lines):  # a block mapping: drop each child line
            yield from _children(lines, i)


    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- id:")]
    for i, begin in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        while end > begin + 1 and not lines[end - 1].strip():
            end -= 1
        yield begin, end, None, "remove rule"


def _flow_keys(i: int, line: str) -> Iterator[tuple[int, int, str, str]]:
    """Each top-level key of the outermost `{...}` on the line dropped (where more than one)."""
    open_at = line.find("{")
    if open_at < 0 or not line.rstrip().endswith("}"):
        return
    body, depth, parts, start = line[open_at + 1:line.rstrip().rfind("}")], 0, [], 0
    for k, char in enumerate(body):
        depth += char in "{[" and 1 or char in "}]" and -1 or 0
        if char == "," and depth == 0:
            parts.append(body[start:k].strip())
            start = k + 1
    parts.append(body[start:].strip())
    if len(parts) > 1:
        for k in range(len(parts)):
            rest = ", ".join(parts[:k] + parts[k + 1:])
            yield i, i + 1, line[:open_at] + "{" + rest + "}", "drop key"


def _children(lines: list[str], i: int) -> Iterator[tuple[int, int, str, str]]:
    indent = len(lines[i]) - len(lines[i].lstrip())
    children = []
    for j in range(i + 1, len(lines)):
        inner, content = len(lines[j]) - len(lines[j].lstrip()), lines[j].strip()
        if not content or content.startswith("#"):  # a comment is no condition
            continue
        if inner <= indent:
            break
        if not children or inner <= children[0][1]:
            children.append((j, inner))
    if len(children) > 1:
        for k, (j, inner) in enumerate(children):
            end = children[k + 1][0] if k + 1 < len(children) else j + 1
            while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > inner and lines[end].strip():
                end += 1
            yield j, end, None, "drop condition line"


# --- making and running mutants ---------------------------------------------------------------

def mutants(root: Path, path: str) -> list[Mutant]:
    text = (root / path).read_text(encoding="utf-8")
    found: list[Mutant] = []
    if path.endswith(".py"):
        src = _Source(text)
        for start, end, new, what in _python(path, text):
            mutated = src.replace(start, end, new)
            try:
                compile(mutated, path, "exec")
            except SyntaxError:
                continue
            line = src.line_of(start)
            found.append(Mutant(path, line, what, mutated, text.split("\n")[line - 1].strip(), text))
    else:
        lines = text.split("\n")
        for start, end, new, what in _yaml(path, text):
            mutated = "\n".join(lines[:start] + ([] if new is None else [new]) + lines[end:])
            found.append(Mutant(path, start + 1, what, mutated, lines[start].strip(), text))
    return list({m.text: m for m in found if m.text != text}.values())  # one of each distinct change


def diff(mutant: Mutant) -> str:
    before = mutant.source.split("\n")
    lines = difflib.unified_diff(before, mutant.text.split("\n"), mutant.path, mutant.path, n=1, lineterm="")
    return "\n".join(list(lines)[2:])


def _copy(root: Path, into: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv*", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis")
    shutil.copytree(root, into, ignore=ignore)
    return into


def run(copy: Path, mutant: Mutant, tests: list[str]) -> bool:
    """Whether the tests kill the mutant (a failure, an error, or the timeout)."""
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(mutant.text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy), "MAGNESIUM_RULES": ""}
    try:
        result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                                cwd=copy, env=env, capture_output=True, timeout=TIMEOUT)
        return result.returncode != 0
    except subprocess.TimeoutExpired:
        return True
    finally:
        target.write_text(original, encoding="utf-8")


def _tests(root: Path, path: str, short: bool) -> list[str]:
    fast, rest = ([t for t in tests if (root / t.split("::")[0]).exists()] for tests in TARGETS[path])
    return fast if short and fast else fast + rest  # an older project may lack the fast ones


def _score(path: str, made: list[Mutant], tests: list[str], copies: list[Path]) -> int:
    """Run one file's mutants (those not shown equivalent), print its score and each survivor
    with its diff; the survivors and stale EQUIVALENT entries, counted."""
    begun = time.monotonic()
    equivalent = [m for m in made if m.key in EQUIVALENT]
    todo = [m for m in made if m.key not in EQUIVALENT]
    stale = sorted(k for k in EQUIVALENT if k.startswith(f"{path}: ") and k not in {m.key for m in made})
    for key in stale:  # the file changed under it: the claim must be looked at again
        print(f"{path}: EQUIVALENT names a mutant that is no longer made; remove or renew it: {key}")
    free: queue.Queue[Path] = queue.Queue()
    for copy in copies:
        free.put(copy)

    def one(mutant: Mutant) -> bool:
        copy = free.get()
        try:
            return run(copy, mutant, tests)
        finally:
            free.put(copy)

    with ThreadPoolExecutor(len(copies)) as pool:
        killed = list(pool.map(one, todo))
    survivors = [m for m, k in zip(todo, killed) if not k]
    print(f"{path}: {len(todo) - len(survivors)} of {len(todo)} killed, {len(survivors)} survived, "
          f"{len(equivalent)} equivalent ({time.monotonic() - begun:.0f} s; {' '.join(tests)})", flush=True)
    for mutant in survivors:
        print(f"  SURVIVED {mutant.path}:{mutant.line}: {mutant.what}\n" + diff(mutant), flush=True)
    return len(survivors) + len(stale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help=f"files to mutate (default: all of {', '.join(TARGETS)})")
    parser.add_argument("--short", action="store_true", help="promises.py, plan_check.py, the safety rules; fast tests")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (each in its own copy)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to mutate (default: this one)")
    parser.add_argument("--list", action="store_true", help="only list the mutants (line and key)")
    args = parser.parse_args(argv)
    files = args.files or list(SHORT if args.short else TARGETS)
    if args.list:
        for path in files:
            print("\n".join(f"{m.line}: {m.key}" for m in mutants(args.root, path)))
        return 0
    total_survived = 0
    with tempfile.TemporaryDirectory(prefix="magnesium-mutation-") as scratch:
        copies = [_copy(args.root, Path(scratch) / f"copy{j}") for j in range(max(args.jobs, 1))]
        every = {path: mutants(copies[0], path) for path in files}  # the copy: edits made meanwhile change none
        for path, made in every.items():
            tests = _tests(args.root, path, args.short)
            original = (copies[0] / path).read_text(encoding="utf-8")
            if run(copies[0], Mutant(path, 0, "none", original, ""), tests):
                print(f"{path}: the tests fail without a mutant; fix them first ({' '.join(tests)})")
                return 2
            total_survived += _score(path, made, tests, copies)
    return 1 if total_survived else 0


if __name__ == "__main__":
    sys.exit(main())
