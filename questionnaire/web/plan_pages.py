"""The plan in the browser (/praktijk/intake/N/plan): per recommendation of the advice that stands
now (the latest follow-up's, else the intake's: plan/standing.py) accept it, change the amount or
drop it, each change with its reason; the doctor's answer to the letter; a note for the file and
one for the client. The page starts where `magnesium plan N` starts (plan/draft.start: the latest
plan's choices) and builds the plan with the same helpers (plan/draft.py), so a plan made here
has the shape of a plan file. Before it is kept it passes the same checks as `plan --from`: its
shape (plan_file.shape_problems), the advice's safety promises (engine/plan_check.findings, with
the doctor's answer) and `continued` only where carrying on is a choice; a problem is said beside
the recommendation or the answer it is about, in the checkers' own words, and nothing is kept.
A plan kept by another desk since this page was read is not overwritten: the page says so.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from engine.plan_check import REASONS
from engine.yamlsource import Document

from ..common.formatting import one_line, typed_date, unsafe
from ..plan import draft
from ..plan.carry_on import CONTINUED, misused, offered
from ..plan.standing import Standing, standing
from .context import loaded, store
from .practice import NOTICE, signed_in_only
from .web_texts import WEB_TEXTS

bp = Blueprint("plans", __name__, url_prefix="/praktijk")
bp.before_request(signed_in_only)
OUTCOMES = ("", "agreed", "not_advised")  # "": no answer (yet)


def _now(number: int) -> tuple[Any, Standing, list[dict]]:
    kept = store()
    intake = kept.get(number)
    return intake, standing(intake, kept.follow_ups(number)), kept.plans(number)


def _starts(now: Standing, plans: list[dict]) -> list[tuple[dict, draft.Start]]:
    latest = plans[-1]["plan"] if plans else None
    return [(rec, draft.start(rec, now.advice, latest)) for rec in draft.in_order(now.advice)]


def _defaults(starts: list[tuple[dict, draft.Start]], plans: list[dict]) -> MultiDict:
    """The form as the page first shows it: the latest plan's choices, else the advice."""
    latest = plans[-1]["plan"] if plans else {}
    values = MultiDict()
    for k, (rec, start) in enumerate(starts):
        values[f"action-{k}"] = start.action
        values[f"mg-{k}"] = "" if start.item.get("mg_per_day") is None else _shown(start.item["mg_per_day"])
        values[f"reason-{k}"] = start.reason or start.item.get("change_reason") or ""
        values[f"note-{k}"] = start.note or start.item.get("change_note") or ""
    answer = latest.get("doctor_answer") or {}
    for key in ("doctor", "outcome", "form"):
        values[f"answer-{key}"] = answer.get(key) or ""
    values["answer-mg"] = "" if answer.get("mg_per_day") is None else _shown(answer["mg_per_day"])
    for key in ("date", "until"):
        values[f"answer-{key}"] = _day_shown(answer.get(key))
    values["note"], values["client_note"] = latest.get("note") or "", latest.get("client_note") or ""
    return values


def _shown(mg: float) -> str:
    text = f"{mg:g}"
    return text.replace(".", ",") if g.lang == "nl" else text


def _day_shown(iso: str | None) -> str:
    from ..plan.describe import shown_day

    return shown_day(iso, g.lang) if iso else ""


