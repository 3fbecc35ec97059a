"""Who may see an intake: the start page takes the client's code, and every request after it
finds the intake through the browser's visit token (never through anything in the URL).

Without a valid code nothing is shown. A code opens one intake; the latest browser to give it
carries on (another device takes over, the earlier one is sent to the start page). A visit ends
when the client clears the screen, after the idle time, when the code expires or is revoked; the
session cookie then holds nothing but the language and why the start page shows again. Flask's
session is a signed cookie, readable by whoever holds it: it holds a random visit token, the
form token, the language and a time, never an answer.
"""
from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from . import codes, drafts, guard
from .context import end_visit, loaded, store
from ..store.invites import EXPIRED, OPEN, REVOKED, USED, Invite
from .web_texts import WEB_TEXTS

bp = Blueprint("access", __name__)
NOTICES = ("cleared", "timed_out", "taken_over", "done", "closed")
LANGS = ("nl", "en")


@bp.before_app_request
def visit() -> Response | None:
    """The language, the form token check, and the intake this browser may see (g.invite)."""
    g.lang = session.get("lang") if session.get("lang") in LANGS else loaded().settings.lang
    g.invite = None
    if request.endpoint in (None, "static"):
        return None
    if request.method == "POST" and not guard.csrf_ok(request.form):
        abort(400)
    token = session.get("visit")
    if not token:
        return None
    if guard.idle_over(session.get("seen"), loaded().settings.session_limit_s):
        return end("timed_out")
    invite = store().invite_by_visit(codes.visit_hash(token))
    if invite is None:
        return end("taken_over")
    if invite.state() in (REVOKED, EXPIRED):
        return end("closed")
    g.invite = invite
    session["seen"] = time.time()
    return None


def end(notice: str) -> Response:
    """End this browser's visit (the code still opens the intake) and go to the start page."""
    end_visit()
    session["notice"] = notice
    return redirect(url_for("access.start"), 303)


@bp.route("/", methods=("GET", "POST"))
def start() -> Any:
    """The code, or (a visit under way) on to where the client was. After sending, the start
    page is the next client's: the visit ends (the closing page was the last one's)."""
    if g.invite is not None and g.invite.state() == USED:
        return end("done")
    if g.invite is not None:
        from .pages import where_next

        return redirect(where_next(g.invite))
    notice = session.pop("notice", None)
    if request.method == "GET":
        return render_template("code.html", notice=notice if notice in NOTICES else None)
    entry = request.form.get("code", "")
    address = request.remote_addr or "-"
    misses = loaded().misses
    if not misses.allowed(address):
        return _code_page(entry, "code_slow", 429)
    if not codes.typed(entry):
        return _code_page(entry, "code_missing")
    invite = store().invite_by_code(codes.code_hash(entry))
    if invite is None:
        misses.miss(address)
        return _code_page(entry, "code_unknown")
    if invite.state() != OPEN:
        return _code_page(entry, "code_used" if invite.state() == USED else "code_closed")
    return _open(invite)


def _code_page(entry: str, error: str, status: int = 200) -> tuple[str, int]:
    """The start page again: what was typed, and what is wrong with it (`error`: a text key)."""
    return render_template("code.html", entry=entry[:40], errors={"code": WEB_TEXTS.say(error, g.lang)}), status


def _open(invite: Invite) -> Response:
    """This browser carries on the intake from now on: a new session with a new visit token."""
    token = codes.visit_token()
    store().bind_visit(invite.number, codes.visit_hash(token))
    lang = session.get("lang") or invite.lang
    session.clear()
    session.update(visit=token, lang=lang, seen=time.time())
    if drafts.started(invite.draft):
        from .pages import where_next

        session["resuming"] = True
        return redirect(where_next(invite), 303)
    return redirect(url_for("intake.begin"), 303)


@bp.post("/taal")
def switch_language() -> Response:
    """The other language, on the same page (the page's own path, from the form)."""
    session["lang"] = "en" if g.lang == "nl" else "nl"
    back = request.form.get("back", "/")
    own = back.startswith("/") and not back.startswith("//") and "\\" not in back  # never another site
    return redirect(back if own else "/", 303)


@bp.post("/wissen")
def clear() -> Response:
    """Clear the screen (the client's button, or the idle clock): nothing of this client stays."""
    return end("done" if g.invite is not None and g.invite.state() == USED else "cleared")


@bp.post("/nog-hier")
def still_here() -> tuple[str, int]:
    """The page's script says the client is still there (the visit's clock starts again)."""
    return "", 204


@bp.get("/favicon.ico")
def no_icon() -> tuple[str, int]:
    """No icon (browsers ask for one): an empty answer instead of a 'not found' in the console."""
    return "", 204
