"""`magnesium store copy FROM TO`: move a practice's store between SQLite and PostgreSQL.

    magnesium store copy ~/intakes.sqlite3 postgresql://anna@server/praktijk
    magnesium store copy postgresql://anna@server/praktijk terug.sqlite3

Every intake, plan, note, follow-up, kept rule base, audit event and setting is copied in one
transaction, then counted and checksummed on both sides (store/copy.py); a target that holds
anything is refused. The source stays as it is (it only gains the audit event of the copy).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROG = "magnesium store"


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import _Parser

    parser = sub.add_parser("store", help="the intake store itself: copy it to another (SQLite, PostgreSQL)")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    copy = actions.add_parser("copy", help="copy every record into an empty store, checked by counts and checksums")
    copy.add_argument("source", metavar="FROM", help="the store to copy: a file, or a postgresql:// address")
    copy.add_argument("target", metavar="TO", help="the empty store to copy into: a new file, or a postgresql:// address")
    copy.add_argument("--lang", type=str.lower, choices=("nl", "en"), default="nl", help="language of the texts (default nl)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from engine.errors import BadInput

    from .. import store
    from ..store.copy import copy_store

    source, target = store.where(args.source), store.where(args.target)
    if source == target:
        raise BadInput([store.StoreProblem.about(PROG, "TO", "copy_same")])
    if not store.on_server(args.source) and not Path(args.source).expanduser().is_file():  # never make an empty one
        raise BadInput([store.StoreProblem.about(source, "FROM", "store_missing", path=source)])
    with store.open_store(args.source) as old, store.open_store(args.target) as new:
        tallies = copy_store(old, new)
    say = store.STORE_TEXTS.say
    lines = [say("copied", args.lang, source=source, target=target)]
    lines += [say("copied_table", args.lang, table=table, count=count, checksum=checksum[:16])
              for table, (count, checksum) in tallies.items()]
    sys.stderr.write("\n".join(lines) + "\n")
    return 0
