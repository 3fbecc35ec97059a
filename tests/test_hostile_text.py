"""Hostile text (issue 21): bidirectional marks, control characters and escape sequences (OSC 52
included) in a client's name or the practice's name and phone never reach the terminal, the HTML
or the Markdown as such, and a line break never adds a Markdown heading. One sanitizer
(questionnaire/common/formatting.py) everywhere a user's text is shown or written; refused where
it is typed (the client's name, a note)."""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cli
from engine.yamlsource import Document
from questionnaire.common.formatting import one_line, printable, unsafe
from questionnaire.store import open_store

HOSTILE = ["\u202e", "\u2066", "\u2067", "\u2069", "\u200f", "\u200e", "\u061c", "\u200b", "\ufeff", "\x1b", "\x07",
           "\x9b", "\x9d", "\x00", "\x08", "\r", "\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x7f",
           "\x1b]52;c;ZXZpbA==\x07", "\x1b]52;c;ZXZpbA==\x1b\\", "\x1b[2J", "\x1b[31m", "\x1bc", "\n# Kop\n",
           "\r\n## ", "\ue000", "\ud7ff"]
NAMES = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text("Anna Zoë-de Vries#*_<>&'", min_size=1, max_size=4)),
                 min_size=1, max_size=8).map("".join)
JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"]}


def clean(text: str) -> bool:
    """Every character shown is printable, or a line break."""
    return all(c.isprintable() or c == "\n" for c in text)


def test_the_sanitizer_takes_out_sequences_whole_marks_and_breaks():
    assert one_line("Jan\u202enaJ") == "JannaJ"
    assert one_line("Anna\x1b]52;c;ZXZpbA==\x07 de Vries") == "Anna de Vries"  # the clipboard stays as it was
    assert one_line("Anna\x1b[2J\x1b[31m") == "Anna"
    assert one_line("Anna\n# Kop") == "Anna # Kop" and printable("regel 1\nregel 2") == "regel 1\nregel 2"
    assert one_line("a\u00a0b\tc") == "a b c"
    assert unsafe("Anna\u202e") and unsafe("Anna\nKop") and not unsafe("Anna\nKop", lines=True)
    assert not unsafe("Zoë de Vries-Jansen (2)") and not unsafe("a\u00a0b")


@given(text=st.lists(st.sampled_from([*HOSTILE, "a", "ë", " ", "#", "中"]), max_size=12).map("".join))
def test_what_the_sanitizer_gives_is_always_printable(text):
    assert clean(printable(text))
    assert clean(one_line(text)) and "\n" not in one_line(text) and one_line(text) == one_line(one_line(text))


def _outputs(capsys, monkeypatch, adv, folder: Path, client: str, practice: str, phone: str) -> dict[str, str]:
    """Everything the practitioner's commands show or write about intake 1 of `client`: the list,
    the summary (terminal, Markdown, HTML), explain, rules impact, the delete prompt, the handout
    (Markdown, HTML) with the practice's name and phone."""
    from engine.paths import default_dir

    db = str(folder / "s.sqlite3")
    answers = {**adv.check(Document("<t>", JANSEN)), "client": client}
    advice = adv.advise(answers, "nl")
    stale = {**advice, "recommendations": [{**advice["recommendations"][0], "mg_per_day": [1, 2]}]}
    with open_store(db) as store:
        store.save_intake(answers, advice, "nl", None)
        store.save_intake(answers, stale, "nl", None)  # rules impact names the intakes whose advice changes
    (folder / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: 200\n", encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(folder / "plan.yaml"), "--db", db)[0] == 0
    settings_file = folder / "practice.yaml"
    # each around a visible word: a name or phone of white space only is refused, with its line (_practice.py)
    settings_file.write_text(yaml.safe_dump({"name": f"De Linde {practice}", "phone": f"{phone} 010"}), encoding="utf-8")
    shown = {}
    for name, args in {"list": ("review",), "summary": ("review", "1", "--no-pager"), "explain": ("explain", "1"),
                       "impact": ("rules", "impact", str(default_dir()))}.items():
        code, out, err = cli(capsys, *args, "--db", db)
        assert code == 0, (name, err)
        shown[name] = out + err
    for suffix in (".md", ".html"):
        code, _, err = cli(capsys, "handout", "1", "--out", str(folder / f"handout{suffix}"), "--practice",
                           str(settings_file), "--db", db)
        assert code == 0, err
        shown[f"handout{suffix}"] = (folder / f"handout{suffix}").read_text(encoding="utf-8")
        code, _, err = cli(capsys, "review", "1", "--export", str(folder / f"summary{suffix}"), "--db", db)
        assert code == 0, err
        shown[f"summary{suffix}"] = (folder / f"summary{suffix}").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    shown["delete prompt"] = "".join(cli(capsys, "review", "1", "--delete", "--db", db)[1:])
    return shown


def _headings(markdown: str) -> int:
    return sum(1 for line in markdown.splitlines() if line.lstrip().startswith("#"))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(client=NAMES, practice=NAMES, phone=NAMES.filter(str.strip))  # a blank phone is refused, rightly
def test_hostile_text_reaches_no_output_as_such(adv, capsys, monkeypatch, client, practice, phone):
    with tempfile.TemporaryDirectory() as hostile, tempfile.TemporaryDirectory() as plain:
        shown = _outputs(capsys, monkeypatch, adv, Path(hostile), client, f"Praktijk {practice}", phone)
        yardstick = _outputs(capsys, monkeypatch, adv, Path(plain), "Anna", "Praktijk Anna", "012")
    for name, text in shown.items():
        assert clean(text), (name, [c for c in text if not (c.isprintable() or c == "\n")])
    for name in ("handout.md", "summary.md"):
        assert _headings(shown[name]) == _headings(yardstick[name]), (name, shown[name])
    for name in ("list", "explain", "impact", "delete prompt"):
        assert shown[name].count("\n") == yardstick[name].count("\n"), (name, shown[name])


def test_a_name_with_a_control_character_is_refused_where_it_is_typed(adv):
    from questionnaire.intake import questions
    from questionnaire.intake.session import IntakeSession

    session = IntakeSession(questions.load(adv.base), adv.base, "t")
    step = session.pending()
    assert step.question.id == "client"
    for typed in ("Anna\u202e", "Anna\x1b[2J", "An\x07na"):
        assert session.typed(step, typed, "nl") == (None, "Gebruik alleen letters, cijfers, spaties en leestekens; "
                                                          "er staat een onzichtbaar teken of stuurteken in.")
    assert session.typed(step, "Zoë de Vries", "nl") == ("Zoë de Vries", None)


def test_a_note_with_an_escape_sequence_is_refused(capsys, db, adv):
    answers = adv.check(Document("<t>", JANSEN))
    with open_store(str(db)) as store:
        store.save_intake(answers, adv.advise(answers, "nl"), "nl", None)
    code, out, err = cli(capsys, "review", "1", "--note", "bel terug\x1b]52;c;ZXZpbA==\x07")
    assert code == 2 and out == "" and err.count("\n") == 1 and "stuurteken" in err
    assert cli(capsys, "review", "1", "--note", "regel 1\nregel 2")[0] == 0  # lines are allowed in a note