def _mg(text: str) -> float | None | str:
    """A typed amount (250, 2,5): the number, None when empty, 'bad' when it is no number."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return "bad"
    return int(value) if value.is_integer() else value


def _page(number: int, values: MultiDict, errors: dict[str, str], status: int = 200) -> tuple[str, int]:
    from ..plan.describe import headline, recommendation

    intake, now, plans = _now(number)
    base = loaded().base
    starts = _starts(now, plans)
    reasons = [r for r in REASONS if r != CONTINUED or offered(now, plans[-1] if plans else None)]
    return render_template("practice/plan.html", intake=intake, now=now, plans=plans, errors=errors, values=values,
                           recs=[(k, rec, recommendation(rec, base, g.lang)) for k, (rec, _) in enumerate(starts)],
                           headline=headline(intake.number, intake.client, intake.created_at, now.advice, base, g.lang)[1:],
                           reasons=reasons, outcomes=OUTCOMES, forms=sorted(base.forms), base=base), status


@bp.get("/intake/<int:number>/plan")
def plan(number: int) -> Any:
    _, now, plans = _now(number)
    return _page(number, _defaults(_starts(now, plans), plans), {})


@bp.post("/intake/<int:number>/plan")
def keep(number: int) -> Any:
    _, now, plans = _now(number)
    form = request.form
    if form.get("versions", "") != str(len(plans)):  # another desk kept a plan since this page was read
        return _page(number, _defaults(_starts(now, plans), plans), {"plan": WEB_TEXTS.say("plan_changed", g.lang)}, 409)
    made, errors, owner = _built(form, _starts(now, plans))
    if not errors:
        errors = _checked(made, owner, now, plans[-1] if plans else None)
    if errors:
        return _page(number, form, errors)
    store().save_plan(number, made)
    session[NOTICE] = "plan_saved"
    return redirect(url_for("practice.intake", number=number), 303)


def _built(form: Any, starts: list[tuple[dict, draft.Start]]) -> tuple[dict, dict[str, str], list[int]]:
    """The plan the form gives (plan/draft.py's shape), the typing mistakes by field, and for each
    item of the plan the recommendation (its index on the page) it came from."""
    items, gone, owner, errors = [], [], [], {}
    for k, (rec, _) in enumerate(starts):
        action, reason = form.get(f"action-{k}", draft.ACCEPT), form.get(f"reason-{k}") or None
        note = one_line(form.get(f"note-{k}", ""))[:200] or None
        if action == draft.DROP:
            if reason is None:
                errors[f"reason-{k}"] = WEB_TEXTS.say("plan_reason_missing", g.lang)
            gone.append(draft.dropped(rec["form"], reason or "other", note))
            continue
        mg = _mg(form.get(f"mg-{k}", ""))
        if action == draft.CHANGE and mg == "bad":
            errors[f"mg-{k}"] = WEB_TEXTS.say("plan_mg_bad", g.lang)
        if action == draft.CHANGE and reason is None:
            errors[f"reason-{k}"] = WEB_TEXTS.say("plan_reason_missing", g.lang)
        chosen = draft.advised_item(rec) if action != draft.CHANGE or mg == "bad" else {**draft.advised_item(rec), "mg_per_day": mg}
        items.append(draft.with_reason(chosen, reason, note) if action == draft.CHANGE else chosen)
        owner.append(k)
    answer = _answer(form, errors)
    notes = {key: form.get(key, "").replace("\r\n", "\n").strip() or None for key in ("note", "client_note")}
    errors.update({key: WEB_TEXTS.say("note_unprintable", g.lang) for key, text in notes.items() if text and unsafe(text, lines=True)})
    return draft.plan(items, gone, answer, notes["note"], notes["client_note"]), errors, owner


def _answer(form: Any, errors: dict[str, str]) -> dict | None:
    """The doctor's answer as typed (None: no answer given); its dates typed as the terminal takes them."""
    outcome = form.get("answer-outcome", "")
    if outcome not in ("agreed", "not_advised"):
        return None
    given = {"doctor": one_line(form.get("answer-doctor", "")) or None, "outcome": outcome}
    for key in ("date", "until"):
        typed = form.get(f"answer-{key}", "").strip()
        day = typed_date(typed) if typed else None
        if typed and day is None:
            errors[f"answer-{key}"] = WEB_TEXTS.say("follow_up_bad", g.lang)
        given[key] = day.isoformat() if day else None
    if outcome == "agreed":
        mg = _mg(form.get("answer-mg", ""))
        if mg == "bad":
            errors["answer-mg"] = WEB_TEXTS.say("plan_mg_bad", g.lang)
        given.update(form=form.get("answer-form") or None, mg_per_day=None if mg == "bad" else mg)
    else:
        given.update(form=None, mg_per_day=None)
    return given


def _checked(made: dict, owner: list[int], now: Standing, latest: dict | None) -> dict[str, str]:
    """The checks of `plan --from`: shape, safety promises, `continued`; each problem on the field
    of the recommendation (or the answer) it is about, the others on the plan as a whole."""
    from engine.plan_check import findings

    from ..plan.plan_file import finding_problem, shape_problems
    from ..plan.plan_texts import PLAN_TEXTS

    doc = Document(WEB_TEXTS.say("plan_doc", g.lang), made)
    errors: dict[str, str] = {}
    for found in shape_problems(doc):
        errors.setdefault(_field(found.key, None, owner), found.message(g.lang))
    for finding in findings(made, now.advice, loaded().base.forms):
        errors.setdefault(_field(finding.key, finding.path, owner), finding_problem(doc, finding).message(g.lang))
    for i in misused(made, now, latest):
        errors.setdefault(f"reason-{owner[i]}", PLAN_TEXTS.say("err_continued_no_choice", g.lang))
    return errors


def _field(key: str, path: tuple | None, owner: list[int]) -> str:
    """The page's field a checker's problem is about."""
    if path and path[0] == "items" and len(path) > 1 and isinstance(path[1], int) and path[1] < len(owner):
        return f"{'reason' if key in ('change_reason', 'change_note') else 'mg'}-{owner[path[1]]}"
    if path and path[0] == "doctor_answer" or key in ("doctor", "outcome", "until", "date"):
        return "answer-doctor" if key not in ("date", "until", "outcome") else f"answer-{key}"
    return "plan"
