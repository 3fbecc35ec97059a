"""`magnesium intake` in a real pseudo-terminal (80x24), typed as a client would: arrows, space, enter."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from engine.yamlsource import read
from questionnaire.store import open_store
from questionnaire.intake.screen import texts

BIN = Path(sys.executable).parent
UP, DOWN, ENTER, SPACE, CTRL_C, BACKSPACE = "\x1b[A", "\x1b[B", "\r", " ", "\x03", "\x7f"
RIGHT, LEFT = "\x1b[C", "\x1b[D"
PROMPT = "\\?\x1b\\[0;1m [^\x1b]*"  # questionary's "? " before a question: the prompt is on screen
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LOCAL_ZONE = "XYZ-3"  # a local time zone three hours east of UTC (POSIX TZ: no zone files needed)


class Client:
    """One intake in a pty; every wait has a timeout, so a test never hangs."""

    command = "intake"  # the plan's questions (test_plan_pty.py) are typed the same way

    def __init__(self, tmp_path: Path, *args: str):
        env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "XDG_DATA_HOME": str(tmp_path / "data"),
               "MAGNESIUM_DB": str(tmp_path / "store.sqlite3"), "TZ": LOCAL_ZONE}
        self.child = pexpect.spawn(str(BIN / "magnesium"), [self.command, *args], dimensions=(24, 80), env=env,
                                   encoding="utf-8", timeout=20)
        self.seen = ""

    def wait(self, pattern: str) -> str:
        self.child.expect(pattern)
        self.seen += self.child.before + self.child.after
        return ANSI.sub("", self.child.before)

    def answer(self, question: str, *keys: str) -> str:
        """Wait for the prompt of the question, then press the keys; returns the screen before it."""
        before = self.wait(PROMPT + question)
        for key in keys:
            self.child.send(key)
        return before

    def finish(self) -> tuple[int, str]:
        self.child.expect(pexpect.EOF)
        self.seen += self.child.before
        self.child.close()
        return self.child.exitstatus, ANSI.sub("", self.seen)


# No answer is chosen for the client (issue 21): a list starts with the pointer at no choice; the
# first arrow down points at the first choice, the first arrow up at the last.
FIRST = (DOWN, ENTER)  # the first choice: "Ja" of a yes/no question, "Vrouw", "Geen nierproblemen"
LAST = (UP, ENTER)  # the last choice: "Nee" of a yes/no question, "Weet ik niet"
YES, NO = FIRST, LAST


def start(tmp_path: Path, *args: str, lang: str = "nl") -> Client:
    client = Client(tmp_path, *args, *(["--lang", "en"] if lang == "en" else []))
    client.answer("wil je beginnen" if lang == "nl" else "want to start", *YES)
    return client


def checked(path: Path, adv) -> tuple[dict, dict]:
    """The saved answers file, validated by the engine, and the advice made from it."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    answers = adv.check(read(str(path)))
    return yaml.safe_load(path.read_text(encoding="utf-8")), adv.advise(answers, "en")


def dutch_profile(client: Client) -> None:
    """Anna, 40, up to and with the kidney question."""
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "40", ENTER)
    client.answer("geslacht", *FIRST)
    client.answer("zwanger", *NO)
    client.answer("borstvoeding", *NO)
    client.answer("nieren", *FIRST)


def dutch_rest(client: Client) -> None:
    """From the complaints to the last list, ticking cramps (severity 7) and sleep (skipped), an acid
    blocker, citrate."""
    client.answer("Welke klachten", SPACE, DOWN, SPACE, ENTER)
    client.answer("Hoeveel last", "7", ENTER)
    client.answer("Welke van deze dingen gelden voor jou", ENTER)
    client.answer("medicijnen gebruik", DOWN, SPACE, ENTER)
    client.answer("al magnesium", *YES)
    client.answer("Welke soort", *FIRST)  # citrate
    client.answer("milligram", "200", ENTER)
    client.answer("getal heb je overgenomen", *FIRST)
    client.answer("sinds je magnesium", ENTER)
    client.answer("Lijst 1 van 5", SPACE, ENTER)
    for number in range(2, 6):
        client.answer(f"Lijst {number} van 5", ENTER)


