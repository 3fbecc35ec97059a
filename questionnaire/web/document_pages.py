"""The handout for the client and the letter to the GP from the browser, as HTML to print or as
PDF to download: the same documents `magnesium handout N` and `magnesium letter N` write (their
builders, commands/handout.make_handout and commands/letter.make_letter; the letter's own pages
are letter_pages.py), refused for the same reasons, each one written in the intake's audit trail
(`handout.written`, `letter.written`) with the account as who acts.

A document is its own self-contained page with its own inline style (common/document_html.py), so
it is served with the document's Content-Security-Policy (no script, nothing fetched, its inline
style only) instead of the workspace's. The practice (name, address) comes from practice.yaml
beside the store, as for the commands; a wrong practice file is a refused document that says
what is wrong and where.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, g, render_template, request
from engine.errors import BadInput

from .context import loaded, store
from .practice import signed_in_only
from .web_texts import WEB_TEXTS

bp = Blueprint("documents", __name__, url_prefix="/praktijk")
bp.before_request(signed_in_only)
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
NAMES = {"handout": {"nl": "folder", "en": "handout"}, "letter": {"nl": "brief", "en": "letter"}}


def given(number: int) -> tuple[Any, Any, list[dict]]:
    """The intake, the advice that stands now and its plans."""
    from ..plan.standing import standing

    kept = store()
    intake = kept.get(number)
    return intake, standing(intake, kept.follow_ups(number)), kept.plans(number)


def _store_folder() -> Path:
    """The folder of the store (of the default store, for a store on a database server), where
    the commands look for practice.yaml too."""
    from ..store import on_server, resolve_path

    db = loaded().settings.db
    return resolve_path(None if db and on_server(db) else db).parent


def practice_file() -> tuple[dict | None, list[str]]:
    """The practice from practice.yaml beside the store (None without one), and what is wrong
    with the file: a line per problem with its place, as the commands say it."""
    from ..commands._practice import load_practice

    try:
        return load_practice(None, _store_folder()), []
    except BadInput as err:
        return None, [p.render(g.lang) for p in err.problems]


def practice_file_path() -> Path:
    """Where practice.yaml is looked for (the letter page names it when it is missing)."""
    from ..commands._practice import practice_path

    return practice_path(None, _store_folder())


def served(doc: Any, number: int, what: str, fmt: str) -> Response:
    """The document as a page (inline, to print) or a PDF (a download), and its audit event."""
    from ..common.document_html import render_html
    from ..common.document_pdf import PdfUnavailable, render_pdf

    page = render_html(doc)
    name = f"{NAMES[what][g.lang]}-intake-{number}.{fmt}"
    if fmt == "pdf":
        try:
            body, kind, how = render_pdf(page).data, "application/pdf", "attachment"
        except PdfUnavailable as err:
            return refused(number, [WEB_TEXTS.say("document_pdf_missing", g.lang, reason=str(err))], 503)
    else:
        body, kind, how = page, "text/html; charset=utf-8", "inline"
    store().record(f"{what}.written", number)
    g.document = True  # guard.secure_headers: the document's own CSP
    return Response(body, mimetype=kind.split(";")[0], headers={
        "Content-Disposition": f'{how}; filename="{name}"', "Content-Security-Policy": DOCUMENT_CSP})


def refused(number: int, reasons: list[str], status: int = 409) -> Any:
    """Why the document cannot be made now, in the commands' words, and the way back."""
    intake = store().get(number)
    return render_template("practice/refused.html", intake=intake, reasons=reasons), status


@bp.get("/intake/<int:number>/folder.<fmt>")
def handout(number: int, fmt: str) -> Any:
    """The client's handout of the latest plan (refused without a plan, and where it may not be given)."""
    from ..commands.handout import make_handout
    from ..handout.handout_texts import HandoutProblem

    if fmt not in ("html", "pdf"):
        abort(404)
    intake, now, plans = given(number)
    practice, wrong = practice_file()
    if wrong or not plans:
        return refused(number, wrong or [HandoutProblem.about("", "number", "no_plan", number=number).message(g.lang)])
    try:
        doc = make_handout(intake, now, plans[-1], practice, loaded().settings.rules,
                           request.args.get("taal") or intake.lang)
    except BadInput as err:
        return refused(number, [p.message(g.lang) for p in err.problems])
    return served(doc, number, "handout", fmt)
