"""Client codes (web/codes.py): unguessable and easy to type, kept as a hash only, renewed with
the answers kept; visit tokens random and kept as a hash. What the store does with them, on both
engines: test_store_invites.py."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from questionnaire.common.clock import now
from questionnaire.store import open_store
from questionnaire.web import codes

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


def test_renewing_keeps_the_answers_and_ends_the_old_code_and_browser(kept):
    made = codes.create(kept)
    kept.save_draft(made.number, DRAFT, 0)
    kept.bind_visit(made.number, codes.visit_hash("tablet"))
    again = codes.renew(kept, made.number, hours=4)
    assert again.number == made.number and again.code != made.code
    assert kept.invite_by_code(codes.code_hash(made.code)) is None
    assert kept.invite_by_visit(codes.visit_hash("tablet")) is None
    assert kept.invite_by_code(codes.code_hash(again.code)).draft == DRAFT


def test_a_visit_token_is_random_and_kept_as_a_hash(kept):
    tokens = {codes.visit_token() for _ in range(100)}
    assert len(tokens) == 100 and all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)
    made = codes.create(kept)
    token = tokens.pop()
    kept.bind_visit(made.number, codes.visit_hash(token))
    assert kept.invite_by_visit(codes.visit_hash(token)).number == made.number
    kept.end_visit(codes.visit_hash(token))
    assert kept.invite_by_visit(codes.visit_hash(token)) is None
