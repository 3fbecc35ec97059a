"""The practitioner's sign-in: accounts made with `magnesium users add`, a form to sign in and
a button to sign out, sign-ins that expire, and a lock after repeated wrong passwords.

The browser's cookie holds a random token; the store keeps its SHA-256 with the account and the
times (store/users.py), so signing out, a new password or a removed account ends a sign-in at
once, on every desk. A sign-in ends after `login_idle_s` without a request and after
`login_max_s` in any case. A wrong name and a wrong password get the same words and take as long
(web/passwords.py). After `lock_after` wrong passwords in a row an account is locked for `lock_s`;
wrong sign-ins per address are limited as wrong codes are (guard.MissCounter). Signing in ends
a client's visit in that browser and a client's code ends a sign-in (both clear the session), so
one browser is never both. The audit trail names the account for everything done while signed in.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..common.clock import now
from ..store.users import web_actor
from . import passwords
from .context import end_visit, loaded, store
from .web_texts import WEB_TEXTS

bp = Blueprint("accounts", __name__, url_prefix="/praktijk")
LOGIN = "login"  # the session's key for the sign-in token
SEEN_EVERY_S = 60  # the store's "last seen" is brought up to date at most once a minute


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@bp.before_app_request
def practitioner() -> None:
    """g.user: the account this browser is signed in as, or None; an expired sign-in ends here."""
    g.user = None
    token = session.get(LOGIN)
    if not token or request.endpoint in (None, "static"):
        return
    digest, settings, moment = token_hash(token), loaded().settings, now()
    login = store().signed_in(digest)
    if login is None:  # signed out elsewhere, a new password, a removed account
        session.pop(LOGIN, None)
        return
    idle, age = (moment - login.seen_at).total_seconds(), (moment - login.created_at).total_seconds()
    if idle > settings.login_idle_s or age > settings.login_max_s:
        store().sign_out(digest, expired=True)
        session.pop(LOGIN, None)
        session["login_notice"] = "expired"
        return
    g.user = login.user
    store().actor = web_actor(login.user)  # who acts, in the audit trail, for the rest of this request
    if idle > SEEN_EVERY_S:
        store().seen(digest)


@bp.route("/inloggen", methods=("GET", "POST"))
def login() -> Any:
    if g.user is not None:
        return redirect(url_for("practice.home"), 303)
    if request.method == "GET":
        notice = session.pop("login_notice", None)
        return render_template("practice/login.html", notice=notice, name="")
    name = request.form.get("name", "").strip().lower()[:64]
    password = request.form.get("password", "")
    errors = {field: WEB_TEXTS.say(f"login_{field}_missing", g.lang)
              for field, given in (("name", name), ("password", password)) if not given}
    if errors:
        return render_template("practice/login.html", errors=errors, name=name), 200
    address = request.remote_addr or "-"
    if not loaded().login_misses.allowed(address):
        return _refused(name, "login_slow", 429)
    user = store().user(name) if passwords.name_ok(name) else None
    right = passwords.verified(user.password_hash if user else None, password)
    if user is None or not right or user.locked():
        loaded().login_misses.miss(address)
        if user is not None and not user.locked():
            settings = loaded().settings
            store().password_failed(user.name, settings.lock_after, timedelta(seconds=settings.lock_s))
        return _refused(name, "login_wrong", 200)
    if passwords.needs_rehash(user.password_hash):
        store().rehash(user.name, passwords.hashed(password))
    return _sign_in(user.name)


def _refused(name: str, key: str, status: int) -> tuple[str, int]:
    """The form again, the name kept, one message for every reason (it says no more than that)."""
    errors = {"name": WEB_TEXTS.say(key, g.lang, after=loaded().settings.lock_after,
                                    minutes=loaded().settings.lock_s // 60)}
    return render_template("practice/login.html", errors=errors, name=name), status


def _sign_in(name: str) -> Response:
    """A new session holding a new token (a client's visit in this browser ends first)."""
    token = secrets.token_urlsafe(32)
    end_visit()
    lang = session.get("lang")
    session.clear()
    session.update({LOGIN: token, **({"lang": lang} if lang else {})})
    store().sign_in(name, token_hash(token), older_than=now() - timedelta(seconds=loaded().settings.login_idle_s))
    return redirect(url_for("practice.home"), 303)


@bp.post("/uitloggen")
def logout() -> Response:
    token = session.get(LOGIN)
    if token:
        store().sign_out(token_hash(token))
    end_visit()
    session["login_notice"] = "signed_out"
    return redirect(url_for("accounts.login"), 303)
