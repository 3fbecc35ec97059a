"""The letter to the GP from the browser: the letter `magnesium letter N` writes (its builder,
commands/letter.make_letter), as HTML to print or PDF to download, served as the handout is
(document_pages.served: the document's own CSP, `letter.written` in the audit trail with the
account as who acts).

Whom it is about comes from the client the intake belongs to (the name, the year of birth, the
GP as whom it is to): then the intake's and the client's pages link the letter itself
(/praktijk/intake/N/brief.html, .pdf). Without a client, or where the client's details do not
make a letter (no birth, a year the intake's age rules out), the letter page (/praktijk/intake/N/
brief) asks them, checked as the command checks them (letter_details.py), each problem beside
its field; it also makes a letter with another name, addressee or language on request. What is
typed there is not kept: the audit trail keeps that the letter was made, when and by whom.

The letter is offered wherever the advice that stands now is blocked or says doctor first, and
on request for any intake. Blueprint "letters" under /praktijk/, behind the sign-in.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from ..common.formatting import one_line
from .context import loaded, store
from .document_pages import given, practice_file, practice_file_path, refused, served
from .letter_details import FIELDS, LANGS, from_client, problems, why
from .practice import signed_in_only
from .web_texts import WEB_TEXTS

bp = Blueprint("letters", __name__, url_prefix="/praktijk")
bp.before_request(signed_in_only)


def _owner(number: int) -> Any:
    """The client the intake belongs to, or None."""
    kept = store()
    owner = kept.client_links().get(number)
    return kept.client_record(owner) if owner else None


@bp.get("/intake/<int:number>/brief.<fmt>")
def letter(number: int, fmt: str) -> Any:
    """The letter from the client's details, in the intake's language; without a client, or
    with details that do not make a letter, the page that asks them."""
    if fmt not in ("html", "pdf"):
        abort(404)
    intake, values = store().get(number), from_client(_owner(number))
    if not values or problems(intake, values, g.lang):
        return redirect(url_for("letters.form", number=number), 303)
    return _made(number, values, fmt, intake.lang)


@bp.get("/intake/<int:number>/brief")
def form(number: int) -> Any:
    """The page that asks whom the letter is about: the client's details filled in (else the
    name typed in the intake), a detail that does not fit said beside its field at once."""
    intake = store().get(number)
    values = from_client(_owner(number)) or {"name": intake.client or ""}
    errors = {field: words for field, words in problems(intake, values, g.lang).items() if values.get(field)}
    return _page(intake, {**values, "lang": intake.lang}, errors)


@bp.post("/intake/<int:number>/brief")
def typed(number: int) -> Any:
    """The letter as the page asks it (HTML or PDF); a problem is said beside its field."""
    intake = store().get(number)
    values = {field: request.form.get(field, "") for field in (*FIELDS, "lang")}
    errors = problems(intake, values, g.lang)
    if errors:
        return _page(intake, values, errors)
    fmt = "pdf" if request.form.get("fmt") == "pdf" else "html"
    return _made(number, values, fmt, values["lang"] if values["lang"] in LANGS else intake.lang)


def _page(intake: Any, values: Mapping[str, str], errors: dict[str, str]) -> str:
    from ..plan.standing import standing

    now = standing(intake, store().follow_ups(intake.number))
    return render_template("practice/letter.html", intake=intake, values=values, errors=errors,
                           why=why(now.advice), langs=LANGS)


def _made(number: int, values: Mapping[str, str], fmt: str, lang: str) -> Any:
    """The letter about intake `number` (refused without a practice file: a letter needs its sender)."""
    from ..commands.letter import Whom, make_letter

    intake, now, plans = given(number)
    practice, wrong = practice_file()
    if wrong:
        return refused(number, wrong)
    if practice is None:
        return refused(number, [WEB_TEXTS.say("letter_no_practice", g.lang, path=str(practice_file_path()))])
    whom = Whom(one_line(values["name"]), int(values["born"]), one_line(values.get("to", "")) or None)
    return served(make_letter(intake, now, plans, practice, whom, loaded().settings.rules, lang), number, "letter", fmt)
