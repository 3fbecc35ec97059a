"""`magnesium client`: the client's rights (AVG/GDPR) over what the store holds about them.

    magnesium client export "Jansen" --out jansen.json   everything held about one client (NAME or N)
    magnesium client erase "Jansen"                      erase them, with everything attached (asks first)
    magnesium client retention                           records past the retention period, to review
    magnesium client retention --set-years 20            the practice's retention period (every desk)

A client is the name given at the intake (store/clients.py: the same name in any case or
spacing, never a part of it); a number N means the client of intake N. The export is readable
JSON: each intake's record, notes, plans, follow-ups, its audit events and its summary in words.
Erasure says what it means on this engine; retention only lists, it never erases.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from engine.errors import BadInput

from .command_texts import COMMAND_TEXTS, CommandProblem
from .review import _tell

PROG = "magnesium client"


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import _Parser, add_db

    parser = sub.add_parser("client", help="a client's rights: export everything, erase everything, retention")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    export = actions.add_parser("export", help="everything held about one client, as readable JSON with the summaries")
    export.add_argument("who", metavar="NAME|N", help="the client's name, or the number of one of their intakes")
    export.add_argument("--out", metavar="FILE", required=True, help="the JSON file to write (readable by you only)")
    erase = actions.add_parser("erase", help="erase one client with everything attached (asks first)")
    erase.add_argument("who", metavar="NAME|N", help="the client's name, or the number of one of their intakes")
    erase.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    retention = actions.add_parser("retention", help="the records older than the retention period, to review")
    retention.add_argument("--years", type=int, metavar="N", help="this once: older than N years")
    retention.add_argument("--set-years", type=int, metavar="N", help="keep N years as the practice's retention period")
    for action in (export, erase, retention):
        add_db(action)
        action.add_argument("--lang", type=str.lower, choices=("nl", "en"), default="nl",
                            help="language of the texts (default nl)")
        action.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import store

    _check(args)
    with store.open_store(args.db) as kept:
        if args.action == "retention":
            return _retention(kept, args)
        intakes = kept.client_intakes(args.who)
        if not intakes:
            raise BadInput([CommandProblem.about(PROG, "NAME|N", "client_unknown", who=repr(args.who))])
        return _export(kept, intakes, args) if args.action == "export" else _erase(kept, intakes, args)


def _check(args: argparse.Namespace) -> None:
    """Every option problem before the store is opened."""
    found = []
    if args.action == "export":
        path = Path(args.out).expanduser()
        if path.suffix.lower() != ".json":
            found.append(CommandProblem.about(PROG, "--out", "client_json", got=repr(args.out)))
        elif not path.parent.is_dir():
            found.append(CommandProblem.about(str(path), "--out", "export_folder", folder=path.parent))
    if args.action == "retention":
        for option, years in (("--years", args.years), ("--set-years", args.set_years)):
            if years is not None and not 1 <= years <= 100:
                found.append(CommandProblem.about(PROG, option, "years", got=years))
    if found:
        raise BadInput(found)


def _export(kept, intakes: list, args: argparse.Namespace) -> int:
    """One JSON file with everything held about the client, owner-only, written at once."""
    import json

    from .. import store
    from ..common.clock import now
    from ..common.private_files import write_private
    from . import review

    records = []
    for intake in intakes:
        entry = {**intake.record(), "plans": [], "follow_ups": [], "summary": None}
        if not intake.broken:  # a damaged intake goes as it is read: its record, without a summary
            review._read_attached(kept, intake)
            entry.update(plans=review._PLANS[intake.number], follow_ups=review._FOLLOW_UPS[intake.number],
                         summary=review._rendered(intake, args, "text").splitlines())
        entry["history"] = kept.history(intake.number)
        records.append(entry)
    data = {"exported_at": now().isoformat(), "store": store.where(args.db), "client": intakes[0].client,
            "intakes": records}
    path = Path(args.out).expanduser()
    try:
        write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as err:
        raise BadInput([CommandProblem.about(str(path), "--out", "write", reason=err.strerror or str(err))]) from None
    for intake in intakes:
        kept.record("client.exported", intake.number)
    _tell("client_exported", args.lang, count=len(intakes), path=path)
    return 0


def _erase(kept, intakes: list, args: argparse.Namespace) -> int:
    """Name every intake that goes, ask, erase them in one transaction, say what it means here."""
    from .. import store
    from ..common.formatting import printable
    from .review import _forget_waiting, confirmed

    lang = args.lang
    for intake in intakes:
        _tell("client_erase_item", lang, number=intake.number, date=intake.created_at[:10],
              client=printable(intake.client or "-"))
    if not args.yes and not confirmed(COMMAND_TEXTS.say("confirm_erase", lang, count=len(intakes)), lang):
        return 0
    kept.erase([intake.number for intake in intakes])
    for intake in intakes:
        _forget_waiting(args.db, intake.number)
    _tell("client_erased", lang, count=len(intakes))
    _tell("erased_postgres" if store.on_server(store.where(args.db)) else "erased_sqlite", lang)
    return 0


def _retention(kept, args: argparse.Namespace) -> int:
    """Set the period, or list what is older than it (never erased here)."""
    from ..common.formatting import printable
    from ..store.clients import RETENTION

    if args.set_years is not None:
        kept.set_setting(RETENTION, str(args.set_years))
        _tell("retention_set", args.lang, years=args.set_years)
        return 0
    years = args.years or int(kept.setting(RETENTION) or 0)
    if not years:
        _tell("retention_unset", args.lang)
        return 0
    old = kept.older_than(years, date.today())
    for intake, last in old:
        sys.stdout.write(COMMAND_TEXTS.say("retention_item", args.lang, number=intake.number, last=last,
                                           client=printable(intake.client or "-")) + "\n")
    _tell("retention_done", args.lang, count=len(old), years=years)
    return 0
