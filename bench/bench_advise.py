"""Benchmark of the advice engine: one `magnesium advise` run, and 1,000 clients in one process.

Numbers go in the README, not in timed tests (machines differ). Run: `make bench`.
"""
from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from engine.advise import Advisor
from engine.answers import complete
from engine.rulebase import load

SCENARIOS = Path(__file__).resolve().parent.parent / "tests" / "scenarios"

RUNS = 7
CLIENTS = 1000


def one_run() -> float:
    """Median wall time of a whole `magnesium advise FILE --format json` process."""
    exe = Path(sys.executable).parent / "magnesium"
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write("age: 42\nsex: female\nkidney: none\ncomplaints: [muscle_cramps, sleep_problems]\n")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([str(exe), "advise", handle.name, "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    Path(handle.name).unlink()
    return statistics.median(times)


def many_clients() -> tuple[float, float]:
    """Seconds for CLIENTS evaluations (the scenario clients, drawn at random) after one compile."""
    start = time.perf_counter()
    adv = Advisor(load())
    compiled = time.perf_counter() - start
    rng = random.Random(7)
    clients = [complete(yaml.safe_load(p.read_text(encoding="utf-8"))["answers"]) for p in SCENARIOS.glob("*.yaml")]
    start = time.perf_counter()
    for _ in range(CLIENTS):
        adv.advise(rng.choice(clients))
    return time.perf_counter() - start, compiled


def main() -> None:
    run = one_run()
    total, compiled = many_clients()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"magnesium advise, one run (median of {RUNS}): {run * 1000:.0f} ms")
    print(f"rule base load + compile: {compiled * 1000:.0f} ms")
    print(f"{CLIENTS} evaluations in one process: {total:.2f} s ({total / CLIENTS * 1000:.2f} ms each)")
    print(f"peak memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
