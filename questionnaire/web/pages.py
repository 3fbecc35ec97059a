"""The intake's pages: the disclaimer, one question a page, the check page, sending, the close.

Generated from the questions file through IntakeSession, as the terminal asks them: the pages
re-implement none of its walk. A page's address is the question's place in the questions file
(`/vraag/7`), never its id or an answer. Each request rebuilds the session from the draft in the
store and saves it back over the version it read (a page sent twice at once is applied again to
what the other saved). Sending keeps the intake as the terminal does (intake/finish.py) and uses
up the code in the same transaction.
"""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable, Iterator

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask import session as cookie_session  # the browser's; `session` below is the intake's
from werkzeug.wrappers import Response

from engine.errors import BadInput

from ..common.clock import now
from ..common.texts import SAFETY_TEXTS
from ..intake.finish import finish
from ..intake.screen import say as screen_say
from ..intake.follow_up import alarm
from ..intake.session import IntakeSession, Step
from . import drafts, fields
from .context import end_visit, loaded, problem, store
from ..store.invites import OPEN, USED, Invite, InviteUsed
from .web_texts import WEB_TEXTS

bp = Blueprint("intake", __name__)
RETRIES = 3  # a draft saved by another request meanwhile: read it again and apply the answer to it
EMERGENCY = ("too_much_112", "stroke_112", "eclampsia_112")  # a care card of its own, the most urgent kind; the others are urgent


