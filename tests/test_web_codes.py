"""Client codes and web drafts: unguessable and easy to type, kept as a hash only, used up with
the intake in one transaction, revoked with their answers erased, renewed with them kept."""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta

import pytest

from conftest import store_of_version
from engine.answers import complete
from questionnaire.common.clock import now
from questionnaire.store import SCHEMA_VERSION, open_store
from questionnaire.web import codes
from questionnaire.web.store_invites import SINCE, InviteUsed

ANSWERS = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none"}
DRAFT = {"resume": 1, "accepted": "2026-12-05T10:00:00+01:00", "answers": {"client": "Jansen", "age": 42}}


@pytest.fixture
def kept(tmp_path):
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        yield store


def test_codes_are_long_enough_and_never_ambiguous():
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) == 2000 and all(len(code) == codes.LENGTH for code in made)
    assert set("".join(made)) <= set(codes.ALPHABET) and not set("01OIL") & set(codes.ALPHABET)
    assert len(codes.ALPHABET) ** codes.LENGTH > 10 ** 11


@pytest.mark.parametrize("typed", ["ABCD-EFGH", "abcd efgh", " AbCd-eFgH ", "abcdefgh", "AB-CD-EF-GH"])
def test_a_code_is_read_in_any_case_with_spaces_and_hyphens(typed):
    assert codes.typed(typed) == "ABCDEFGH" and codes.code_hash(typed) == codes.code_hash("ABCDEFGH")
    assert codes.shown("ABCDEFGH") == "ABCD-EFGH"


def test_the_store_keeps_a_codes_hash_never_the_code(tmp_path):
    path = tmp_path / "s.sqlite3"
    with open_store(str(path)) as store:
        made = codes.create(store, hours=2, lang="en")
        found = store.invite_by_code(codes.code_hash(made.shown.lower()))
    assert found.number == made.number == 1 and found.lang == "en" and found.state() == "open"
    assert made.code.encode() not in path.read_bytes() and made.shown.encode() not in path.read_bytes()
    assert timedelta(hours=1, minutes=59) < made.expires_at - now() <= timedelta(hours=2)


def test_a_code_expires(kept):
    made = codes.create(kept, hours=1)
    assert kept.invite(made.number).state(now() + timedelta(hours=2)) == "expired"


def test_a_draft_is_saved_only_over_the_version_it_was_read_at(kept):
    made = codes.create(kept)
    assert kept.save_draft(made.number, DRAFT, 0)
    assert not kept.save_draft(made.number, {**DRAFT, "answers": {}}, 0)  # another request saved meanwhile
    found = kept.invite(made.number)
    assert found.draft == DRAFT and found.draft_version == 1 and found.answered_at


def test_revoking_erases_the_answers_so_far(kept):
    made = codes.create(kept)
    kept.save_draft(made.number, DRAFT, 0)
    assert kept.revoke_invite(made.number) and not kept.revoke_invite(made.number)
    found = kept.invite(made.number)
    assert found.state() == "revoked" and found.draft is None
    assert not kept.save_draft(made.number, DRAFT, 1)  # nothing more is kept for it
    assert not kept.revoke_invite(99)


def test_renewing_keeps_the_answers_and_ends_the_old_code_and_browser(kept):
    made = codes.create(kept)
    kept.save_draft(made.number, DRAFT, 0)
    kept.bind_visit(made.number, codes.visit_hash("tablet"))
    again = codes.renew(kept, made.number, hours=4)
    assert again.number == made.number and again.code != made.code
    assert kept.invite_by_code(codes.code_hash(made.code)) is None
    assert kept.invite_by_visit(codes.visit_hash("tablet")) is None
    assert kept.invite_by_code(codes.code_hash(again.code)).draft == DRAFT


def test_the_intake_and_the_used_up_code_land_together(kept, adv):
    answers = complete(ANSWERS)
    advice = adv.advise(answers, "nl")
    made = codes.create(kept)
    kept.save_draft(made.number, DRAFT, 0)
    number = kept.save_intake(answers, advice, "nl", DRAFT["accepted"], invite=made.number)
    found = kept.invite(made.number)
    assert (found.state(), found.intake, found.draft) == ("used", number, None)
    with pytest.raises(InviteUsed):  # sent twice: the second save lands nowhere
        kept.save_intake(answers, advice, "nl", DRAFT["accepted"], invite=made.number)
    assert [i.number for i in kept.list_intakes()] == [number]


def test_a_revoked_code_saves_no_intake(kept, adv):
    answers = complete(ANSWERS)
    made = codes.create(kept)
    kept.revoke_invite(made.number)
    with pytest.raises(InviteUsed):
        kept.save_intake(answers, adv.advise(answers, "nl"), "nl", None, invite=made.number)
    assert kept.list_intakes() == []


def test_a_damaged_draft_is_no_draft(kept):
    made = codes.create(kept)
    kept._con.execute("UPDATE web_invites SET draft = '{not json' WHERE number = ?", (made.number,))
    assert kept.invite(made.number).draft is None


def test_a_store_of_the_previous_version_gets_the_table_and_keeps_its_intakes(tmp_path):
    path = tmp_path / "v5.sqlite3"
    con = store_of_version(path, SINCE - 1)
    con.execute("INSERT INTO intake (created_at, lang, answers, advice, rulebase_version, follow_up) VALUES "
                "('2025-01-15T10:00:00+01:00', 'nl', ?, '{}', 'x', '2025-02-14')", (json.dumps(ANSWERS),))
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        assert store.invites() == [] and store.get(1).answers == ANSWERS
        codes.create(store)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= SINCE
    assert con.execute("SELECT count(*) FROM web_invites").fetchone()[0] == 1


def test_a_visit_token_is_random_and_kept_as_a_hash(kept):
    tokens = {codes.visit_token() for _ in range(100)}
    assert len(tokens) == 100 and all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)
    made = codes.create(kept)
    token = tokens.pop()
    kept.bind_visit(made.number, codes.visit_hash(token))
    assert kept.invite_by_visit(codes.visit_hash(token)).number == made.number
    kept.end_visit(codes.visit_hash(token))
    assert kept.invite_by_visit(codes.visit_hash(token)) is None
