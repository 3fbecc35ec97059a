"""Stop signals 0-80 ms after a keystroke of the intake, counted (issue 21's fuzzer, repeatable).

    python bench/bench_signals.py [--tries 120] [--seed 21]

For each moment (right after one of the first answers; right after "Ja, alles klopt") it runs
the tries in a real pseudo-terminal and prints how many were lost, doubled, hung (the signal
swallowed) or ended with the wrong exit code. Every count must be 0. The logic is in
tests/signal_timing.py, which the suite runs at a modest count.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import signal_timing  # noqa: E402 - from the tests folder, put on the path above


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=120, help="tries of each moment (default 120)")
    parser.add_argument("--seed", type=int, default=21, help="the random delays' seed (default 21)")
    args = parser.parse_args()
    failed = 0
    for moment in ("answer", "confirm"):
        start = time.perf_counter()
        tally = signal_timing.run(moment, args.tries, args.seed)
        print(f"{tally.line()} ({time.perf_counter() - start:.0f} s)")
        for note in tally.notes:
            print(f"  {note}")
        failed += tally.failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
