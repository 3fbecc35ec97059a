"""Fifty clients answering the web intake at once against the real server: every intake is kept,
each with exactly its own client's answers (no answer lost or crossed), every code used up.
Speed is bench/bench_web.py's, not this test's."""
from __future__ import annotations

import sys

from conftest import ROOT
from engine.yamlsource import Document
from questionnaire.store import open_store
from questionnaire.web.serving import running
from web_support import CRAMPS, contract_answers, practice

sys.path.insert(0, str(ROOT / "bench"))
from web_clients import at_once  # noqa: E402 - the benchmark's clients, from its folder

CLIENTS = 50


def test_fifty_clients_at_once_lose_no_answer(tmp_path, adv):
    web = practice(tmp_path)
    work = []
    for n in range(CLIENTS):  # each client her own name, age and ratings, so a crossed answer shows
        answers = {**CRAMPS, "client": f"Cliënt {n}", "age": 20 + n, "severity": {"muscle_cramps": n % 11},
                   "current_amount": 100 + n}
        work.append((web.code().shown, answers))
    with running(web.app) as url:
        browsers, failures = at_once(url, work, web.questions)
    assert failures == []
    with open_store(str(web.db)) as kept:
        intakes = {i.client: i for i in kept.list_intakes()}
        assert all(i.state() == "used" and i.draft is None for i in kept.invites())
    assert len(intakes) == CLIENTS
    for _, answers in work:
        intake = intakes[answers["client"]]
        assert intake.answers == adv.check(Document("<t>", contract_answers(answers)))
        assert intake.severities == {"muscle_cramps": answers["severity"]["muscle_cramps"]}
    assert sum(len(b.times) for b in browsers) > CLIENTS * 40