def first_answers() -> list[tuple[str, tuple[str, ...], tuple[str, object]]]:
    """Anna's first answers: (question, keys, (question id, answer))."""
    return [("klantnummer", ("Anna", ENTER), ("client", "Anna")), ("Hoe oud ben je", ("40", ENTER), ("age", 40)),
            ("geslacht", FIRST, ("sex", "female")), ("zwanger", NO, ("pregnant", False)),
            ("borstvoeding", NO, ("breastfeeding", False))]


def confirm_keys() -> tuple[str, ...]:
    """The keys that say "Ja, alles klopt" on the review screen."""
    return (ENTER,)


def waiting_files(folder: Path) -> list[Path]:
    """The resume files of interrupted intakes beside the store (MAGNESIUM_DB) in `folder`."""
    return sorted(folder.glob("store.sqlite3.waiting-*.resume.yaml"))


EXPECTED_NL = {"client": "Anna", "age": 40, "sex": "female", "pregnant": False, "breastfeeding": False,
               "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"], "conditions": [],
               "medications": ["acid_inhibitors"], "current_magnesium": {"form": "citrate", "mg_per_day": 200,
                                                                           "amount_basis": "elemental"},
               "excess_symptoms": [], "symptoms": ["eyelid_twitching"]}


def test_a_whole_intake_in_dutch(tmp_path, adv):
    out = tmp_path / "antwoorden.yaml"
    client = start(tmp_path, "--out", str(out))
    dutch_profile(client)
    dutch_rest(client)
    review = client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Magnesium nu: Ja, Magnesiumcitraat, 200 mg per dag" in review
    assert "Medicijnen: Maagzuurremmers (zoals omeprazol of pantoprazol)" in review
    assert "Klachten: Spierkrampen, Slecht slapen\r\n  Hoeveel last: Spierkrampen 7\r\n" in review
    assert "✓ Hoeveel last heb je van elke klacht? Spierkrampen 7" in screen
    assert "Dank je wel, je bent klaar!" in screen and "opgeslagen als intake 1" in screen
    assert "Traceback" not in screen and "Use arrow keys" not in screen and "selections" not in screen
    answers, advice = checked(out, adv)
    assert answers == EXPECTED_NL
    assert list(answers) == list(EXPECTED_NL)  # the contract's order
    assert advice["recommendations"][0]["form"] == "citrate" and advice["recommendations"][0]["role"] == "primary"
    assert {w["id"] for w in advice["warnings"]} >= {"acid_inhibitors"}
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        saved = store.get(1)
    assert saved.severities == {"muscle_cramps": 7}  # beside the answers, not in the answers file
    assert saved.created_at.endswith("+03:00") and saved.accepted_at.endswith("+03:00")  # both local time


