"""Benchmark of the advice engine, printed as one table. Run: `make bench` (or this file with --short).

Parts, each measured in a child process of its own so that memory numbers are not mixed:
- one whole `magnesium advise FILE --format json` run (median);
- `magnesium advise --batch` of 10,000 varied clients (bench/varied_clients.py) on one core and on
  all of them (the batch uses every core for a large input), the outputs compared;
- evaluations per second with the shipped rule base (`Advisor.advise_many`), and in the same run
  two bare Rete passes over the same three stage facts per client and the same rules, actions
  that do nothing: durable_rules' own Host (the public API), and the C engine alone (one
  ruleset, whole facts, no Python layer: the floor any program on this engine starts from);
  the ratio is taken against the faster, the C engine alone;
- the rule base copied 10 and 100 times (each copy a new id): load + compile time, time per
  evaluation (the three stage facts of a client through `Runtime.fire`), memory per rule;
- peak memory of 10,000 and 50,000 evaluations in one process (it should stay flat).

`--short` runs every part briefly, for CI: no timing is asserted, the numbers mean little.
Numbers go in the README, not in timed tests (machines differ).
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent / "tests" / "scenarios"
# Contract 3: a woman of 12 to 55 must say whether she is pregnant or breastfeeding.
ROUNDS = 5
ANSWERS = ("age: 42\nsex: female\npregnant: false\nbreastfeeding: false\nkidney: none\n"
           "complaints: [muscle_cramps, sleep_problems]\n")


def _status_mib(field: str) -> float:
    """A memory line of /proc/self/status (VmRSS now, VmHWM the peak) in MiB; 0 where absent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss_mib() -> float:
    return _status_mib("VmRSS")


