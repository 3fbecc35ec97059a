"""Several desks at once (issue 19), on both engines: 8 processes save intakes, plans, notes and
follow-ups at the same time, 400 writes in all; none is lost or doubled, every number is given
once, and no process meets "database is locked" or any other error."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import BIN, ROOT
from engine.answers import complete
from questionnaire.store import open_store
from store_targets import raw, target  # noqa: F401 (fixture)

PROCESSES, WRITES = 8, 50  # 400 writes: intakes, plans, notes, follow-ups in turn (13, 13, 12, 12 each)
SHARED = 4  # the intakes that every process adds plans, notes and follow-ups to
ANSWERS = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
           "kidney": "none", "complaints": ["muscle_cramps"]}

WORKER = """
    import json, os, sys, time
    from questionnaire.store import open_store
    target, data, go, me = sys.argv[1:5]
    answers, advice = json.load(open(data))
    while not os.path.exists(go):
        time.sleep(0.001)
    for n in range({writes}):
        kind, shared = n % 4, 1 + (n // 4 + int(me)) % {shared}
        with open_store(target) as s:  # one command each, as desks run them
            if kind == 0:
                s.save_intake(answers, advice, "nl", None)
            elif kind == 1:
                s.save_plan(shared, {{"items": [], "by": me}})
            elif kind == 2:
                s.add_note(shared, f"desk {{me}} note {{n}}")
            else:
                s.save_follow_up(shared, {{"lang": "nl", "answers": answers, "severities": {{}}, "plan_taken": None,
                                         "plan_version": None, "side_effects": [], "advice": advice}})
"""


def test_eight_desks_writing_at_once_lose_and_double_nothing(target, tmp_path, adv):
    answers = complete(ANSWERS)
    advice = adv.advise(answers, "nl")
    with open_store(target) as store:
        for _ in range(SHARED):
            store.save_intake(answers, advice, "nl", None)
    data, go = tmp_path / "data.json", tmp_path / "go"
    data.write_text(json.dumps([answers, advice]), encoding="utf-8")
    code = textwrap.dedent(WORKER.format(writes=WRITES, shared=SHARED))
    procs = [subprocess.Popen([sys.executable, "-c", code, target, str(data), str(go), str(me)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for me in range(PROCESSES)]
    go.touch()
    results = [(proc.wait(timeout=600), proc.stderr.read()) for proc in procs]
    assert all(code == 0 and err == "" for code, err in results), results  # no "database is locked", no error
    each = [PROCESSES * len(range(kind, WRITES, 4)) for kind in range(4)]  # intakes, plans, notes, follow-ups
    assert sum(each) == PROCESSES * WRITES == 400
    intakes = SHARED + each[0]
    assert raw(target, "SELECT COUNT(*), MIN(number), MAX(number) FROM intake") == [(intakes, 1, intakes)]
    for (table, column), count in zip((("plans", "version"), ("follow_ups", "number")), (each[1], each[3])):
        rows = raw(target, f"SELECT intake, {column} FROM {table} ORDER BY intake, {column}")
        assert len(rows) == count
        per_intake: dict[int, list[int]] = {}
        for intake, number in rows:
            per_intake.setdefault(intake, []).append(number)
        assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in per_intake.values())  # once each
    notes = raw(target, "SELECT text FROM notes")
    assert len(notes) == each[2] and len(set(notes)) == each[2]
    assert raw(target, "SELECT COUNT(*) FROM audit WHERE action <> 'intake.read'")[0][0] == SHARED + sum(each)


TERMINAL_SAVES = 10  # each of two terminals saves this many intakes, one command each
WEB_CLIENTS = 10


def test_two_terminals_and_the_web_app_at_once_lose_nothing(target, tmp_path, adv):
    """Issue 19's bar: two desks' terminals (`magnesium advise FILE --save`, one process a save)
    and the web app (ten clients answering at once on the real server) write to one store at the
    same time; every intake lands once, with its own client's answers, and every number is new."""
    sys.path.insert(0, str(ROOT / "bench"))
    from questionnaire.web.context import Settings
    from questionnaire.web.serving import running
    from web_clients import at_once
    from web_support import CRAMPS, Practice

    web = Practice(target, Settings(db=target))
    work = [(web.code().shown, {**CRAMPS, "client": f"Web {n}", "age": 30 + n}) for n in range(WEB_CLIENTS)]
    terminals = []
    for desk in ("A", "B"):
        answers = tmp_path / f"desk-{desk}.yaml"
        answers.write_text(json.dumps({**ANSWERS, "client": f"Terminal {desk}"}), encoding="utf-8")
        loop = f'for i in $(seq {TERMINAL_SAVES}); do "$0" advise "$1" --save --db "$2" >/dev/null || exit 1; done'
        terminals.append((answers, loop))
    with running(web.app) as url:
        desks = [subprocess.Popen(["sh", "-c", loop, str(BIN / "magnesium"), str(answers), target],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for answers, loop in terminals]
        _, failures = at_once(url, work, web.questions)
        ended = [(desk.wait(timeout=600), desk.stderr.read()) for desk in desks]
    assert failures == [] and [code for code, _ in ended] == [0, 0], (failures, ended)
    said = [line for _, err in ended for line in err.splitlines()]  # each save says its number
    assert len(said) == 2 * TERMINAL_SAVES and all(line.startswith("opgeslagen als intake ") for line in said), said
    with open_store(target) as kept:
        intakes = kept.list_intakes()
    names = sorted(i.client for i in intakes)
    assert names == sorted([f"Web {n}" for n in range(WEB_CLIENTS)] + ["Terminal A", "Terminal B"] * TERMINAL_SAVES)
    assert sorted(i.number for i in intakes) == list(range(1, WEB_CLIENTS + 2 * TERMINAL_SAVES + 1))
    assert all(i.answers["age"] == 30 + int(i.client.split()[1]) for i in intakes if i.client.startswith("Web"))
