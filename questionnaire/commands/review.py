"""`magnesium review`: the practitioner's side of the intake store.

    magnesium review                           list: number, date, client, blocked?, status
    magnesium review --client Jansen           only intakes whose client contains 'Jansen'
    magnesium review 12                        the summary in the terminal
    magnesium review 12 --note "..." --done    keep a note, mark it reviewed
    magnesium review 12 --export summary.html  a print-ready page (.md; .json: the whole record)
    magnesium review 12 --export x.fhir.json   the intake in FHIR R4 (QuestionnaireResponse, CarePlan)
    magnesium review 12 --history              who read, changed, exported or erased it, and when
    magnesium review 12 --delete               erase it, after a yes/no question (--yes for scripts)

Every option is checked before anything is changed, so a typing error never leaves half of a
command done. Messages about what was done go to standard error; standard output carries only
the list or the summary, so it can be piped or redirected.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import BadInput

from ..common.formatting import typed_date, unsafe
from .command_texts import COMMAND_TEXTS, CommandProblem

if TYPE_CHECKING:
    from ..store import IntakeStore, StoredIntake

PROG = "magnesium review"
MAX_NOTE = 5000
# file suffix -> a format of summary/formats.py, or json: the whole stored record
EXPORTS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}
FHIR_SUFFIX = ".fhir.json"  # the intake as FHIR R4 resources (docs/fhir.md)
_YES = ("j", "ja", "y", "yes")
_CHANGES = ("note", "done", "undone", "follow_up", "export")
_ALONE = ("delete", "history")  # each done on its own
NO_FOLLOW_UP = "none"  # --follow-up none clears the date


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("review", help="saved intakes: list, show, note, mark reviewed, export, delete")
    parser.add_argument("number", nargs="?", type=int, help="intake number (without it: the list of intakes)")
    parser.add_argument("--client", metavar="TEXT", help="list only intakes whose client contains TEXT")
    parser.add_argument("--note", metavar="TEXT", help="add this note to the intake (notes add up, each with its time)")
    parser.add_argument("--done", action="store_true", help="mark the intake as reviewed")
    parser.add_argument("--undone", action="store_true", help="take 'reviewed' back: the intake is new again")
    parser.add_argument("--follow-up", metavar="DD-MM-YYYY", help="set the follow-up date ('none' clears it)")
    parser.add_argument("--export", metavar="FILE", help="write the summary to FILE: .html (print-ready), .md, .json (the whole record) or .fhir.json (FHIR R4)")
    parser.add_argument("--delete", action="store_true", help="erase the intake for good (asks first)")
    parser.add_argument("--yes", action="store_true", help="with --delete: do not ask (for scripts)")
    parser.add_argument("--history", action="store_true", help="who read, changed, exported or erased the intake, and when")
    parser.add_argument("--where", action="store_true", help="print where the intake store is, and stop")
    parser.add_argument("--no-pager", action="store_true", help="never show the summary through a pager")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    follow_up = _check(args)
    from ..store import open_store, where

    if args.where:
        sys.stdout.write(f"{where(args.db)}\n")
        return 0
    with open_store(args.db) as store:
        if args.number is None:
            return _list(store, args)
        if args.history:
            return _history(store, args)
        intake = store.get(args.number, broken_too=args.delete)
        if args.delete:  # needs nothing but the number: a damaged plan or rule base never stops it
            return _delete(store, intake, args)
        if follow_up and follow_up < date.fromisoformat(intake.created_at[:10]):
            raise BadInput([CommandProblem.about(PROG, "--follow-up", "follow_up_early", date=intake.created_at[:10],
                                                 got=follow_up.isoformat())])
        _change(store, args, follow_up)
        if args.export or not any(getattr(args, name) not in (None, False) for name in _CHANGES):
            _read_attached(store, intake)
        if args.export:
            _export(store, store.get(args.number), args)
        if not any(getattr(args, name) not in (None, False) for name in _CHANGES):
            _show(intake, args)
    return 0


def _read_attached(store: IntakeStore, intake: StoredIntake) -> None:
    """The kept rules, plans and follow-ups of an intake that is shown or exported (a note or a
    mark needs none of them, so a damaged one never stops those)."""
    _KEPT[intake.rulebase_version] = store.rulebase_files(intake.rulebase_version)
    _PLANS[intake.number] = store.plans(intake.number)
    _FOLLOW_UPS[intake.number] = store.follow_ups(intake.number)


def _history(store: IntakeStore, args: argparse.Namespace) -> int:
    """Who read, changed, exported or erased the intake, and when (the audit trail), oldest first."""
    from ..common.formatting import printable
    from ..summary.model import Table
    from ..summary.render_text import table_lines

    events = store.history(args.number)
    header = tuple(COMMAND_TEXTS.say(k, args.lang) for k in ("history_at", "history_actor", "history_action"))
    rows = tuple((e["at"][:19].replace("T", " "), printable(e["actor"]), _action(e["action"], args.lang)) for e in events)
    if not rows:
        _tell("history_empty", args.lang, number=args.number)
        return 0
    sys.stdout.write("\n".join(table_lines(Table(header, rows), 80)) + "\n")
    return 0


def _action(action: str, lang: str) -> str:
    """An audit action in words (its id when this version has none: a newer program's)."""
    key = "action_" + action.replace(".", "_")
    return COMMAND_TEXTS.say(key, lang) if COMMAND_TEXTS.has(key) else action


def _check(args: argparse.Namespace) -> date | None:
    """Every option problem at once, before anything is touched; returns the follow-up date."""
    given = [f"--{name.replace('_', '-')}" for name in (*_CHANGES, *_ALONE) if getattr(args, name) not in (None, False)]
    found = []
    if args.number is None:
        found += [CommandProblem.about(PROG, option, "needs_number", option=option) for option in given]
    elif args.client is not None:
        found.append(CommandProblem.about(PROG, "--client", "list_only", option="--client"))
    alone = next((f"--{name}" for name in _ALONE if getattr(args, name)), None)
    if alone:
        found += [CommandProblem.about(PROG, option, "alone", option=option, alone=alone)
                  for option in given if option != alone]
    if args.note is not None and len(args.note) > MAX_NOTE:
        found.append(CommandProblem.about(PROG, "--note", "note_long", max=MAX_NOTE, got=len(args.note)))
    if args.note is not None and not args.note.strip():
        found.append(CommandProblem.about(PROG, "--note", "note_empty"))
    if args.note is not None and unsafe(args.note, lines=True):  # issue 21: it would reach every page
        found.append(CommandProblem.about(PROG, "--note", "note_unprintable"))
    if args.done and args.undone:
        found.append(CommandProblem.about(PROG, "--undone", "done_undone"))
    if args.export:
        found += _export_problems(args.export)
    follow_up = None
    if args.follow_up is not None and args.follow_up != NO_FOLLOW_UP:
        follow_up = typed_date(args.follow_up)  # 05-12-2026 as the program shows it, or 2026-12-05
        if follow_up is None:
            found.append(CommandProblem.about(PROG, "--follow-up", "date", got=repr(args.follow_up)))
    if found:
        raise BadInput(found)
    return follow_up


def _export_problems(given: str) -> list[CommandProblem]:
    """Why the export cannot go to this file name, if it cannot. Its folder must exist: a
    typing error in the path would otherwise make folders that nobody asked for."""
    path = Path(given).expanduser()
    if path.suffix.lower() not in EXPORTS:
        return [CommandProblem.about(PROG, "--export", "export_suffix", got=repr(given))]
    if not path.parent.is_dir():
        return [CommandProblem.about(str(path), "--export", "export_folder", folder=path.parent)]
    return []


def _list(store: IntakeStore, args: argparse.Namespace) -> int:
    from ..summary.model import Table
    from ..summary.render_text import table_lines
    from ..summary.summary_texts import SUMMARY_TEXTS
    from ._invite_list import unfinished_lines

    intakes = store.list_intakes(args.client)
    unfinished = unfinished_lines(store.invites(), args.lang, args.client)  # begun in the browser, not sent
    if not intakes:
        key = "list_no_match" if args.client else "list_empty"
        _tell(key, args.lang, client=args.client)
        if unfinished:
            sys.stdout.write("\n".join(unfinished[1:]) + "\n")
        return 0
    w = partial(SUMMARY_TEXTS.say, lang=args.lang)
    header = tuple(COMMAND_TEXTS.say(k, args.lang) for k in ("list_number", "list_date", "list_client",
                                                             "list_blocked", "list_status", "list_follow_up"))
    followed = store.latest_follow_ups()
    done = COMMAND_TEXTS.say("list_follow_up_done", args.lang)
    rows = tuple((str(i.number), i.created_at[:16].replace("T", " "), _client(i.client, args.lang),
                  _blocked_cell(i, followed.get(i.number), args.lang), w(f"status_{i.status}"),
                  f"{i.follow_up or w('dash')}{done if i.number in followed else ''}") for i in intakes)
    width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    sys.stdout.write("\n".join([*table_lines(Table(header, rows), max(width, 60)), *unfinished]) + "\n")
    return 0


def _blocked_cell(intake: StoredIntake, latest: tuple[int, bool | None] | None, lang: str) -> str:
    """Blocked at the intake, or at its latest follow-up (which then stands): the list must not
    hide a follow-up that stopped the magnesium."""
    from ..summary.summary_texts import SUMMARY_TEXTS

    if intake.broken or (latest is not None and latest[1] is None):
        return COMMAND_TEXTS.say("list_unreadable", lang)
    if latest is not None and latest[1]:
        return COMMAND_TEXTS.say("list_blocked_follow_up", lang, number=latest[0])
    return SUMMARY_TEXTS.say("yes" if intake.blocked and latest is None else "dash", lang)


def _client(client: str | None, lang: str) -> str:
    from ..common.formatting import one_line
    from ..summary.summary_texts import SUMMARY_TEXTS

    return one_line(client or "") or SUMMARY_TEXTS.say("head_no_client", lang)


def _change(store: IntakeStore, args: argparse.Namespace, follow_up: date | None) -> None:
    number, lang = args.number, args.lang
    if args.note is not None:
        store.add_note(number, args.note)
        _tell("note_saved", lang, number=number)
    if args.done:
        store.mark_reviewed(number)
        _tell("marked_done", lang, number=number)
    if args.undone:
        store.mark_new(number)
        _tell("marked_undone", lang, number=number)
    if follow_up:
        store.set_follow_up(number, follow_up)
        _tell("follow_up_set", lang, number=number, date=follow_up.isoformat())
    elif args.follow_up == NO_FOLLOW_UP:
        store.set_follow_up(number, None)
        _tell("follow_up_cleared", lang, number=number)


# The rule files the store kept for an intake's rule-base version (None: not kept, an intake
# saved before the store kept them), read once by run().
_KEPT: dict[str, dict[str, str] | None] = {}
# The plan versions the store kept for an intake, oldest first (read once by run()).
_PLANS: dict[int, list[dict]] = {}
# The follow-ups the store kept for an intake, oldest first (read once by run()).
_FOLLOW_UPS: dict[int, list[dict]] = {}


def _rendered(intake: StoredIntake, args: argparse.Namespace, fmt: str, colour: bool = False) -> str:
    """The summary of a stored intake (summary/stored.py: the words of the rules of its day,
    when the store kept them), in the format asked for."""
    from ..summary.formats import RENDERERS
    from ..summary.stored import stored_summary

    try:
        summary = stored_summary(intake, args.lang, args.rules, _KEPT.get(intake.rulebase_version),
                                 _PLANS.get(intake.number, []), _FOLLOW_UPS.get(intake.number, []))
        return RENDERERS[fmt](summary, colour)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as err:
        # readable JSON of the wrong shape (a damaged file, an edit by hand): one line, not a traceback
        raise BadInput([CommandProblem.about(PROG, "intake", "intake_incomplete", number=intake.number,
                                             what=f"{type(err).__name__}: {err}")]) from None


def _show(intake: StoredIntake, args: argparse.Namespace) -> None:
    from ..summary.render_text import wants_colour

    from ..common.pager import show

    show(_rendered(intake, args, "text", wants_colour(sys.stdout)) + "\n", sys.stdout, pager=not args.no_pager)


def _export(store: IntakeStore, intake: StoredIntake, args: argparse.Namespace) -> None:
    """Write the export file, owner-only, in one go (a failed write leaves no half file); a file
    ending in .fhir.json is the intake in FHIR R4 (commands/_fhir_export.py)."""
    import json

    from ..common.private_files import write_private

    path = Path(args.export).expanduser()
    fmt = EXPORTS[path.suffix.lower()]
    plans, follow_ups = _PLANS.get(intake.number, []), _FOLLOW_UPS.get(intake.number, [])
    if path.name.lower().endswith(FHIR_SUFFIX):
        from ._fhir_export import fhir_text

        text = fhir_text(intake, plans, args)
    elif fmt == "json":
        text = json.dumps({**intake.record(), "plans": plans, "follow_ups": follow_ups}, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _rendered(intake, args, fmt)
    try:
        write_private(path, text)
    except OSError as err:
        raise BadInput([CommandProblem.about(str(path), "--export", "write", reason=err.strerror or str(err))]) from None
    store.record("intake.exported", intake.number)
    _tell("exported", args.lang, number=intake.number, path=path)


def _delete(store: IntakeStore, intake: StoredIntake, args: argparse.Namespace) -> int:
    lang = args.lang
    client = _client(intake.client, lang)
    if not args.yes and not confirmed(COMMAND_TEXTS.say("confirm_delete", lang, number=intake.number, client=client,
                                                        date=intake.created_at[:10]), lang):
        return 0
    store.delete(intake.number)
    _forget_waiting(args.db, intake.number)
    _tell("deleted", lang, number=intake.number)
    return 0


def confirmed(question: str, lang: str) -> bool:
    """Ask on standard error; only a yes goes on (no answer, or the end of input, is no)."""
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        answer = input()
    except EOFError:
        answer = ""
    if answer.strip().casefold() in _YES:
        return True
    _tell("kept", lang)
    return False


def _forget_waiting(db: str | None, number: int) -> None:
    """An interrupted plan or follow-up of this intake is its health data too: it goes with it."""
    from ..intake.resume_file import follow_up_path
    from ..plan.draft_file import draft_path

    for path in (draft_path(db, number), follow_up_path(db, number)):
        path.unlink(missing_ok=True)


def _tell(key: str, lang: str, **params: object) -> None:
    """What was done: one line on standard error, so standard output stays clean."""
    sys.stderr.write(COMMAND_TEXTS.say(key, lang, **params) + "\n")
