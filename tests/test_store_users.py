"""The practitioners' accounts and sign-ins in the store, on both engines (store_targets.py):
migration 8 on both, a taken name refused, wrong passwords counted up to a lock, a sign-in found
by its token's hash and ended by signing out, a new password or removing the account; each in the
audit trail with the account."""
from __future__ import annotations

from datetime import timedelta

from questionnaire.common.clock import now
from questionnaire.store import open_store
from questionnaire.store.schema import MIGRATIONS, PG_MIGRATIONS
from questionnaire.store.users import USERS_SINCE
from store_targets import raw, target  # noqa: F401 (fixture)


def test_the_tables_are_migration_eight_on_both_engines():
    assert USERS_SINCE == 8 and len(MIGRATIONS) == len(PG_MIGRATIONS) >= USERS_SINCE
    assert all("CREATE TABLE users" in m[USERS_SINCE - 1][0] for m in (MIGRATIONS, PG_MIGRATIONS))


def test_an_account_is_added_once(target):
    with open_store(target, actor="praktijk") as kept:
        assert kept.add_user("anna", "$argon2id$hash") and not kept.add_user("anna", "$argon2id$other")
        assert [u.name for u in kept.users()] == ["anna"] and kept.user("anna").password_hash == "$argon2id$hash"
        assert kept.user("bert") is None
    assert raw(target, "SELECT actor, action, account FROM audit") == [("praktijk", "user.added", "anna")]


def test_wrong_passwords_lock_and_a_sign_in_or_new_password_starts_again(target):
    with open_store(target) as kept:
        kept.add_user("anna", "h")
        for _ in range(4):
            kept.password_failed("anna", 5, timedelta(minutes=15))
        assert kept.user("anna").failures == 4 and not kept.user("anna").locked()
        kept.password_failed("anna", 5, timedelta(minutes=15))
        assert kept.user("anna").locked() and not kept.user("anna").locked(now() + timedelta(minutes=16))
        assert kept.set_password("anna", "h2") and not kept.user("anna").locked()
        kept.password_failed("anna", 5, timedelta(minutes=15))
        kept.sign_in("anna", "t1", older_than=now() - timedelta(minutes=30))
        assert kept.user("anna").failures == 0
        kept.password_failed("nobody", 5, timedelta(minutes=15))  # an unknown name changes nothing
    assert ("web:anna", "user.locked") in raw(target, "SELECT actor, action FROM audit")


def test_a_sign_in_is_found_by_its_hash_and_ended(target):
    with open_store(target) as kept:
        kept.add_user("anna", "h")
        kept.sign_in("anna", "t1", older_than=now() - timedelta(minutes=30))
        kept.sign_in("anna", "t2", older_than=now() - timedelta(minutes=30))
        assert kept.signed_in("t1").user == "anna" and kept.signed_in("nope") is None
        kept.sign_out("t1")
        assert kept.signed_in("t1") is None and kept.signed_in("t2") is not None
        kept.set_password("anna", "h2")  # every browser of anna signed out
        assert kept.signed_in("t2") is None
        kept.sign_in("anna", "t3", older_than=now() - timedelta(minutes=30))
        assert kept.remove_user("anna") and not kept.remove_user("anna")
        assert kept.signed_in("t3") is None
    actions = [a for a, in raw(target, "SELECT action FROM audit ORDER BY id")]
    assert actions == ["user.added", "login", "login", "logout", "user.password_set", "login", "user.removed"]


def test_stale_sign_ins_are_cleared_away(target):
    with open_store(target) as kept:
        kept.add_user("anna", "h")
        kept.sign_in("anna", "old", older_than=now() - timedelta(minutes=30))
        kept.sign_in("anna", "new", older_than=now() + timedelta(seconds=1))  # everything before now is stale
        assert kept.signed_in("old") is None and kept.signed_in("new") is not None
