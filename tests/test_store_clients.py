"""The practice's clients in the store, on both engines (store_targets.py): migration 9 makes a
client of each name the existing intakes share and links them (an unnamed intake stays unlinked),
a new intake is linked by its code's client or its name, an edit over a newer version is refused,
erasing a client's last intake erases the client, each change is in the audit trail."""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest

from engine.answers import complete
from engine.errors import BadInput
from questionnaire.common.clock import now
from questionnaire.store import open_store
from questionnaire.store.client_records import CLIENTS_SINCE
from questionnaire.store.schema import MIGRATIONS, PG_MIGRATIONS
from store_targets import raw, target  # noqa: F401 (fixture)

ANSWERS = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none"}


def old_store(target: str, version: int) -> None:
    """A store as release `version` of the schema left it, on either engine."""
    if target.startswith("postgresql://"):
        for statements in PG_MIGRATIONS[:version]:
            for statement in statements:
                raw(target, statement)
        raw(target, "CREATE TABLE schema_version (version integer NOT NULL)")
        raw(target, "INSERT INTO schema_version (version) VALUES (?)", (version,))
        return
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            raw(target, statement)
    raw(target, f"PRAGMA user_version = {version}")


def test_migration_nine_makes_clients_of_shared_names(target):
    old_store(target, CLIENTS_SINCE - 1)
    for name in ("Jansen", " jansen ", "De Vries", None, "", "JANSEN"):
        raw(target, "INSERT INTO intake (created_at, client, lang, answers, advice, rulebase_version, follow_up) "
                    "VALUES ('2025-01-15T10:00:00+01:00', ?, 'nl', ?, '{}', 'x', '2025-02-14')",
            (name, json.dumps({**ANSWERS, "client": name})))
    with open_store(target) as kept:
        clients = kept.client_records()
        links = kept.client_links()
    assert [(c.number, c.name.lower()) for c in clients] == [(2, "de vries"), (1, "jansen")]  # numbered by first intake
    assert links == {1: 1, 2: 1, 3: 2, 4: None, 5: None, 6: 1}


def test_a_client_is_added_and_changed_only_over_the_version_read(target):
    with open_store(target, actor="anna") as kept:
        number = kept.add_client({"name": "Jansen", "birth": "1974", "contact": None, "gp": "Dr. Smit"})
        client = kept.client_record(number)
        assert (client.name, client.birth, client.gp, client.version) == ("Jansen", "1974", "Dr. Smit", 0)
        assert kept.change_client(number, {"name": "A. Jansen", "birth": "1974-03-12"}, 0)
        assert not kept.change_client(number, {"name": "Jansen-de Wit"}, 0)  # another desk changed it meanwhile
        assert kept.client_record(number).name == "A. Jansen" and kept.client_record(number).version == 1
        assert kept.client_records("jans")[0].number == number and kept.client_records("bakker") == []
    assert raw(target, "SELECT action, client FROM audit ORDER BY id") == [("client.added", number), ("client.changed", number)]


def test_a_new_intake_is_linked_by_its_codes_client_or_its_name(target, adv):
    answers = complete(ANSWERS)
    advice = adv.advise(answers, "nl")
    with open_store(target) as kept:
        jansen = kept.add_client({"name": "Jansen"})
        other = kept.add_client({"name": "M. de Vries"})
        by_name = kept.save_intake(answers, advice, "nl", None)
        code = kept.add_invite(hashlib.sha256(b"code").hexdigest(), now() + timedelta(hours=1), "nl", client=other)
        by_code = kept.save_intake(answers, advice, "nl", None, invite=code)  # typed "Jansen", made for de Vries
        kept.add_client({"name": "jansen"})
        ambiguous = kept.save_intake(answers, advice, "nl", None)  # two clients named so: none chosen
        links = kept.client_links()
    assert (links[by_name], links[by_code], links[ambiguous]) == (jansen, other, None)


def test_linking_by_hand_and_unknown_numbers(target, adv):
    answers = complete({**ANSWERS, "client": None})
    with open_store(target) as kept:
        intake = kept.save_intake(answers, adv.advise(answers, "nl"), "nl", None)
        client = kept.add_client({"name": "Bakker"})
        kept.link_intake(intake, client)
        assert kept.client_links()[intake] == client
        with pytest.raises(BadInput):
            kept.link_intake(intake, 99)
        with pytest.raises(BadInput):
            kept.link_intake(99, client)
        kept.link_intake(intake, None)
        assert kept.client_links()[intake] is None


def test_erasing_a_clients_last_intake_erases_the_client(target, adv):
    answers = complete(ANSWERS)
    advice = adv.advise(answers, "nl")
    with open_store(target) as kept:
        client = kept.add_client({"name": "Jansen", "birth": "1974", "contact": "06-12345678"})
        first, second = kept.save_intake(answers, advice, "nl", None), kept.save_intake(answers, advice, "nl", None)
        kept.erase([first])
        assert kept.client_record(client) is not None
        kept.erase([second])
        assert kept.client_record(client) is None
    assert raw(target, "SELECT COUNT(*) FROM clients")[0][0] == 0
    assert ("client.erased", client) in raw(target, "SELECT action, client FROM audit")
