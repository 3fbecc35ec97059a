"""The practitioner's workspace (issue 20): every page under /praktijk/ but the sign-in needs a
signed-in account (accounts.py); a client's code or visit opens none of them.

The pages call what the commands call: the store's list and follow-ups (as `magnesium review`),
the summary builder, the plan checker. What the pages change is in the audit trail with the
account as who acts.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from ..common.clock import now
from ..common.dates import written_day
from ..common.formatting import one_line, typed_date, unsafe
from . import attention
from .context import store
from .web_texts import WEB_TEXTS

bp = Blueprint("practice", __name__, url_prefix="/praktijk")
SEARCH_MAX = 80
MAX_NOTE = 5000  # as `magnesium review --note`
NOTICE = "practice_notice"  # what the last change did, shown once on the next page


@bp.before_request
def signed_in_only() -> Response | None:
    """Every page of the workspace: a signed-in account, or the sign-in page."""
    if g.user is None:
        return redirect(url_for("accounts.login"), 303)
    return None


@bp.get("/")
def home() -> Any:
    """The clients, what needs attention first (their intakes' reasons), then by name, and the
    intakes linked to nobody; `zoek` keeps the clients whose name contains it."""
    wanted = one_line(request.args.get("zoek", ""))[:SEARCH_MAX].strip()
    kept = store()
    rows = attention.ordered(kept.list_intakes(), attention.facts(kept, now().date()))
    clients, unlinked = attention.by_client(kept.client_records(wanted or None), rows, kept.client_links())
    return render_template("practice/home.html", clients=clients, unlinked=[] if wanted else unlinked, wanted=wanted)


@bp.get("/intakes")
def intakes() -> Any:
    """Every intake, what needs attention first; `zoek` keeps those whose client's name contains it."""
    wanted = one_line(request.args.get("zoek", ""))[:SEARCH_MAX].strip()
    kept = store()
    rows = attention.ordered(kept.list_intakes(wanted or None), attention.facts(kept, now().date()))
    return render_template("practice/intakes.html", rows=rows, wanted=wanted)


def _intake_page(number: int, errors: dict[str, str] | None = None, typed: dict[str, str] | None = None,
                 status: int = 200) -> tuple[str, int]:
    """An intake: its documents (the letter to the GP first where the advice that stands now is
    blocked or says doctor first), its summary (the terminal's builder, as HTML), the notes,
    reviewed or not, the follow-up date; `errors` beside the fields, `typed` what was sent (shown
    again)."""
    from ..plan.standing import standing
    from ..summary.render_html import html_body
    from ..summary.stored import stored_summary
    from .context import loaded
    from .letter_details import offer

    kept = store()
    intake = kept.get(number)
    plans, follow_ups = kept.plans(number), kept.follow_ups(number)
    summary = stored_summary(intake, g.lang, loaded().settings.rules, kept.rulebase_files(intake.rulebase_version),
                             plans, follow_ups)
    owner = kept.client_links().get(number)
    client = kept.client_record(owner) if owner else None
    letter = offer(intake, standing(intake, follow_ups).advice, client)
    return render_template("practice/intake.html", intake=intake, summary=Markup(html_body(summary)),
                           errors=errors or {}, typed=typed or {}, notice=session.pop(NOTICE, None), owner=client,
                           clients=kept.client_records(), letter=letter), status


def _done(number: int, notice: str) -> Response:
    """After a change: the intake's page again (POST, then GET: a reload sends nothing twice)."""
    session[NOTICE] = notice
    return redirect(url_for("practice.intake", number=number), 303)


@bp.get("/intake/<int:number>")
def intake(number: int) -> Any:
    return _intake_page(number)


@bp.post("/intake/<int:number>/notitie")
def note(number: int) -> Any:
    """A note is added (the earlier ones stay, so two desks writing at once lose nothing)."""
    text = request.form.get("note", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    problem = None if text else "note_missing"
    if len(text) > MAX_NOTE:
        problem = "note_long"
    elif unsafe(text, lines=True):
        problem = "note_unprintable"
    if problem:
        return _intake_page(number, {"note": WEB_TEXTS.say(problem, g.lang, max=MAX_NOTE)}, {"note": text[:MAX_NOTE]})
    store().add_note(number, text)
    return _done(number, "note_saved")


@bp.post("/intake/<int:number>/beoordeeld")
def reviewed(number: int) -> Any:
    if request.form.get("reviewed") == "yes":
        store().mark_reviewed(number)
        return _done(number, "marked_reviewed")
    store().mark_new(number)
    return _done(number, "marked_new")


@bp.post("/intake/<int:number>/vervolg")
def follow_up(number: int) -> Any:
    """The follow-up date, typed as the terminal takes it (15-01-2027), or none; refused when
    another desk changed it since this page was read (the page shows what is kept now)."""
    typed, was = request.form.get("follow_up", "").strip()[:40], request.form.get("was", "")
    intake = store().get(number)
    if (intake.follow_up or "") != was:
        return _intake_page(number, {"follow_up": WEB_TEXTS.say("follow_up_changed", g.lang)}, {"follow_up": typed}, 409)
    day = typed_date(typed) if typed else None
    if typed and day is None:
        return _intake_page(number, {"follow_up": WEB_TEXTS.say("follow_up_bad", g.lang)}, {"follow_up": typed})
    if day is not None and day < date.fromisoformat(intake.created_at[:10]):
        return _intake_page(number, {"follow_up": WEB_TEXTS.say("follow_up_early", g.lang, date=written_day(intake.created_at, g.lang))},
                            {"follow_up": typed})
    store().set_follow_up(number, day)
    return _done(number, "follow_up_set" if day else "follow_up_cleared")
