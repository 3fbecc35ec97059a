"""`magnesium handout N --out folder/handout.html` (or .md): the client's page of the latest plan.

It needs a plan (`magnesium plan N --from ...`); without one it is bad input that says how to
make one. The page speaks to the client in plain words, in Dutch or English (--lang), and is
written owner-only in one go, replacing an existing file as the summary export does.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..plan.standing import Standing
    from ..store import StoredIntake

PROG = "magnesium handout"
OUTS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("handout", help="the client's one-page handout of the latest plan (.html or .md)")
    parser.add_argument("number", type=int, help="intake number (see magnesium review)")
    parser.add_argument("--out", metavar="FILE", required=True, help="the handout file: .html (A4, print-ready) or .md")
    parser.add_argument("--practice", metavar="FILE",
                        help="the practice's name and phone (default: practice.yaml beside the intake store)")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from engine.errors import BadInput

    from ..handout.handout_texts import HANDOUT_TEXTS, HandoutProblem
    from ..handout.practice import load_practice
    from ..plan.standing import standing
    from ..store import StoreProblem, open_store, resolve_path

    path = Path(args.out).expanduser()
    if path.suffix.lower() not in OUTS:
        raise BadInput([HandoutProblem.about(PROG, "--out", "out_suffix", got=repr(args.out))])
    if not path.parent.is_dir():
        raise BadInput([HandoutProblem.about(str(path), "--out", "out_folder", folder=str(path.parent))])
    practice = load_practice(args.practice, resolve_path(args.db).parent)
    with open_store(args.db) as store:
        intake = store.get(args.number)
        plans = store.plans(args.number)
        now = standing(intake, store.follow_ups(args.number))
        if not plans:
            raise BadInput([HandoutProblem.about(PROG, "number", "no_plan", number=args.number)])
        try:
            _still_fits(plans[-1], now, args)
            text = _render(intake, now, plans[-1], practice, args, OUTS[path.suffix.lower()])
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):  # a plan of the wrong shape
            raise BadInput([StoreProblem.about(PROG, "number", "intake_unreadable", number=args.number,
                                               column=f"plans.plan ({plans[-1]['version']})")]) from None
        _write(path, text)
        store.record("handout.written", args.number)
    sys.stderr.write(HANDOUT_TEXTS.say("written", args.lang, number=args.number, path=path) + "\n")
    return 0


def _still_fits(kept: dict, now: Standing, args: argparse.Namespace) -> None:
    """A plan that a later follow-up rules out (blocked now, a doctor first, another form), or one
    made before a follow-up that reported signs of too much, must not reach the client: bad input
    that says to make a new plan for the follow-up's advice."""
    from datetime import datetime

    from engine.advise import advisor
    from engine.errors import BadInput
    from engine.plan_check import findings

    from ..handout.handout_texts import HandoutProblem

    latest = now.follow_up
    if latest is None:
        return
    before = datetime.fromisoformat(kept["created_at"]) < datetime.fromisoformat(latest["created_at"])
    if findings(kept["plan"], now.advice, advisor(args.rules).base.forms) or (before and latest["side_effects"]):
        raise BadInput([HandoutProblem.about(PROG, "number", "plan_outdated", number=args.number,
                                             version=kept["version"], follow_up=latest["number"],
                                             date=latest["created_at"][:10])])


def _render(intake: StoredIntake, now: Standing, kept: dict, practice: dict | None, args: argparse.Namespace,
            fmt: str) -> str:
    """The handout from the advice that stands now, in the language asked for; the advice's own
    words (timing) made again in that language when the rule base is the one it was advised
    with, else left out."""
    from engine.advise import advisor

    from ..handout.content import build_handout
    from ..handout.render_html import render_html
    from ..handout.render_markdown import render_markdown

    adv = advisor(args.rules)
    advice = now.advice
    if now.lang != args.lang:
        advice = adv.advise(now.answers, args.lang) if adv.base.version == now.rulebase_version else {
            **advice, "recommendations": [{**r, "timing": None} for r in advice["recommendations"]]}
    handout = build_handout(now.answers, advice, kept, intake.follow_up, adv.base, args.lang, practice)
    return render_html(handout) if fmt == "html" else render_markdown(handout)


def _write(path: Path, text: str) -> None:
    from engine.errors import BadInput

    from ..common.private_files import write_private
    from ..handout.handout_texts import HandoutProblem

    try:
        write_private(path, text)
    except OSError as err:
        raise BadInput([HandoutProblem.about(str(path), "--out", "write", reason=err.strerror or str(err))]) from None