def needs_visit(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only for a browser that gave a valid code; after sending, only the closing page."""
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if g.invite is None:
            return redirect(url_for("access.start"), 303)
        if g.invite.state() == USED and request.endpoint != "intake.closing":
            return redirect(url_for("intake.closing"), 303)
        return view(*args, **kwargs)
    return guarded


def needs_start(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only once the client said yes to the disclaimer."""
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if not drafts.started(g.invite.draft):
            return redirect(url_for("intake.begin"), 303)
        return view(*args, **kwargs)
    return needs_visit(guarded)


def where_next(invite: Invite) -> str:
    """Where a client who gave the code (or came back) carries on."""
    if invite.state() == USED:
        return url_for("intake.closing")
    if not drafts.started(invite.draft):
        return url_for("intake.begin")
    return _next_url(_rebuild(invite)[0])


def _rebuild(invite: Invite) -> tuple[IntakeSession, dict | None]:
    key = (invite.number, invite.draft_version)
    restored = loaded().drafts.get(key)
    session, before = drafts.rebuild(loaded().questionnaire, loaded().base, invite.draft or {}, restored)
    if restored is None:
        loaded().drafts.put(key, session.answered)
    return session, before


def _attempts() -> Iterator[Invite]:
    """This request's invite, then (its draft saved meanwhile by another request) read again."""
    invite: Invite | None = g.invite
    for _ in range(RETRIES):
        if invite is None or invite.state() != OPEN:
            return
        yield invite
        invite = store().invite(invite.number)


def _keep(invite: Invite, session: IntakeSession, before: dict | None) -> bool:
    """Save the draft over the version read; the next request starts from these answers."""
    if not store().save_draft(invite.number, drafts.content(session, before), invite.draft_version):
        return False
    loaded().drafts.put((invite.number, invite.draft_version + 1), session.answered)
    return True


def _position(qid: str) -> int:
    """A question's address: its place in the questions file (1, 2, ...)."""
    return next(i for i, q in enumerate(loaded().questionnaire.questions, 1) if q.id == qid)


def _next_url(session: IntakeSession) -> str:
    step = session.pending()
    return url_for("intake.question", number=_position(step.question.id)) if step else url_for("intake.check")


def _settle(session: IntakeSession, before: dict | None) -> dict | None:
    """After a change, once its questions are answered: ask again what now offers new choices."""
    if before is not None and session.pending() is None:
        session.reopen_grown(before)
        return None
    return before


def _step_at(session: IntakeSession, number: int) -> Step | None:
    """The question at this address, if it applies and was answered or is the one to answer now."""
    questions = loaded().questionnaire.questions
    if not 1 <= number <= len(questions):
        return None
    qid, pending = questions[number - 1].id, session.pending()
    step = next((s for s in session.steps() if s.question.id == qid), None)
    if step is None or (qid not in session.answered and (pending is None or pending.question.id != qid)):
        return None
    return step


@bp.route("/begin", methods=("GET", "POST"))
@needs_visit
def begin() -> Any:
    """What this is, the article's disclaimer and kidney warning; the intake starts at the yes."""
    invite: Invite = g.invite
    if request.method == "GET":
        base = loaded().base
        return render_template("begin.html", disclaimer=base.text("disclaimer", g.lang),
                               kidney=base.text("kidney_warning", g.lang))
    if request.form.get("choice") != "yes":
        end_visit()
        g.invite = None
        return render_template("declined.html")
    if not drafts.started(invite.draft):
        fresh = IntakeSession(loaded().questionnaire, loaded().base, now().isoformat())
        store().save_draft(invite.number, drafts.content(fresh), invite.draft_version)  # else: begun elsewhere
    return redirect(where_next(store().invite(invite.number) or invite), 303)


@bp.route("/vraag/<int:number>", methods=("GET", "POST"))
@needs_start
def question(number: int) -> Any:
    """One question: shown with the client's own answer, or answered and on to the next."""
    change = request.values.get("wijzig") == "1"
    for invite in _attempts():
        session, before = _rebuild(invite)
        step = _step_at(session, number)
        if step is None:
            return redirect(_next_url(session), 303)
        if request.method == "GET":
            return _show(invite, session, before, step, change)
        value, errors = fields.read(session, step, request.form, g.lang, lambda key: WEB_TEXTS.say(key, g.lang))
        if errors:
            return _page(session, step, fields.sent(step, request.form), errors, change)
        if change and before is None:
            before = session.reopen(step.question.key)
        session.give(step.question, value)
        before = _settle(session, before)
        if _keep(invite, session, before):
            return redirect(_next_url(session), 303)
    return redirect(url_for("access.start"), 303)


def _show(invite: Invite, session: IntakeSession, before: dict | None, step: Step, change: bool) -> str:
    page = _page(session, step, fields.shown(step, session.earlier(step.question), g.lang), {}, change)
    if session.estimate != (invite.draft or {}).get("estimate"):
        _keep(invite, session, before)  # the count shown only grows, also across devices (best effort)
    return page


def _page(session: IntakeSession, step: Step, shown: Any, errors: dict[str, str], change: bool) -> str:
    number, total = session.progress(step)
    ids = [s.question.id for s in session.steps()]
    earlier = ids[:ids.index(step.question.id)]
    back = url_for("intake.check") if change else \
        url_for("intake.question", number=_position(earlier[-1])) if earlier else url_for("intake.begin")
    words = {fields.YES: screen_say("yes", g.lang), fields.NO: screen_say("no", g.lang),
             "none": WEB_TEXTS.say("scale_none", g.lang)}
    return render_template("question.html", step=step, q=step.question, number=number, total=total, shown=shown,
                           options=fields.options(step, g.lang, words), errors=errors, change=change, back=back,
                           position=_position(step.question.id), resuming=session_flag("resuming"))


def session_flag(name: str) -> bool:
    """A one-time flag of this visit (shown once, then gone)."""
    return bool(cookie_session.pop(name, False))


@bp.get("/controleren")
@needs_start
def check() -> Any:
    """Every answer in plain words, each with a link that changes it; then send."""
    for invite in _attempts():
        session, before = _rebuild(invite)
        settled = _settle(session, before)
        if settled is not before and not _keep(invite, session, settled):
            continue
        if session.pending() is not None:
            return redirect(_next_url(session), 303)
        rows = [(label, words, url_for("intake.question", wijzig="1", number=_position(
                    next(s.question.id for s in session.steps() if s.question.key == key))))
                for key, label, words in session.answer_rows(g.lang)]
        last = session.steps()[-1].question.id
        return render_template("check.html", rows=rows, back=url_for("intake.question", number=_position(last)))
    return redirect(url_for("access.start"), 303)


@bp.post("/versturen")
@needs_start
def send() -> Any:
    """Keep the intake as the terminal does; the code is used up with it."""
    invite: Invite = g.invite
    session, before = _rebuild(invite)
    if session.pending() is not None or before is not None:
        return redirect(url_for("intake.check"), 303)
    try:
        finish(session, loaded().advisor, g.lang, store(), invite=invite.number)
    except InviteUsed:  # sent twice at once, or revoked meanwhile: the start page says which
        return redirect(url_for("access.start"), 303)
    loaded().drafts.forget(invite.number)
    return redirect(url_for("intake.closing"), 303)


@bp.get("/klaar")
@needs_visit
def closing() -> Any:
    """Thank you; first, where the advice says so, what to do today (a care card each)."""
    invite: Invite = g.invite
    if invite.state() != USED:
        return redirect(where_next(invite), 303)
    try:
        advice = store().get(invite.intake).advice if invite.intake is not None else {}
    except BadInput:  # removed or unreadable since: the thanks without the cards
        return problem("problem_internal", 500)
    cards = [("emergency" if key in EMERGENCY else "urgent", SAFETY_TEXTS.say(key, g.lang)) for key in alarm(advice)]
    return render_template("closing.html", cards=cards)
