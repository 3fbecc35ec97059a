"""What every request of the web app shares: the settings, what was loaded once (the rule
base, the questions, the advisor), this request's store, and the page that says what went wrong.

Apart from app.py (which builds the app and registers the pages) so the pages can use it
without importing the app that imports them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app, g, render_template, request, session

from . import codes, guard
from .drafts import DraftCache
from .web_texts import WEB_TEXTS

if TYPE_CHECKING:
    from engine.advise import Advisor
    from engine.rulebase import RuleBase

    from ..intake.questions import Questionnaire
    from ..store import IntakeStore


@dataclass(frozen=True)
class Settings:
    """How `magnesium serve` runs the app (tests give their own)."""

    db: str | None = None
    rules: str | None = None
    lang: str = "nl"
    tls: bool = False  # served over https (TLS here or at a reverse proxy): Secure cookies, HSTS
    behind_proxy: bool = False  # trust one proxy's X-Forwarded-For/-Proto (the client's address)
    idle_warn_s: int = 240  # no input this long: "Ben je er nog?"
    idle_grace_s: int = 60  # then this long to answer before the screen is cleared
    misses_per_address: int = 10
    misses_overall: int = 100
    miss_window_s: int = 900
    login_idle_s: int = 30 * 60  # a practitioner's sign-in ends after this long without a request
    login_max_s: int = 10 * 3600  # and after this long in any case (a working day)
    lock_after: int = 5  # wrong passwords in a row that lock an account
    lock_s: int = 15 * 60  # for this long

    @property
    def session_limit_s(self) -> int:
        """A session idle past this is ended at its next request (also without the page's script)."""
        return self.idle_warn_s + self.idle_grace_s + guard.IDLE_MARGIN_S


@dataclass(frozen=True)
class Loaded:
    """What every request shares, loaded once: the rule base, the questions, the advisor."""

    settings: Settings
    base: RuleBase
    questionnaire: Questionnaire
    advisor: Advisor
    misses: guard.MissCounter
    drafts: DraftCache
    login_misses: guard.MissCounter  # wrong sign-ins per address (beside each account's own count)


def loaded() -> Loaded:
    return current_app.extensions["magnesium"]


CLIENT_ACTOR = "web client code"  # who acts in the audit trail for a client's pages (no account has spaces)


def store() -> IntakeStore:
    """This request's connection to the store, opened on first use; the audit trail names the
    client's code as who acts (its number is in the event)."""
    if "store" not in g:
        from ..store import open_store

        g.store = open_store(loaded().settings.db, actor=CLIENT_ACTOR)
    return g.store


def close_store(_: BaseException | None) -> None:
    kept = g.pop("store", None)
    if kept is not None:
        kept.close()


PRACTICE_BLUEPRINTS = ("practice", "accounts", "clients", "plans", "documents", "letters")


def problem(text_key: str, status: int) -> tuple[str, int]:
    """A page that says what went wrong, with the way back to the start: in the client's words,
    or on the practitioner's pages in theirs (`practice_` + the key) with the way to the list."""
    practice = request.blueprint in PRACTICE_BLUEPRINTS
    key = f"practice_{text_key}" if practice and WEB_TEXTS.has(f"practice_{text_key}") else text_key
    return render_template("problem.html", message=WEB_TEXTS.say(key, g.get("lang", "nl")), practice=practice), status


def end_visit() -> None:
    """This browser's visit is over: its token opens nothing any more (the code still does),
    and its session keeps only the language."""
    token = session.get("visit")
    if token:
        store().end_visit(codes.visit_hash(token))
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
