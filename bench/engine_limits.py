"""Find durable_rules' fixed limits by experiment: each probe in a child process, with a time limit.

The constants in `engine/direct.py` come from this script's output. Run it after a durable-rules
upgrade: `.venv/bin/python bench/engine_limits.py` (a few minutes: hangs wait for the time limit). Every probe talks to the C
module (`durable_rules_engine`) directly; a probe "works" when its child exits 0 within the time.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

HANG_SECONDS = 8

_PRELUDE = """
import json, sys
import durable_rules_engine as E
n = int(sys.argv[1])
def run(defs, fact, sessions=1, delete=True):
    h = E.create_ruleset("probe", json.dumps(defs))
    fired = []
    for s in range(sessions):
        code, st = E.assert_fact(h, json.dumps(dict(fact, sid=str(s + 1), id="f")))
        fired = []
        if code == 0:
            r = E.start_action_for_state(h, st)
            msg = r[1] if r else None
            while msg:
                fired.append(msg[2:msg.index('"', 2)])
                msg = E.complete_and_start_action(h, st)
        if delete:
            E.delete_state(h, str(s + 1))
    return fired
"""

PROBES = {
    "patterns matching one fact at once (error 303 past it)": ("""
        defs = {f"r{i}": {"all": [{"m": {"$and": [{"stage": 1}, {"$gte": {"age": -i}}]}}]} for i in range(n)}
        assert len(run(defs, {"stage": 1, "age": 40})) == n
    """, 1, 400),
    "properties of one fact, sid and id included (error 302 past it)": ("""
        defs = {"r": {"all": [{"m": {"k0": True}}]}}
        assert run(defs, {f"k{i}": True for i in range(n - 2)}) == ["r"]
    """, 3, 1000),
    "children of one alpha node, equality tests (create_ruleset hangs past it)": ("""
        defs = {f"r{i}": {"all": [{"m": {"$and": [{"stage": 1}, {"age": i}]}}]} for i in range(n)}
        assert run(defs, {"stage": 1, "age": 0}) == ["r0"]
    """, 1, 2000),
    "children of one alpha node, $neq tests, compile only": ("""
        defs = {f"r{i}": {"all": [{"m": {"$and": [{"stage": 1}, {"$neq": {"age": i}}]}}]} for i in range(n)}
        E.create_ruleset("probe", json.dumps(defs))  # compile only: a fact would match all but one
    """, 1, 2000),
    "tests in one $and pattern": ("""
        defs = {"r": {"all": [{"m": {"$and": [{"stage": 1}] + [{"$neq": {"age": 1000 + i}} for i in range(n)]}}]}}
        assert run(defs, {"stage": 1, "age": 4}) == ["r"]
    """, 1, 5000),
    "values in one $or (an in: list) of one pattern": ("""
        defs = {"r": {"all": [{"m": {"$and": [{"stage": 1}, {"$or": [{"age": i} for i in range(n)]}]}}]}}
        assert run(defs, {"stage": 1, "age": 0}) == ["r"]
    """, 1, 2000),
    "live sessions of one ruleset, states never deleted": ("""
        run({"r": {"all": [{"m": {"k": 1}}]}}, {"k": 1}, sessions=n, delete=False)
    """, 1, 5000),
}


def works(body: str, n: int) -> bool:
    script = _PRELUDE + textwrap.dedent(body)
    try:
        return subprocess.run([sys.executable, "-c", script, str(n)], capture_output=True,
                              timeout=HANG_SECONDS).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def largest(body: str, lo: int, hi: int) -> str:
    """The largest n in [lo, hi] that works (assuming all below it work too)."""
    if not works(body, lo):
        return f"fails at {lo}"
    if works(body, hi):
        return f">= {hi} (not limited up to there)"
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if works(body, mid) else (lo, mid)
    return str(lo)


def main() -> None:
    width = max(map(len, PROBES))
    print(f"{'durable_rules 2.0.28 limit':<{width}}  largest that works")
    print(f"{'-' * width}  {'-' * 18}")
    for what, (body, lo, hi) in PROBES.items():
        print(f"{what:<{width}}  {largest(body, lo, hi)}", flush=True)


if __name__ == "__main__":
    main()