def _peak_mib() -> float:
    return _status_mib("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clients(count: int) -> list[dict]:
    import yaml

    from engine.answers import complete
    clients = [complete(yaml.safe_load(p.read_text(encoding="utf-8"))["answers"]) for p in sorted(SCENARIOS.glob("*.yaml"))]
    rng = random.Random(7)
    return [rng.choice(clients) for _ in range(count)]


def _stage_facts(adv, clients: list[dict]) -> list[list[dict]]:
    """The facts `advise` fires for each client (three stages), captured from real runs."""
    seen: list[dict] = []
    real = adv._runtime.fire

    def capture(fact):
        seen.append(dict(fact))
        return real(fact)
    adv._runtime.fire = capture
    try:
        out = []
        for answers in clients:
            seen.clear()
            adv.advise(answers)
            out.append(list(seen))
        return out
    finally:
        del adv._runtime.fire


# ---- child parts: each prints one JSON object -------------------------------------------------

def part_cli(runs: int) -> dict:
    exe = Path(sys.executable).parent / "magnesium"
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write(ANSWERS)
    times, bare = [], []
    imports = [sys.executable, "-c", "import yaml, durable.engine"]
    try:
        for _ in range(runs):  # in turn, so a drift of the machine's speed hits both alike
            times.append(_wall([str(exe), "advise", handle.name, "--format", "json"]))
            bare.append(_wall(imports))
    finally:
        Path(handle.name).unlink()
    return {"cli_ms": statistics.median(times) * 1000, "ratio": statistics.median(t / b for t, b in zip(times, bare))}


def _wall(command: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, input=stdin)
    return time.perf_counter() - start


def part_batch(count: int) -> dict:
    """`magnesium advise --batch`: the whole process, `count` generated intakes as JSON lines."""
    import yaml

    files = [yaml.safe_load(p.read_text(encoding="utf-8"))["answers"] for p in sorted(SCENARIOS.glob("*.yaml"))]
    rng = random.Random(7)
    lines = "".join(json.dumps(rng.choice(files)) + "\n" for _ in range(count)).encode()
    exe = Path(sys.executable).parent / "magnesium"
    return {"count": count, "batch_s": min(_wall([str(exe), "advise", "--batch", "-"], lines) for _ in range(3))}


def part_varied(count: int) -> dict:
    """`magnesium advise --batch FILE` of `count` varied clients (bench/varied_clients.py: ages 1-95,
    a tenth blocked by their kidney answers): on one core (taskset) and on all, the best of three
    runs each, interleaved; the two outputs must be the same, byte for byte."""
    import shutil

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from varied_clients import lines

    exe = str(Path(sys.executable).parent / "magnesium")
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else None
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "clients.jsonl"
        data.write_bytes(lines(count))
        runs: dict[str, list[float]] = {"all": [], "one": []}
        outputs = {}
        for _ in range(3):
            for name, prefix in (("all", []), ("one", one_core)):
                if prefix is None:
                    continue
                start = time.perf_counter()
                done = subprocess.run([*prefix, exe, "advise", "--batch", str(data)], check=True, capture_output=True)
                runs[name].append(time.perf_counter() - start)
                outputs[name] = done.stdout
    from engine.batch import cores

    same = one_core is None or outputs["all"] == outputs["one"]
    return {"count": count, "cores": cores(), "all_s": min(runs["all"]), "one_s": min(runs["one"] or [0.0]),
            "same": same}


def part_full(count: int) -> dict:
    """Rates in rounds of `count` evaluations, the four measures interleaved, the best round kept
    (other work on a shared machine only ever slows a round down)."""
    from engine.advise import Advisor
    from engine.rulebase import load
    start = time.perf_counter()
    adv = Advisor(load())
    compiled = time.perf_counter() - start
    clients = _clients(count)
    facts = _stage_facts(adv, clients)
    host, c_engine = _bare_rete(adv.base.rules), _bare_c(adv.base.rules)

    def advise() -> None:
        for _ in adv.advise_many(clients):
            pass

    def fire() -> None:
        for stages in facts:
            for fact in stages:
                adv._runtime.fire(fact)

    best = {"advise_per_s": 0.0, "fire_per_s": 0.0, "bare_per_s": 0.0, "floor_per_s": 0.0}
    for _ in range(ROUNDS):
        for name, run in (("advise_per_s", advise), ("fire_per_s", fire),
                          ("bare_per_s", lambda: host(facts)), ("floor_per_s", lambda: c_engine(facts))):
            start = time.perf_counter()
            run()
            best[name] = max(best[name], count / (time.perf_counter() - start))
    return {"compile_ms": compiled * 1000, **best, "rules": len(adv.base.rules), "rulesets": adv._runtime.rulesets}


def _bare_rete(rules):
    """durable_rules' Host with the same rules: a function taking the facts through them."""
    from durable import engine as durable

    from engine.conditions import to_durable
    from engine.runtime import STAGES

    class Quiet(durable.Host):
        def _run(self) -> None:
            pass

    def nothing(c) -> None:
        pass

    definitions = {}
    for rule in rules:
        stage, expression = {"stage": STAGES[rule.stage]}, to_durable(rule.condition)
        pattern = stage if expression is None else {"$and": [stage, expression]}
        definitions[f"r{rule.order}"] = {"all": [{"m": pattern}], "pri": rule.priority, "run": nothing}
    for number in STAGES.values():
        definitions[f"sentinel{number}"] = {"all": [{"m": {"stage": number}}], "pri": 1001, "run": nothing}
    host = Quiet()
    host.register_rulesets({"bare": definitions})
    sids = itertools.count(1)

    def run(facts: list[list[dict]]) -> None:
        for stages in facts:
            for fact in stages:
                sid = str(next(sids))
                host.assert_fact("bare", dict(fact, sid=sid))
                host.delete_state("bare", sid)
    return run


def _bare_c(rules):
    """The C engine alone: one ruleset as durable_rules compiles it, the whole facts, each action
    started and completed, each state deleted; no Python work but `json.dumps`."""
    import durable_rules_engine as c

    from engine.conditions import to_durable
    from engine.runtime import STAGES
    definitions = {}
    for rule in rules:
        stage, expression = {"stage": STAGES[rule.stage]}, to_durable(rule.condition)
        pattern = stage if expression is None else {"$and": [stage, expression]}
        definitions[f"r{rule.order}"] = {"all": [{"m": pattern}], "pri": rule.priority}
    for number in STAGES.values():
        definitions[f"sentinel{number}"] = {"all": [{"m": {"stage": number}}], "pri": 1001}
    handle = c.create_ruleset("bare_c", json.dumps(definitions))
    sids = itertools.count(1)

    def run(facts: list[list[dict]]) -> None:
        for stages in facts:
            for fact in stages:
                sid = str(next(sids))
                _, state = c.assert_fact(handle, json.dumps(dict(fact, sid=sid, id="f")))
                started = c.start_action_for_state(handle, state)
                while started:
                    started = c.complete_and_start_action(handle, state)
                c.delete_state(handle, sid)
    return run


def part_scale(times: int, count: int) -> dict:
    from engine.advise import advisor
    from engine.rulebase import load
    from engine.runtime import Runtime
    facts = _stage_facts(advisor(), _clients(count))
    before = _rss_mib()
    start = time.perf_counter()
    base = load()
    n = len(base.rules)
    rules = [dataclasses.replace(rule, id=f"{rule.id}-copy{k}" if k else rule.id, order=k * n + rule.order)
             for k in range(times) for rule in base.rules]
    runtime = Runtime(rules)
    compiled = time.perf_counter() - start
    grown = _rss_mib() - before
    per_eval, fired = float("inf"), 0
    for _ in range(3):  # the best of three passes (see part_full)
        start = time.perf_counter()
        fired = sum(len(runtime.fire(fact)) for stages in facts for fact in stages)
        per_eval = min(per_eval, (time.perf_counter() - start) / count)
    return {"times": times, "rules": len(rules), "rulesets": runtime.rulesets, "compile_s": compiled,
            "eval_ms": per_eval * 1000, "kib_per_rule": grown * 1024 / len(rules), "fired_per_eval": fired / count}


def part_memory(count: int) -> dict:
    from engine.advise import advisor
    adv = advisor()
    clients = _clients(1000)
    checkpoint, rss_early = min(1000, count // 2), 0.0
    for i, _ in enumerate(adv.advise_many(clients[i % 1000] for i in range(count)), 1):
        if i == checkpoint:
            rss_early = _rss_mib()
    return {"count": count, "checkpoint": checkpoint, "rss_early": rss_early, "rss_end": _rss_mib(), "peak": _peak_mib()}


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="each part briefly (CI): numbers mean little")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, *rest = args.child
        part = {"cli": part_cli, "full": part_full, "scale": part_scale, "memory": part_memory,
                "batch": part_batch, "varied": part_varied}[name]
        print(json.dumps(part(*map(int, rest))))
        return
    short = args.short
    cli = _child("cli", "1" if short else "9")
    batch = _child("batch", "200" if short else "10000")
    varied = _child("varied", "1200" if short else "10000")
    full = _child("full", "100" if short else "2000")
    scales = [_child("scale", str(k), "20" if short else "300") for k in (10, 100)]
    memory = [_child("memory", str(c)) for c in ((500, 2000) if short else (10_000, 50_000))]
    rows = [
        ("magnesium advise, one whole run (median)", f"{cli['cli_ms']:.0f} ms"),
        ("  / python -c 'import yaml, durable.engine' (target <= 1.5)", f"{cli['ratio']:.2f}x"),
        (f"magnesium advise --batch, {batch['count']:,} intakes, whole process (target < 3 s)", f"{batch['batch_s']:.2f} s"),
        (f"advise --batch, {varied['count']:,} varied clients (ages 1-95, a tenth blocked), one core", f"{varied['one_s']:.2f} s"),
        (f"  the same on all {varied['cores']} cores (target < 3 s; output the same: {varied['same']})",
         f"{varied['all_s']:.2f} s"),
        (f"rule base: {full['rules']} rules in {full['rulesets']} rulesets, load + compile", f"{full['compile_ms']:.0f} ms"),
        (f"evaluations/s, full advice (Advisor.advise_many; best of {ROUNDS} rounds)", f"{full['advise_per_s']:,.0f}"),
        ("evaluations/s, engine only (Runtime.fire, 3 stages)", f"{full['fire_per_s']:,.0f}"),
        ("evaluations/s, bare Rete pass (durable Host, same facts)", f"{full['bare_per_s']:,.0f}"),
        ("evaluations/s, bare Rete pass (C engine alone, whole facts)", f"{full['floor_per_s']:,.0f}"),
        ("bare Rete (C engine alone) / full advice (target <= 2)", f"{full['floor_per_s'] / full['advise_per_s']:.2f}x"),
    ]
    for s in scales:
        rows += [
            (f"x{s['times']}: {s['rules']:,} rules in {s['rulesets']} rulesets, load + compile", f"{s['compile_s']:.2f} s"),
            (f"x{s['times']}: time per evaluation (3 stages, {s['fired_per_eval']:.0f} rules fired)", f"{s['eval_ms']:.2f} ms"),
            (f"x{s['times']}: memory per rule", f"{s['kib_per_rule']:.1f} KiB"),
        ]
    for m in memory:
        rows.append((f"{m['count']:,} evaluations: RSS after {m['checkpoint']:,} / at end / peak",
                     f"{m['rss_early']:.1f} / {m['rss_end']:.1f} / {m['peak']:.1f} MiB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value" + ("   (--short: brief runs, numbers mean little)" if short else ""))
    print(f"{'-' * width}  {'-' * 16}")
    for what, value in rows:
        print(f"{what:<{width}}  {value}")


if __name__ == "__main__":
    main()
