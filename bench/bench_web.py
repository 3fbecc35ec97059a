"""How long a page of the web intake takes with 50 clients answering at once (issue 18), and a
page of the practitioner's workspace in a practice with 200 intakes of 50 clients (issue 20).

`magnesium serve`'s app on its own server (cheroot, in a thread of this process) on 127.0.0.1,
with a fresh store; 50 clients (bench/web_clients.py: one connection and session each) give a
code, say yes, answer all 16-20 questions, check and send. Two figures per page, median and 95th
percentile: the time in the app (from the request reaching Flask to its answer: the server's
work) and the time the client waits (from sending to the whole page read: the server's work and
the wait for one of its threads). Two runs:

- flat out: every client sends its next page the moment the last one arrived (no person is that
  fast: the worst case, every thread busy all the time);
- people: 1-3 s between pages (reading, tapping), still faster than real clients.

The workspace: one practitioner signed in, each page asked 20 times in a row (the lists with what
needs attention first, a client with the severity chart, an intake with its summary, the plan
page, the plan checked and kept, the handout page, the letter's page, the letter to print and as
PDF), the time from sending to the whole page read.

    python bench/bench_web.py [--clients 50] [--short]

--short (CI): 10 clients, flat out only, the workspace with 20 intakes and 3 rounds; nothing
compared with a target.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from web_clients import Browser, at_once  # noqa: E402

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


WORKSPACE_PAGES = ("GET /praktijk/", "GET /praktijk/intakes", "GET /praktijk/client/N", "GET /praktijk/intake/N",
                   "GET /praktijk/intake/N/plan", "POST /praktijk/intake/N/plan", "GET /praktijk/intake/N/folder.html",
                   "GET /praktijk/intake/N/brief", "GET /praktijk/intake/N/brief.html",
                   "GET /praktijk/intake/N/brief.pdf")


def filled(db: str, intakes: int, clients: int) -> None:
    """A store with `intakes` intakes (the advice made as the intake makes it) of `clients` clients."""
    from engine.advise import advisor
    from engine.answers import complete
    from questionnaire.web import passwords

    adv = advisor(None)
    with open_store(db) as kept:
        kept.add_user("bench", passwords.hashed("a password for the benchmark"))
        born = str(date.today().year - ANSWERS["age"])  # fits the intakes' age: the letter takes it as it is
        numbers = [kept.add_client({"name": f"Client {c}", "birth": born}) for c in range(clients)]
        for i in range(intakes):
            answers = complete({**{k: ANSWERS[k] for k in ("age", "sex", "pregnant", "breastfeeding", "kidney",
                                                           "complaints", "conditions", "medications")},
                                "client": f"Client {i % clients}", "kidney": "problems" if i % 17 == 0 else "none"})
            kept.save_intake(answers, adv.advise(answers, "nl"), "nl", None, severities={"muscle_cramps": i % 11})
        assert len(kept.client_records()) == len(numbers)


def workspace(intakes: int, clients: int, rounds: int) -> None:
    """Each workspace page `rounds` times for one signed-in practitioner."""
    import re
    import urllib.parse

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.sqlite3")
        filled(db, intakes, clients)
        (Path(folder) / "practice.yaml").write_text("name: Praktijk Bench\n", encoding="utf-8")  # the letter's sender
        app = create_app(Settings(db=db))
        with running(app) as url:
            parts = urllib.parse.urlsplit(url)
            desk = Browser(parts.hostname, parts.port)
            desk.request("GET", "/praktijk/inloggen")
            assert desk.request("POST", "/praktijk/inloggen", [("name", "bench"), ("password", "a password for the benchmark")])[0] == 303
            desk.times.clear()
            for _ in range(rounds):
                for page in ("/praktijk/", "/praktijk/intakes", "/praktijk/client/1", "/praktijk/intake/2",
                             "/praktijk/intake/2/plan"):
                    assert desk.request("GET", page)[0] == 200, page
                versions = re.search(r'name="versions" value="(\d+)"', desk.request("GET", "/praktijk/intake/2/plan")[2]).group(1)
                desk.times.pop()
                assert desk.request("POST", "/praktijk/intake/2/plan", [("versions", versions), ("action-0", "accept")])[0] == 303
                assert desk.request("GET", "/praktijk/intake/2/folder.html")[0] == 200
                for page in ("brief", "brief.html", "brief.pdf"):  # intake 1: blocked (kidney problems)
                    assert desk.request("GET", f"/praktijk/intake/1/{page}")[0] == 200, page
            desk.connection.close()
    print(f"The workspace, one practitioner, {intakes} intakes of {clients} clients, {rounds} rounds:")
    numbered = [(re.sub(r"/\d+", "/N", kind), took) for kind, took in desk.times]
    for kind in WORKSPACE_PAGES:
        print(f"    {kind:<38}{ms([t for k, t in numbered if k == kind])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--short", action="store_true", help="10 clients, flat out only (CI)")
    args = parser.parse_args()
    if args.short:
        run(10, (0.0, 0.0))
        workspace(20, 5, 3)
        return
    run(args.clients, (0.0, 0.0))
    run(args.clients, (1.0, 3.0))
    workspace(200, 50, 20)


if __name__ == "__main__":
    main()
