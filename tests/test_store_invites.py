"""The web intake's client codes in the store, on both engines (the `target` fixture of
store_targets.py): kept as a hash only, a draft saved only over the version it was read at, used
up with the intake in one transaction (also when two saves race), revoked with the answers erased,
renewed with them kept, in the audit trail, copied by `store copy`, added to an older store."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import timedelta

import pytest

from conftest import store_of_version
from engine.answers import complete
from questionnaire.common.clock import now
from questionnaire.store import SCHEMA_VERSION, open_store
from questionnaire.store.copy import copy_store
from questionnaire.store.invites import INVITES_SINCE, InviteUsed
from questionnaire.store.schema import MIGRATIONS, PG_MIGRATIONS
from store_targets import raw, target  # noqa: F401 (fixture)

ANSWERS = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none"}
DRAFT = {"resume": 1, "accepted": "2026-12-05T10:00:00+01:00", "answers": {"client": "Jansen", "age": 42}}


def hashed(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def add(store, code: str = "ABCDEFGH", hours: int = 24, lang: str = "nl") -> int:
    return store.add_invite(hashed(code), now() + timedelta(hours=hours), lang)


@pytest.fixture
def answers_advice(adv):
    answers = complete(ANSWERS)
    return answers, adv.advise(answers, "nl")


def test_the_table_is_migration_seven_on_both_engines():
    assert INVITES_SINCE == 7 and len(MIGRATIONS) == len(PG_MIGRATIONS) >= INVITES_SINCE
    assert "CREATE TABLE web_invites" in MIGRATIONS[6][0] and "CREATE TABLE web_invites" in PG_MIGRATIONS[6][0]


def test_a_code_is_kept_as_its_hash_with_its_language_and_expiry(target):
    with open_store(target) as store:
        number = add(store, hours=2, lang="en")
        found = store.invite_by_code(hashed("ABCDEFGH"))
        assert (found.number, found.lang, found.state(), found.draft) == (number, "en", "open", None)
        assert found.state(now() + timedelta(hours=3)) == "expired"
        assert store.invite_by_code(hashed("ABCDEFGX")) is None
    assert raw(target, "SELECT code_hash FROM web_invites") == [(hashed("ABCDEFGH"),)]


def test_numbers_count_up_and_are_not_given_twice(target):
    with open_store(target) as store:
        assert [add(store, code) for code in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC")] == [1, 2, 3]
        assert [i.number for i in store.invites()] == [1, 2, 3]


def test_a_draft_is_saved_only_over_the_version_it_was_read_at(target):
    with open_store(target) as store:
        number = add(store)
        assert store.save_draft(number, DRAFT, 0)
        assert not store.save_draft(number, {**DRAFT, "answers": {}}, 0)  # another request saved meanwhile
        found = store.invite(number)
        assert found.draft == DRAFT and found.draft_version == 1 and found.answered_at


def test_two_pages_sent_at_once_land_one_draft(target):
    with open_store(target) as store:
        number = add(store)
    go, landed = threading.Barrier(2), []

    def send(answer: int) -> None:
        with open_store(target) as own:
            go.wait()
            landed.append(own.save_draft(number, {**DRAFT, "answers": {"age": answer}}, 0))

    threads = [threading.Thread(target=send, args=(age,)) for age in (40, 41)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert sorted(landed) == [False, True]
    with open_store(target) as store:
        assert store.invite(number).draft_version == 1


def test_revoking_erases_the_answers_so_far(target):
    with open_store(target) as store:
        number = add(store)
        store.save_draft(number, DRAFT, 0)
        assert store.revoke_invite(number) and not store.revoke_invite(number)
        found = store.invite(number)
        assert found.state() == "revoked" and found.draft is None
        assert not store.save_draft(number, DRAFT, 1)  # nothing more is kept for it
        assert not store.revoke_invite(99)
    assert raw(target, "SELECT draft FROM web_invites") == [(None,)]


def test_renewing_keeps_the_answers_and_ends_the_old_code_and_browser(target):
    with open_store(target) as store:
        number = add(store)
        store.save_draft(number, DRAFT, 0)
        store.bind_visit(number, hashed("tablet"))
        assert store.renew_invite(number, hashed("NEWCODE2"), now() + timedelta(hours=4))
        assert store.invite_by_code(hashed("ABCDEFGH")) is None and store.invite_by_visit(hashed("tablet")) is None
        assert store.invite_by_code(hashed("NEWCODE2")).draft == DRAFT


def test_a_browser_is_bound_and_let_go(target):
    with open_store(target) as store:
        number = add(store)
        store.bind_visit(number, hashed("phone"))
        assert store.invite_by_visit(hashed("phone")).number == number
        store.end_visit(hashed("phone"))
        assert store.invite_by_visit(hashed("phone")) is None and store.invite(number).state() == "open"


def test_the_intake_and_the_used_up_code_land_together(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target) as store:
        number = add(store)
        store.save_draft(number, DRAFT, 0)
        intake = store.save_intake(answers, advice, "nl", DRAFT["accepted"], invite=number)
        found = store.invite(number)
        assert (found.state(), found.intake, found.draft) == ("used", intake, None)
        with pytest.raises(InviteUsed):  # sent twice: the second save lands nowhere
            store.save_intake(answers, advice, "nl", DRAFT["accepted"], invite=number)
        assert [i.number for i in store.list_intakes()] == [intake]
        assert not store.revoke_invite(number) and not store.renew_invite(number, hashed("X"), now())


def test_a_revoked_code_saves_no_intake(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target) as store:
        number = add(store)
        store.revoke_invite(number)
        with pytest.raises(InviteUsed):
            store.save_intake(answers, advice, "nl", None, invite=number)
        assert store.list_intakes() == []
    assert raw(target, "SELECT COUNT(*) FROM intake")[0][0] == 0


def test_two_saves_of_one_code_at_once_keep_one_intake(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target) as store:
        number = add(store)
    go, outcome = threading.Barrier(2), []

    def save() -> None:
        with open_store(target) as own:
            go.wait()
            try:
                outcome.append(own.save_intake(answers, advice, "nl", None, invite=number))
            except InviteUsed:
                outcome.append("used")

    threads = [threading.Thread(target=save) for _ in range(2)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    assert len(outcome) == 2 and outcome.count("used") == 1
    assert raw(target, "SELECT COUNT(*) FROM intake")[0][0] == 1
    assert raw(target, "SELECT intake FROM web_invites") == raw(target, "SELECT number FROM intake")


def test_a_damaged_draft_is_no_draft(target):
    with open_store(target) as store:
        number = add(store)
    raw(target, "UPDATE web_invites SET draft = '{not json' WHERE number = ?", (number,))
    with open_store(target) as store:
        assert store.invite(number).draft is None


def test_the_audit_trail_names_the_code_and_its_intake(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target, actor="anna") as store:
        first, second, third = add(store, "AAAAAAAA"), add(store, "BBBBBBBB"), add(store, "CCCCCCCC")
        store.revoke_invite(first)
        store.revoke_invite(first)  # nothing changed: no event
        store.renew_invite(second, hashed("DDDDDDDD"), now() + timedelta(hours=1))
        store.save_draft(third, DRAFT, 0)  # the client's typing: no event
    with open_store(target, actor="web client code") as store:
        intake = store.save_intake(answers, advice, "nl", None, invite=third)
    events = raw(target, "SELECT actor, action, intake, invite FROM audit ORDER BY id")
    assert events == [("anna", "invite.made", None, 1), ("anna", "invite.made", None, 2), ("anna", "invite.made", None, 3),
                      ("anna", "invite.revoked", None, 1), ("anna", "invite.renewed", None, 2),
                      ("web client code", "intake.saved", intake, None), ("web client code", "invite.used", intake, 3)]


def test_store_copy_keeps_the_codes_and_their_numbers(target, tmp_path):
    with open_store(target) as source:
        add(source, "AAAAAAAA")
        kept = add(source, "BBBBBBBB")
        source.save_draft(kept, DRAFT, 0)
        with open_store(str(tmp_path / "copy.sqlite3")) as copy:
            copy_store(source, copy)
            assert copy.invite(kept).draft == DRAFT
            assert add(copy, "CCCCCCCC") == 3  # no number given twice


def test_a_store_of_the_previous_version_gets_the_table_and_keeps_its_intakes(tmp_path):
    path = tmp_path / "v6.sqlite3"
    con = store_of_version(path, INVITES_SINCE - 1)
    con.execute("INSERT INTO intake (created_at, lang, answers, advice, rulebase_version, follow_up) VALUES "
                "('2025-01-15T10:00:00+01:00', 'nl', ?, '{}', 'x', '2025-02-14')", (json.dumps(ANSWERS),))
    con.execute("INSERT INTO audit (at, actor, action, intake) VALUES ('2025-01-15T10:00:00+01:00', 'anna', 'intake.saved', 1)")
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        assert store.invites() == [] and store.get(1).answers == ANSWERS
        add(store)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= INVITES_SINCE
    assert con.execute("SELECT invite FROM audit WHERE action = 'invite.made'").fetchall() == [(1,)]
    assert con.execute("SELECT invite FROM audit WHERE action = 'intake.saved'").fetchall() == [(None,)]
