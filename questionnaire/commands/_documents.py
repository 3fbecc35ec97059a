"""The file a document command writes (`magnesium handout`, `magnesium letter`): its format from
the name's ending (.html, .md or .pdf; the PDF printed from the same HTML), written owner-only
in one go, replacing an existing file as the summary export does; its folder must exist."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from engine.errors import BadInput

from .document_texts import DOCUMENT_TEXTS, DocumentProblem

if TYPE_CHECKING:
    from ..common.document import Printout
    from ..plan.standing import Standing
    from ..store import StoredIntake

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}


@dataclass(frozen=True)
class Wanted:
    """What a document command works from: where it writes and in which format, the practice
    (or None), the intake, its plans, the advice that stands now, and the language."""

    path: Path
    fmt: str
    practice: dict | None
    intake: StoredIntake
    plans: list[dict]
    now: Standing
    lang: str


def register(sub: argparse._SubParsersAction, name: str, run: Callable[[argparse.Namespace], int]) -> \
        argparse.ArgumentParser:
    """A document command's parser: the intake number, --out, --practice, --db, --lang (default:
    the intake's language) and --rules; the command adds its own options."""
    from ..cli import add_common, add_db

    parser = sub.add_parser(name, help=f"the {name} (.pdf, .html or .md)")
    parser.add_argument("number", type=int, help="intake number (see magnesium review)")
    parser.add_argument("--out", metavar="FILE", required=True, help=f"the {name} file: .pdf, .html or .md")
    parser.add_argument("--practice", metavar="FILE", help="the practice file (default: practice.yaml beside the store)")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run, lang=None)  # None: the intake's language
    return parser


def asked(prog: str, args: argparse.Namespace) -> Wanted:
    """The output file checked first (before anything is read), then the practice file and the
    stored intake with its plans and the advice that stands now."""
    from ..plan.standing import standing
    from ..store import open_store, resolve_path
    from ._practice import load_practice

    path, fmt = out_file(prog, args.out)
    practice = load_practice(args.practice, resolve_path(args.db).parent)
    with open_store(args.db) as store:
        intake = store.get(args.number)
        plans = store.plans(args.number)
        now = standing(intake, store.follow_ups(args.number))
    return Wanted(path, fmt, practice, intake, plans, now, args.lang or intake.lang)


def out_file(prog: str, given: str) -> tuple[Path, str]:
    """The file to write and its format; a name with another ending, or in a folder that does
    not exist, is bad input (checked before anything is read or made)."""
    path = Path(given).expanduser()
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise BadInput([DocumentProblem.about(prog, "--out", "out_suffix", got=repr(given))])
    if not path.parent.is_dir():
        raise BadInput([DocumentProblem.about(str(path), "--out", "out_folder", folder=str(path.parent))])
    return path, fmt


def write_document(doc: Printout, path: Path, fmt: str, number: int, what: str, lang: str, db: str | None) -> None:
    """Render the document in its format, write it, say where (with the pages of a PDF), and
    put it in the intake's audit trail (`handout.written`, `letter.written`)."""
    from ..common.document_html import render_html
    from ..common.document_markdown import render_markdown
    from ..common.private_files import write_private
    from ..store import open_store

    pages = None
    if fmt == "pdf":
        content: str | bytes
        content, pages = _pdf(render_html(doc), path)
    else:
        content = render_html(doc) if fmt == "html" else render_markdown(doc)
    try:
        write_private(path, content)
    except OSError as err:
        raise BadInput([DocumentProblem.about(str(path), "--out", "write", reason=err.strerror or str(err))]) from None
    what_words = DOCUMENT_TEXTS.say(f"what_{what}", lang)
    said = DOCUMENT_TEXTS.say("written_pages", lang, number=number, what=what_words, path=path, pages=pages) \
        if pages is not None else DOCUMENT_TEXTS.say("written", lang, number=number, what=what_words, path=path)
    with open_store(db) as store:
        store.record(f"{what}.written", number)
    sys.stderr.write(said + "\n")


def _pdf(html: str, path: Path) -> tuple[bytes, int]:
    """The PDF of the page; without WeasyPrint (or its system libraries) one line says what to install."""
    from ..common.document_pdf import PdfUnavailable, render_pdf

    try:
        pdf = render_pdf(html)
    except PdfUnavailable as err:
        raise BadInput([DocumentProblem.about(str(path), "--out", "pdf_missing", reason=str(err))]) from None
    return pdf.data, pdf.pages
