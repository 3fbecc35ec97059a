"""The intake ended in every way a terminal ends a program (issues 11 and 21): the answers are kept.

Closing the window sends SIGHUP, a kill SIGTERM, Ctrl-\\ SIGQUIT: each at question 5 keeps the
four answers in the resume file, as Ctrl-C does, with exit 128 + the signal. A signal 0-80 ms
after a keystroke is never swallowed, never loses what was answered, and never leaves an intake
both stored and waiting (tests/signal_timing.py; bench/bench_signals.py runs it 120 times). In a
real pseudo-terminal, as a client meets it.
"""
from __future__ import annotations

import signal
import stat
import time

import pytest
import yaml

import signal_timing
from test_intake_pty import ENTER, FIRST, NO, PROMPT, Client, dutch_profile, dutch_rest, resume_file, start

GIVEN = {"client": "Anna", "age": 40, "sex": "female", "pregnant": False}


def four_answers(client: Client) -> None:
    """Anna, 40, woman, not pregnant; then the breastfeeding question waits on the screen."""
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "40", ENTER)
    client.answer("geslacht", *FIRST)
    client.answer("zwanger", *NO)
    client.wait(PROMPT + "borstvoeding")


def kept(tmp_path) -> dict:
    where = resume_file(tmp_path)
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    return yaml.safe_load(where.read_text(encoding="utf-8"))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGQUIT, signal.SIGINT])
def test_a_stop_signal_at_question_5_keeps_the_answers(tmp_path, signum):
    client = start(tmp_path)
    four_answers(client)
    client.child.kill(signum)
    status, screen = client.finish()
    assert status == 128 + signum and "Traceback" not in screen, screen
    assert "magnesium intake --resume" in screen
    assert kept(tmp_path)["answers"] == GIVEN


@pytest.mark.parametrize("attempt", range(4))
def test_closing_the_terminal_keeps_the_answers_and_exits_129(tmp_path, attempt):
    """The window closed: the terminal is gone (writes fail) and the kernel sends SIGHUP. Issue 21:
    the exit code was 120 (Python's when flushing standard output fails at exit) in 52 of 60."""
    client = start(tmp_path)
    four_answers(client)
    client.child.ptyproc.delayafterclose = 3  # let it keep the answers before pexpect insists
    client.child.close()
    assert client.child.exitstatus == 128 + signal.SIGHUP, (client.child.exitstatus, client.child.signalstatus)
    for _ in range(50):  # the child may still be finishing after its terminal closed
        if resume_file(tmp_path).exists():
            break
        time.sleep(0.1)
    assert kept(tmp_path)["answers"] == GIVEN


def test_a_stop_signal_on_the_first_screen_keeps_nothing(tmp_path):
    client = Client(tmp_path)
    client.wait(PROMPT + "wil je beginnen")
    client.child.kill(signal.SIGTERM)
    status, screen = client.finish()
    assert status == 128 + signal.SIGTERM and "Er is niets bewaard" in screen
    assert not resume_file(tmp_path).exists()


def test_after_a_hang_up_the_intake_carries_on_where_it_was(tmp_path):
    client = start(tmp_path)
    four_answers(client)
    client.child.kill(signal.SIGHUP)
    assert client.finish()[0] == 129
    client = start(tmp_path, "--resume", "1")
    client.answer("borstvoeding", *NO)
    client.answer("nieren", *FIRST)
    dutch_rest(client)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert not resume_file(tmp_path).exists()


# Issue 21's fuzzer: 120 timed tries of each moment found 14 swallowed signals after an answer,
# 3 intakes lost and some stored twice after "Ja, alles klopt". Here a modest count (the suite's
# time); bench/bench_signals.py runs the full count.
SUITE_TRIES = {"answer": 12, "confirm": 6}


@pytest.mark.parametrize("moment", sorted(SUITE_TRIES))
def test_a_signal_0_to_80_ms_after_a_keystroke_is_never_swallowed_lost_or_doubled(moment):
    tally = signal_timing.run(moment, SUITE_TRIES[moment])
    assert tally.tries == SUITE_TRIES[moment] and tally.failed == 0, (tally.line(), tally.notes)


CTRL_D = "\x04"


def test_ctrl_d_at_a_choice_list_stops_as_ctrl_c(tmp_path):
    client = start(tmp_path)
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "40", ENTER)
    client.answer("geslacht", CTRL_D)
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen and "magnesium intake --resume" in screen
    assert kept(tmp_path)["answers"] == {"client": "Anna", "age": 40}


def test_ctrl_d_at_a_tick_list_stops_as_ctrl_c(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    client.answer("Welke klachten", " ", CTRL_D)
    status, screen = client.finish()
    assert status == 130 and kept(tmp_path)["answers"]["kidney"] == "none"


@pytest.mark.parametrize("redirect", ["<&-", "<&- >&-"])
def test_closed_standard_input_is_one_line_exit_2(redirect):
    import subprocess

    from test_intake_pty import BIN

    result = subprocess.run(["sh", "-c", f"'{BIN / 'magnesium'}' intake {redirect}"], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and result.stdout == "", result.stderr
    assert result.stderr.count("\n") == 1 and "werkt alleen in een terminal" in result.stderr
