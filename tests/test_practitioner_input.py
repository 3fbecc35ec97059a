"""What the practitioner types (issue 21): dates as the program shows them, durations in weeks and
months, an amount far from the advice asked about once, a mistyped command, and `make intake`
stopped with Ctrl-C without make's "Error 130" under the intake's own words."""
from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pexpect
import pytest

from conftest import ROOT, cli, magnesium
from engine.yamlsource import Document
from questionnaire.common.formatting import far_amount, meant_amount, typed_date, typed_days
from questionnaire.store import open_store
from test_intake_pty import ANSI, BACKSPACE, CTRL_C, DOWN, ENTER, LOCAL_ZONE, PROMPT, YES
from test_plan_pty import JANSEN, Practitioner, plans, saved


@pytest.mark.parametrize("typed, day", [("05-12-2026", date(2026, 12, 5)), ("5-12-2026", date(2026, 12, 5)),
                                        ("5/12/2026", date(2026, 12, 5)), ("2026-12-05", date(2026, 12, 5)),
                                        (" 01-03-2027 ", date(2027, 3, 1))])
def test_a_date_as_the_program_shows_it_or_iso(typed, day):
    assert typed_date(typed) == day


@pytest.mark.parametrize("typed", ["31-02-2026", "12-2026", "2026/12/05", "morgen", "", "05-12-26"])
def test_what_is_no_date_is_none(typed):
    assert typed_date(typed) is None


@pytest.mark.parametrize("typed, days", [("45", 45), ("45 dagen", 45), ("6 weken", 42), ("6 weeks", 42),
                                         ("1 week", 7), ("3 maanden", 90), ("2 Months", 60), ("6w", 42)])
def test_a_duration_in_days_weeks_or_months(typed, days):
    assert typed_days(typed) == days


@pytest.mark.parametrize("typed", ["zes weken", "6 jaar", "-6 weken", "6,5 weken", ""])
def test_what_is_no_duration_is_none(typed):
    assert typed_days(typed) is None


def test_an_amount_far_from_the_advice_and_what_was_meant():
    assert far_amount(2.5, [100, 250]) and meant_amount(2.5, [100, 250]) == 250
    assert far_amount(2500, 300) and meant_amount(2500, 300) == 250
    assert not far_amount(80, [100, 250]) and not far_amount(1000, [100, 250]) and not far_amount(2.5, None)
    assert meant_amount(0.001, 300) is None


def test_review_takes_the_follow_up_date_as_the_program_shows_it(capsys, db, adv):
    answers = adv.check(Document("<t>", JANSEN))
    with open_store(str(db)) as store:
        store.save_intake(answers, adv.advise(answers, "nl"), "nl", None)
    code, out, err = cli(capsys, "review", "1", "--follow-up", "05-12-2030")
    assert code == 0 and err == "intake 1: vervolgafspraak op 2030-12-05\n"
    code, out, err = cli(capsys, "review", "1", "--follow-up", "2030-12-06")
    assert code == 0 and "2030-12-06" in err
    code, out, err = cli(capsys, "review", "1", "--follow-up", "31-02-2030")
    assert code == 2 and "geef een datum als DD-MM-JJJJ (zoals 01-03-2025) of JJJJ-MM-DD" in err and out == ""


def test_a_mistyped_command_gets_did_you_mean():
    result = magnesium("reveiw")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.rstrip().endswith("bedoel je review?")
    assert magnesium("intkae", "--lang", "en").stderr.rstrip().endswith("did you mean intake?")


def test_a_plan_amount_far_below_the_advice_is_asked_about_and_weeks_are_days(tmp_path):
    """Issue 21: "2,5" was kept as 2.5 mg a day without a word. Now asked ("Was 250 bedoeld?");
    the practitioner may keep it. "6 weken" is 42 days."""
    saved(tmp_path, JANSEN)  # citrate 100 to 250 mg
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, ENTER)  # Aanpassen
    who.answer("Hoeveel mg magnesium \\(zuiver\\)", BACKSPACE * 3, "2,5", ENTER)
    who.answer("ligt ver van het advies. Was 250 bedoeld", DOWN, ENTER)  # Nee, 2,5 mg per dag is goed
    who.answer("Wanneer innemen", ENTER)
    who.answer("Hoeveel dagen", "6 weken", ENTER)
    who.answer("Product", ENTER)
    who.answer("Waarom anders dan het advies", DOWN, DOWN, DOWN, ENTER)
    who.answer("Notitie bij", ENTER)
    who.answer("Notitie voor de cliënt", ENTER)
    who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    item = plans(tmp_path)[0]["plan"]["items"][0]
    assert item["mg_per_day"] == 2.5 and item["duration_days"] == 42


def test_a_plan_amount_far_from_the_advice_offers_what_was_meant_first(tmp_path):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, ENTER)
    who.answer("Hoeveel mg magnesium \\(zuiver\\)", BACKSPACE * 3, "2,5", ENTER)
    who.answer("Was 250 bedoeld", ENTER)  # the pointer at what was meant
    who.answer("Wanneer innemen", CTRL_C)
    status, screen = who.finish()
    assert status == 130 and "✓ 2,5 mg per dag ligt ver van het advies. Was 250 bedoeld? Ja, 250 mg per dag" in \
        " ".join(screen.split())


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_intake_stopped_with_ctrl_c_names_a_command_that_works_and_no_error_130(tmp_path):
    """Under make the intake owns the terminal (make gets no Ctrl-C) and make adds nothing for a
    stop; the command to carry on is the one make started, .venv/bin/magnesium, not on the PATH."""
    venv = Path(os.environ.get("VIRTUAL_ENV") or Path(os.sys.executable).parent.parent)
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "MAGNESIUM_DB": str(tmp_path / "s.sqlite3"),
           "TZ": LOCAL_ZONE, "PATH": "/usr/bin:/bin"}
    env.pop("MAKELEVEL", None)
    env.pop("MAKEFLAGS", None)
    rel = os.path.relpath(venv, ROOT)
    child = pexpect.spawn("make", ["-s", "-o", f"{rel}/.installed", "intake", f"VENV={rel}"], cwd=str(ROOT),
                          dimensions=(24, 80), env=env, encoding="utf-8", timeout=30)
    child.expect(PROMPT + "wil je beginnen")
    for key in YES:
        child.send(key)
    child.expect(PROMPT + "klantnummer")
    child.send("Anna" + ENTER)
    child.expect(PROMPT + "Hoe oud")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    screen = ANSI.sub("", child.before)
    assert child.exitstatus == 0, screen
    assert "Error" not in screen and "Interrupt" not in screen and "make:" not in screen, screen
    hint = re.search(r"\r\n  (\S+) intake --resume 1\r\n", screen)
    assert hint, screen
    assert (ROOT / hint.group(1)).is_file() and hint.group(1) != "magnesium"  # runs from the repository