def test_a_whole_intake_in_english_with_the_advice_shown(tmp_path, adv):
    out = tmp_path / "answers.yaml"
    client = start(tmp_path, "--out", str(out), "--show-advice", lang="en")
    client.answer("name or client number", ENTER)
    client.answer("your age", "70", ENTER)
    client.answer("your sex", DOWN, DOWN, ENTER)
    client.answer("kidney problems", *FIRST)
    client.answer("measured your kidney function", *NO)  # the doctor looks first
    client.answer("Which complaints", *[DOWN] * 11, SPACE, ENTER)  # migraine
    client.answer("How much trouble", ENTER)  # optional: skipped
    client.answer("apply to you", ENTER)
    client.answer("medicines do you take", DOWN, DOWN, SPACE, ENTER)  # water pills
    client.answer("take magnesium now", *NO)
    for number in range(1, 6):
        client.answer(f"List {number} of 5", ENTER)
    review = client.answer("Is everything right", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Name or client number: not filled in" in review and "Magnesium now: No" in review
    assert "Thank you, you are done!" in screen and "Vraag" not in screen
    answers, advice = checked(out, adv)
    assert answers == {"age": 70, "sex": "male", "kidney": "none", "kidney_checked": False, "complaints": ["migraine"],
                       "conditions": [], "medications": ["diuretics"], "current_magnesium": None, "symptoms": []}
    assert advice["doctor_first_reasons"] == ["kidney_check_needed", "diuretics"]  # a water pill: doctor first too
    assert "diuretics" in {w["id"] for w in advice["warnings"]}
    shown = screen.split("you are done!")[-1]
    assert adv.base.label("forms", advice["recommendations"][0]["form"], "en") in shown


def test_a_wrong_typed_answer_is_explained_and_asked_again(tmp_path):
    client = start(tmp_path)
    client.answer("klantnummer", ENTER)
    client.answer("Hoe oud ben je", "abc", ENTER)
    client.wait("Typ alleen een getal, bijvoorbeeld 67")
    client.child.send(BACKSPACE * 3 + "200" + ENTER)
    client.wait("heel getal van 0 t")  # redrawn over the last message: only the changed part is sent
    client.child.send(BACKSPACE * 3 + "7" + ENTER)
    client.wait("Hoe oud ben je\\? 7 jaar")
    client.answer("geslacht", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen


def test_changing_an_answer_on_the_review_screen_asks_its_dependants(tmp_path, adv):
    out = tmp_path / "a.yaml"
    client = start(tmp_path, "--out", str(out))
    client.answer("klantnummer", ENTER)
    client.answer("Hoe oud ben je", "30", ENTER)
    client.answer("geslacht", DOWN, DOWN, ENTER)  # man
    client.answer("nieren", *FIRST)
    for question in ("Welke klachten", "gelden voor jou", "medicijnen gebruik"):
        client.answer(question, ENTER)
    client.answer("al magnesium", *NO)
    for number in range(1, 6):
        client.answer(f"Lijst {number} van 5", ENTER)
    first = client.answer("Klopt alles", DOWN, ENTER)
    assert "Zwanger" not in first
    client.answer("Welk antwoord wil je veranderen", DOWN, DOWN, DOWN, ENTER)  # Geslacht, the third
    client.answer("geslacht", UP, ENTER)  # vrouw: the pointer starts at the answer given (man)
    client.answer("zwanger", *NO)
    client.answer("borstvoeding", *NO)
    client.answer("Welke klachten", ENTER)  # menstrual pain is offered now
    client.answer("Lijst 5 van 5", SPACE, ENTER)  # so is pms, first in the list
    second = client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Geslacht: Vrouw" in second and "Zwanger: Nee" in second
    answers, _ = checked(out, adv)
    assert answers["sex"] == "female" and answers["pregnant"] is False and answers["symptoms"] == ["pms"]


WALK = {  # every question a 40-year-old woman who takes magnesium is asked: (question, hint, keys)
    "nl": [("klantnummer", "text", [ENTER]), ("Hoe oud ben je", "text", ["40", ENTER]),
           ("geslacht", "choice", FIRST), ("zwanger", "choice", NO), ("borstvoeding", "choice", NO),
           ("nieren", "choice", FIRST), ("Welke klachten", "multi", [ENTER]),
           ("gelden voor jou", "multi", [ENTER]), ("medicijnen gebruik", "multi", [ENTER]),
           ("al magnesium", "choice", YES), ("Welke soort", "choice", FIRST),
           ("milligram", "text", ["400 MG", ENTER]), ("getal heb je overgenomen", "choice", FIRST),
           ("sinds je magnesium", "multi", [ENTER]),
           *((f"Lijst {n} van 5", "multi", [ENTER]) for n in range(1, 6)), ("Klopt alles", "choice", [ENTER])],
    "en": [("client number", "text", [ENTER]), ("your age", "text", ["40", ENTER]),
           ("your sex", "choice", FIRST), ("pregnant", "choice", NO), ("breastfeeding", "choice", NO),
           ("kidney problems", "choice", FIRST), ("Which complaints", "multi", [ENTER]),
           ("apply to you", "multi", [ENTER]), ("medicines do you take", "multi", [ENTER]),
           ("take magnesium now", "choice", YES), ("Which kind", "choice", FIRST),
           ("milligrams", "text", ["400mg", ENTER]), ("Which number did you copy", "choice", FIRST),
           ("since you started", "multi", [ENTER]),
           *((f"List {n} of 5", "multi", [ENTER]) for n in range(1, 6)), ("Is everything right", "choice", [ENTER])],
}


def drawn(client: Client, question: str, ending: str) -> str:
    """What is drawn for one prompt, from the question to `ending`, without colour codes."""
    client.wait(PROMPT + question)
    start = client.child.after
    client.wait(re.escape(ending))
    return ANSI.sub("", start + client.child.before + client.child.after)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_question_or_hint_is_broken_inside_a_word_and_mg_may_be_typed(tmp_path, lang):
    """prompt_toolkit breaks a line too long for 80 columns wherever it is: the hint must come whole."""
    client = start(tmp_path, lang=lang)
    for question, kind, keys in WALK[lang]:
        hint = texts()[f"instruction_{kind}"][lang]
        screen = drawn(client, question, hint[-8:])
        assert question in screen and hint in screen, (question, screen)
        for key in keys:
            client.child.send(key)
    status, screen = client.finish()
    assert status == 0, screen
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        assert store.get(1).answers["current_magnesium"] == {"form": "citrate", "mg_per_day": 400,
                                                             "amount_basis": "elemental"}


def resume_file(tmp_path: Path, number: int = 1) -> Path:
    """Beside the store (MAGNESIUM_DB), where the user pointed the health data: waiting intake `number`."""
    return tmp_path / f"store.sqlite3.waiting-{number}.resume.yaml"


def test_ctrl_c_at_the_disclaimer_saves_nothing(tmp_path):
    client = Client(tmp_path)
    client.answer("wil je beginnen", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Gestopt. Er is niets bewaard." in screen and "Traceback" not in screen
    assert not waiting_files(tmp_path) and not (tmp_path / "store.sqlite3").exists()


def test_no_yes_to_the_disclaimer_asks_and_saves_nothing(tmp_path):
    client = Client(tmp_path)
    client.answer("wil je beginnen", *LAST)  # Nee, stoppen
    client.answer("Weet je zeker dat je wilt stoppen", DOWN, ENTER)  # asked once more
    status, screen = client.finish()
    assert status == 0 and "niets gevraagd en niets bewaard" in screen and "klantnummer" not in screen
    assert not waiting_files(tmp_path) and not (tmp_path / "store.sqlite3").exists()


def test_ctrl_c_before_the_first_answer_keeps_nothing(tmp_path):
    client = start(tmp_path)
    client.answer("klantnummer", "An", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Er is niets bewaard" in screen and "Cancelled" not in screen
    assert not waiting_files(tmp_path)


def test_the_answers_wait_from_the_first_one_and_resume_by_number_carries_on(tmp_path, adv):
    client = start(tmp_path)
    client.answer("klantnummer", "Anna", ENTER)
    client.wait(PROMPT + "Hoe oud ben je")
    kept = yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))  # written after the first answer
    assert kept["answers"] == {"client": "Anna"} and stat.S_IMODE(resume_file(tmp_path).stat().st_mode) == 0o600
    client.child.send("4" + CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen
    assert "bewaard als onderbroken vragenlijst 1" in screen and "Anna" not in screen.split("Gestopt.")[-1]
    assert re.search(r"\r\n  \S*magnesium intake --resume 1\r\n", screen)
    assert not (tmp_path / "data").exists()  # nothing in the home folder: all beside the store
    client = start(tmp_path, "--resume", "1")
    client.wait("We gaan verder")
    client.answer("Hoe oud ben je", "40", ENTER)
    client.answer("geslacht", *FIRST)
    client.answer("zwanger", *NO)
    client.answer("borstvoeding", *NO)
    client.answer("nieren", *FIRST)
    dutch_rest(client)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert not waiting_files(tmp_path)
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        assert store.get(1).answers["client"] == "Anna"


def interrupted_at_kidneys(tmp_path: Path) -> bytes:
    """An intake stopped with Ctrl-C at the kidney question; the resume file's content."""
    client = start(tmp_path)
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "40", ENTER)
    client.answer("geslacht", *FIRST)
    client.answer("zwanger", *NO)
    client.answer("borstvoeding", *NO)
    client.answer("nieren", CTRL_C)
    assert client.finish()[0] == 130
    return resume_file(tmp_path).read_bytes()


def test_a_new_intake_never_shows_or_touches_the_waiting_one(tmp_path):
    """A shared screen: the next client sees nothing of Anna's intake, and their own waits beside it."""
    kept = interrupted_at_kidneys(tmp_path)
    client = Client(tmp_path)
    first = client.answer("wil je beginnen", *YES)
    assert "Anna" not in first and "niet af" not in first and "Wat wil je doen" not in first
    client.answer("klantnummer", "Bram", ENTER)
    client.answer("Hoe oud ben je", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Anna" not in screen and "onderbroken vragenlijst 2" in screen
    assert resume_file(tmp_path).read_bytes() == kept
    assert yaml.safe_load(resume_file(tmp_path, 2).read_text(encoding="utf-8"))["answers"] == {"client": "Bram"}


def test_resume_alone_lists_the_waiting_intakes_for_the_practitioner(tmp_path):
    interrupted_at_kidneys(tmp_path)
    client = start(tmp_path)
    client.answer("klantnummer", ENTER)
    client.answer("Hoe oud ben je", CTRL_C)
    assert client.finish()[0] == 130
    client = Client(tmp_path, "--resume")
    status, screen = client.finish()
    assert status == 2 and "Onderbroken vragenlijsten" in screen
    assert re.search(r"1 +\d\d-\d\d-\d{4} om \d\d:\d\d +5 van de \d+ vragen +Anna", screen), screen
    assert re.search(r"2 +.+ +1 van de \d+ vragen +zonder naam", screen)
    assert "kies welke met magnesium intake --resume NR; er wachten 2" in screen


def test_ctrl_c_in_the_middle_then_resume_finishes_it(tmp_path, adv):
    out = tmp_path / "a.yaml"
    client = start(tmp_path, "--out", str(out))
    dutch_profile(client)
    client.answer("Welke klachten", SPACE, DOWN, SPACE, ENTER)
    client.answer("Hoeveel last", RIGHT, RIGHT, RIGHT, DOWN, "9", ENTER)
    client.answer("Welke van deze dingen gelden voor jou", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen
    saved = Path(f"{out}.resume")
    assert f"magnesium intake --resume --out {out}\r\n" in screen and not out.exists()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    waiting = yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]
    assert waiting["complaints"] == ["muscle_cramps", "sleep_problems"]
    assert waiting["severity"] == {"muscle_cramps": 2, "sleep_problems": 9}  # kept with the answers
    client = start(tmp_path, "--resume", "--out", str(out))
    skipped = client.answer("Welke van deze dingen gelden voor jou", ENTER)
    assert "Hoe oud" not in skipped and "Vraag 9 van" in skipped
    client.answer("medicijnen gebruik", DOWN, SPACE, ENTER)
    client.answer("al magnesium", *YES)
    client.answer("Welke soort", *FIRST)
    client.answer("milligram", "200", ENTER)
    client.answer("getal heb je overgenomen", *FIRST)
    client.answer("sinds je magnesium", ENTER)
    client.answer("Lijst 1 van 5", SPACE, ENTER)
    for number in range(2, 6):
        client.answer(f"Lijst {number} van 5", ENTER)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    answers, _ = checked(out, adv)
    assert answers == EXPECTED_NL and not saved.exists()  # the answers file: the contract's keys only
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        assert store.get(1).severities == {"muscle_cramps": 2, "sleep_problems": 9}


def test_standard_input_not_a_terminal_is_refused(tmp_path):
    result = subprocess.run([str(BIN / "magnesium"), "intake"], input="", capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "magnesium advise" in result.stderr


def test_an_existing_out_file_is_refused_before_anything_is_asked(tmp_path):
    out = tmp_path / "a.yaml"
    out.write_text("age: 1\n", encoding="utf-8")
    client = Client(tmp_path, "--out", str(out))
    status, screen = client.finish()
    assert status == 2 and "wordt niet overschreven" in screen and "wil je beginnen" not in screen
    assert out.read_text(encoding="utf-8") == "age: 1\n"


def test_resume_without_an_interrupted_intake_is_bad_input(tmp_path):
    client = Client(tmp_path, "--resume", "--lang", "en")
    status, screen = client.finish()
    assert status == 2 and "there is no interrupted questionnaire" in screen
