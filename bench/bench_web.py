"""How long a page of the web intake takes with 50 clients answering at once (issue 18).

`magnesium serve`'s app on its own server (cheroot, in a thread of this process) on 127.0.0.1,
with a fresh store; 50 clients (bench/web_clients.py: one connection and session each) give a
code, say yes, answer all 16-20 questions, check and send. Two figures per page, median and 95th
percentile: the time in the app (from the request reaching Flask to its answer: the server's
work) and the time the client waits (from sending to the whole page read: the server's work and
the wait for one of its threads). Two runs:

- flat out: every client sends its next page the moment the last one arrived (no person is that
  fast: the worst case, every thread busy all the time);
- people: 1-3 s between pages (reading, tapping), still faster than real clients.

    python bench/bench_web.py [--clients 50] [--short]

--short (CI): 10 clients, flat out only, nothing compared with a target.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from web_clients import at_once  # noqa: E402

from questionnaire.store import open_store  # noqa: E402
from questionnaire.web import codes  # noqa: E402
from questionnaire.web.app import create_app  # noqa: E402
from questionnaire.web.context import Settings  # noqa: E402
from questionnaire.web.serving import THREADS, running  # noqa: E402

ANSWERS = {"client": "Bench", "age": 52, "sex": "female", "pregnant": False, "breastfeeding": False,
           "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"],
           "severity": {"muscle_cramps": 6, "sleep_problems": 4}, "conditions": [], "medications": ["antibiotics"],
           "takes_magnesium": True, "current_form": "citrate", "current_amount": 200, "current_basis": "elemental",
           "excess_symptoms": [], "symptoms_muscles": ["eyelid_twitching"], "symptoms_mind": ["nervousness"],
           "symptoms_belly": [], "symptoms_heart": [], "symptoms_other": []}


class Timed:
    """The app, timing each request inside it (the server's own work, without the queue)."""

    def __init__(self, app: Any):
        self.app, self.times, self._lock = app, [], threading.Lock()

    def __call__(self, environ: dict, start_response: Any) -> Any:
        began = time.perf_counter()
        body = b"".join(self.app(environ, start_response))
        with self._lock:
            self.times.append(time.perf_counter() - began)
        return [body]


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def run(clients: int, think_s: tuple[float, float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.sqlite3")
        app = create_app(Settings(db=db))
        with open_store(db) as kept:
            work = [(codes.create(kept).shown, ANSWERS) for _ in range(clients)]
        timed = Timed(app.wsgi_app)
        app.wsgi_app = timed  # type: ignore[method-assign]
        began = time.perf_counter()
        with running(app) as url:
            browsers, failures = at_once(url, work, app.extensions["magnesium"].questionnaire.questions, think_s)
        took = time.perf_counter() - began
        if failures:
            raise SystemExit(f"bench_web: {len(failures)} clients failed, the first: {failures[0]!r}")
        with open_store(db) as kept:
            assert len(kept.list_intakes()) == clients
    waits = [t for b in browsers for _, t in b.times]
    label = "flat out" if think_s == (0.0, 0.0) else f"people ({think_s[0]:g}-{think_s[1]:g} s between pages)"
    print(f"{clients} clients, {label}: {len(waits)} requests in {took:.1f} s ({len(waits) / took:.0f}/s), "
          f"{THREADS} server threads")
    print(f"  in the app:       {ms(timed.times)}")
    print(f"  client waits:     {ms(waits)}")
    kinds = sorted({kind for b in browsers for kind, _ in b.times})
    for kind in kinds:
        print(f"    {kind:<18}{ms([t for b in browsers for k, t in b.times if k == kind])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--short", action="store_true", help="10 clients, flat out only (CI)")
    args = parser.parse_args()
    if args.short:
        run(10, (0.0, 0.0))
        return
    run(args.clients, (0.0, 0.0))
    run(args.clients, (1.0, 3.0))


if __name__ == "__main__":
    main()
