"""The Flask app: `create_app(settings)` loads the rule base and the questions once, then
serves the client's pages (access.py: the code; pages.py: the intake; context.py: what they share)
and the practitioner's (accounts.py: signing in; practice.py: the workspace).

As in Flask's own tutorial app, tests hand the factory their own settings (a temporary store).
The store is opened per request and closed when the request ends: requests run in threads, and
a SQLite connection refuses a second thread. Nothing health-related is logged: an error is
logged as its kind and the page's name only (MAGNESIUM_DEBUG=1 logs it whole, for a developer).
"""
from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from flask import Flask, g, request
from jinja2 import StrictUndefined
from werkzeug.exceptions import HTTPException

from engine.errors import BadInput

from ..intake.screen import say as screen_say
from . import guard
from .context import Loaded, Settings, close_store, problem
from .drafts import DraftCache
from .web_texts import WEB_TEXTS

MAX_FORM_BYTES = 64 * 1024
log = logging.getLogger("magnesium.web")


def create_app(settings: Settings, secret: bytes | None = None) -> Flask:
    """The app; the rule base or the questions file being wrong is BadInput here, before serving."""
    from engine.advise import Advisor
    from engine.rulebase import load

    from ..intake import questions

    base = load(settings.rules)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secret or secrets.token_bytes(32), SESSION_COOKIE_NAME="magnesium",
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.tls, MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
                      TEMPLATES_AUTO_RELOAD=False)
    misses = guard.MissCounter(settings.misses_per_address, settings.misses_overall, settings.miss_window_s)
    login_misses = guard.MissCounter(settings.misses_per_address * 2, settings.misses_overall, settings.miss_window_s)
    app.extensions["magnesium"] = Loaded(settings, base, questions.load(base), Advisor(base), misses, DraftCache(),
                                         login_misses)
    if settings.behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # type: ignore[method-assign]
    from . import access, accounts, client_pages, document_pages, letter_pages, pages, plan_pages, practice

    app.register_blueprint(access.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(practice.bp)
    app.register_blueprint(client_pages.bp)
    app.register_blueprint(plan_pages.bp)
    app.register_blueprint(document_pages.bp)
    app.register_blueprint(letter_pages.bp)
    app.teardown_appcontext(close_store)
    app.after_request(lambda response: guard.secure_headers(response, request.endpoint == "static", settings.tls,
                                                            g.get("document", False)))
    app.register_error_handler(HTTPException, _http_problem)
    app.register_error_handler(BadInput, _store_problem)
    app.register_error_handler(Exception, _internal_problem)
    app.jinja_env.undefined = StrictUndefined  # a name missing in a page is a bug, not an empty field
    app.jinja_env.globals.update(say=_say, screen=_screen, csrf=guard.csrf_token, settings=settings, day=_day,
                                 numeric_day=_numeric_day, shown_name=_shown_name, shown_birth=_shown_birth,
                                 numeric_birth=_numeric_birth, plan_word=_plan_word)
    app.context_processor(lambda: {"errors": {}, "entry": "", "notice": None})
    return app


def _say(key: str, **params: Any) -> str:
    return WEB_TEXTS.say(key, g.get("lang", "nl"), **params)


def _screen(key: str, **params: Any) -> str:
    return screen_say(key, g.get("lang", "nl"), **params)


def _day(iso: str) -> str:
    """A stored date as people read it: 5 december 2026."""
    from ..common.dates import written_day

    return written_day(iso, g.get("lang", "nl"))


def _numeric_day(iso: str | None) -> str:
    """A stored date as the practitioner types it (15-01-2027), '' for none."""
    from ..plan.describe import shown_day

    return shown_day(iso, g.get("lang", "nl")) if iso else ""


def _shown_name(name: str | None) -> str:
    """A client's name as one line of printable text, or the words for none."""
    from ..common.formatting import one_line

    return one_line(name or "") or WEB_TEXTS.say("practice_no_name", g.get("lang", "nl"))


def _shown_birth(birth: str | None) -> str:
    """A client's birth as read: a year, or a date in words; the words for none."""
    if not birth:
        return WEB_TEXTS.say("attention_no_follow_up", g.get("lang", "nl"))
    return birth if len(birth) == 4 else _day(birth)


def _numeric_birth(birth: str | None) -> str:
    """A client's birth as typed: 1974, or 12-03-1974."""
    return (birth if len(birth) == 4 else _numeric_day(birth)) if birth else ""


def _plan_word(key: str) -> str:
    """The plan's words the terminal shows too (common/plan_words.yaml: reasons, units)."""
    from ..common.texts import PLAN_WORDS

    return PLAN_WORDS.say(key, g.get("lang", "nl"))


_PROBLEMS = {400: "problem_expired", 404: "problem_missing", 405: "problem_missing", 413: "problem_expired"}


def _http_problem(err: HTTPException) -> Any:
    if err.code in _PROBLEMS:
        return problem(_PROBLEMS[err.code], err.code)
    return err


def _store_problem(err: BadInput) -> tuple[str, int]:
    """The store could not be opened or was busy too long: the answers so far are safe. (On the
    practitioner's pages: an intake number that is not in the store is a page that does not exist.)"""
    if all(p.code == "unknown_intake" for p in err.problems):
        return problem("problem_missing", 404)
    log.error("store problem on %s: %s", request.endpoint, ", ".join(p.code for p in err.problems))
    return problem("problem_busy", 503)


def _internal_problem(err: Exception) -> tuple[str, int]:
    """A bug: logged by kind and page only (its message may hold an answer), unless debugging."""
    if os.environ.get("MAGNESIUM_DEBUG"):
        log.exception("internal error on %s", request.endpoint)
    else:
        log.error("internal error on %s: %s (MAGNESIUM_DEBUG=1 for details)", request.endpoint, type(err).__name__)
    return problem("problem_internal", 500)
