"""The workspace's client pages: a new client, a client with their visits in time order (each
intake with its follow-ups, plans and notes, and the letter to the GP where the advice asks for
it), their details changed (refused when another desk changed them meanwhile), an intake linked
to a client by hand, a new web code for this client (one of `magnesium invite`'s: web/codes.py).

Blueprint "clients" under /praktijk/, behind the same sign-in as practice.py.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..common.clock import now
from ..common.formatting import one_line, typed_date, unsafe
from . import attention, codes
from .context import loaded, store
from .practice import NOTICE, signed_in_only
from .visits import Course, courses, visits
from .web_texts import WEB_TEXTS

bp = Blueprint("clients", __name__, url_prefix="/praktijk")
bp.before_request(signed_in_only)
LIMITS = {"name": 100, "contact": 200, "gp": 200}
CODE = "practice_new_code"  # a code just made for a client: shown once on their page


def details(form: Any, lang: str) -> tuple[dict[str, str | None], dict[str, str]]:
    """The client's details as sent ({name, birth, contact, gp}) and the problems, by field."""
    fields = {name: one_line(form.get(name, "")) or None for name in ("name", "contact", "gp")}
    errors = {name: WEB_TEXTS.say("client_too_long", lang, max=limit) for name, limit in LIMITS.items()
              if len(fields[name] or "") > limit}
    errors.update({name: WEB_TEXTS.say("note_unprintable", lang) for name in LIMITS if unsafe(form.get(name, ""))})
    if not fields["name"]:
        errors["name"] = WEB_TEXTS.say("client_name_missing", lang)
    typed = form.get("birth", "").strip()
    fields["birth"] = _birth(typed)
    if typed and fields["birth"] is None:
        errors["birth"] = WEB_TEXTS.say("client_birth_bad", lang, year=now().year)
    return fields, errors


def _birth(typed: str) -> str | None:
    """A birth year (1974) or date (12-03-1974) as kept ("1974", "1974-03-12"); None when neither
    (or in the future, or before 1900)."""
    today = now().date()
    if typed.isdigit() and len(typed) == 4:
        return typed if 1900 <= int(typed) <= today.year else None
    day = typed_date(typed)
    return day.isoformat() if day is not None and date(1900, 1, 1) <= day <= today else None


@bp.route("/client/nieuw", methods=("GET", "POST"))
def new() -> Any:
    if request.method == "GET":
        return render_template("practice/client_new.html", typed={}, errors={})
    fields, errors = details(request.form, g.lang)
    if errors:
        return render_template("practice/client_new.html", typed=request.form, errors=errors)
    number = store().add_client(fields)
    session[NOTICE] = "client_added"
    return redirect(url_for("clients.client", number=number), 303)


def _client_page(number: int, errors: dict[str, str] | None = None, typed: Any = None, status: int = 200) -> Any:
    """The client's page; beside each intake whose advice now is blocked or says doctor first,
    the letter to the GP (letter_details.offer)."""
    from ..plan.standing import standing
    from .letter_details import offer

    kept = store()
    client = kept.client_record(number)
    if client is None:
        abort(404)
    links = kept.client_links()
    mine = [kept.get(n) for n in sorted(n for n, c in links.items() if c == number)]
    known = attention.facts(kept, now().date())
    rows = {i.number: attention.reasons(i, known) for i in mine}
    follow_ups = {i.number: kept.follow_ups(i.number) for i in mine}
    shown = visits(mine, {i.number: kept.plans(i.number) for i in mine}, follow_ups)
    letters = {i.number: offer(i, standing(i, follow_ups[i.number]).advice, client) for i in mine}
    return render_template("practice/client.html", client=client, visits=shown, reasons=rows, errors=errors or {},
                           typed=typed, notice=session.pop(NOTICE, None), code=session.pop(CODE, None),
                           charts=_charts(courses(mine, follow_ups)), letters=letters), status


def _charts(found: list[Course]) -> list[dict]:
    """Per complaint: its words, the SVG chart and the rows of its table (date, severity)."""
    from ..plan.describe import shown_day
    from .chart import course_svg

    base, charts = loaded().base, []
    for index, course in enumerate(found, 1):
        label = base.label("complaints", course.complaint, g.lang)
        dates = [shown_day(at, g.lang) for at, _ in course.points]
        title = WEB_TEXTS.say("chart_title", g.lang, complaint=label)
        under = [_short(at, g.lang) for at, _ in course.points]
        charts.append({"label": label, "svg": course_svg(course, title, under, f"chart-{index}"),
                       "rows": list(zip(dates, (value for _, value in course.points)))})
    return charts


def _short(iso: str, lang: str) -> str:
    """A date short enough to stand under a dot of the chart: 15-01-27 (en: 27-01-15)."""
    day = date.fromisoformat(iso[:10])
    return f"{day:%d-%m-%y}" if lang == "nl" else f"{day:%y-%m-%d}"


@bp.get("/client/<int:number>")
def client(number: int) -> Any:
    return _client_page(number)


@bp.post("/client/<int:number>")
def change(number: int) -> Any:
    """New details, over the version this page was read at; refused (shown again) when another
    desk changed them meanwhile."""
    fields, errors = details(request.form, g.lang)
    if errors:
        return _client_page(number, errors, request.form)
    version = request.form.get("version", "")
    if not version.isdigit() or not store().change_client(number, fields, int(version)):
        if store().client_record(number) is None:
            abort(404)
        return _client_page(number, {"name": WEB_TEXTS.say("client_changed", g.lang)}, None, 409)
    session[NOTICE] = "client_changed"
    return redirect(url_for("clients.client", number=number), 303)


@bp.post("/client/<int:number>/code")
def new_code(number: int) -> Response:
    """A web code for this client: their intake is linked to them when it is sent. Shown once."""
    if store().client_record(number) is None:
        abort(404)
    made = codes.create(store(), codes.DEFAULT_HOURS, g.lang, client=number)
    session[CODE] = {"code": made.shown, "until": made.expires_at.isoformat()}
    return redirect(url_for("clients.client", number=number) + "#code", 303)


@bp.post("/intake/<int:number>/client")
def link(number: int) -> Response:
    """The intake belongs to the client chosen (or, with none, to nobody)."""
    chosen = request.form.get("client", "")
    store().link_intake(number, int(chosen) if chosen.isdigit() else None)
    session[NOTICE] = "intake_linked" if chosen.isdigit() else "intake_unlinked"
    return redirect(url_for("practice.intake", number=number), 303)
