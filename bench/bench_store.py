"""The intake store's speed on both engines: intakes saved per second (each save one transaction,
as `magnesium intake` and `advise --save` do), and the time of `magnesium review` (the list) with
10,000 intakes, the whole command as a practitioner runs it.

    .venv/bin/python bench/bench_store.py            the figures of docs/store.md
    .venv/bin/python bench/bench_store.py --short    every part briefly (CI), nothing timed against a target

PostgreSQL is measured on the server of MAGNESIUM_TEST_PG_DSN (`source .ci/postgres` starts a
throwaway one), in a database of its own that is dropped afterwards; without it that half says
it was skipped.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.advise import advisor  # noqa: E402
from engine.answers import complete  # noqa: E402
from questionnaire.store import open_store  # noqa: E402

ANSWERS = complete({"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
                    "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"]})


def _fill(target: str, saves: int, total: int) -> float:
    """Save `saves` intakes one by one (timed: saves per second), then bulk-add the rest to `total`."""
    advice = advisor().advise(ANSWERS, "nl")
    with open_store(target) as store:
        start = time.perf_counter()
        for _ in range(saves):
            store.save_intake(ANSWERS, advice, "nl", None)
        rate = saves / (time.perf_counter() - start)
        columns = "created_at, client, lang, answers, advice, rulebase_version, follow_up, severities"
        rows = store.engine.execute(f"SELECT {columns} FROM intake WHERE number = 1").fetchall() * (total - saves)
        with store.engine.write():
            store.engine.insert_many(f"INSERT INTO intake ({columns}) VALUES ({', '.join('?' * 8)})", rows)
    return rate


def _review_list(target: str, runs: int) -> float:
    """The fastest of `runs` runs of `magnesium review` (the list), as a subprocess: seconds."""
    exe = Path(sys.executable).parent / "magnesium"
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "review"], env={**os.environ, "MAGNESIUM_DB": target}, check=True,
                       stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def _postgres():
    """A fresh database on the test server (a generator: dropped afterwards), or None."""
    dsn = os.environ.get("MAGNESIUM_TEST_PG_DSN")
    if not dsn:
        yield None
        return
    import psycopg

    name = f"magnesium_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    head, _, query = dsn.partition("?")
    try:
        yield f"{head.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
    finally:
        with psycopg.connect(dsn, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="every part briefly, for CI")
    short = parser.parse_args().short
    saves, total, runs = (50, 500, 1) if short else (1000, 10_000, 5)
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", str(Path(folder) / "bench.sqlite3"))]
        pg = _postgres()
        url = next(pg)
        if url is None:
            print("store bench: PostgreSQL skipped (no MAGNESIUM_TEST_PG_DSN; `source .ci/postgres` starts one)")
        else:
            targets.append(("PostgreSQL", url))
        for name, target in targets:
            rate = _fill(target, saves, total)
            listed = _review_list(target, runs)
            print(f"store bench {name}: {rate:.0f} intakes saved per second ({saves} saves); "
                  f"`magnesium review` with {total} intakes: {listed:.2f} s")
        pg.close()


if __name__ == "__main__":
    main()
