"""The intake's screens as a newcomer met them (issues 11 and 21), in a pseudo-terminal: nothing
is chosen for the client (Enter on no choice asks to choose), a stop on the first screen is asked
once more, the question count never jumps back, and Page Up goes back to the previous question."""
from __future__ import annotations

import re

import yaml

from test_intake_pty import (DOWN, ENTER, EXPECTED_NL, FIRST, LAST, NO, UP, YES, Client, checked, dutch_profile,
                             dutch_rest, resume_file, start)

PAGE_UP = "\x1b[5~"
SPACE_KEY = " "


def test_enter_on_no_choice_asks_to_choose_and_no_chooses_stop_once_more(tmp_path):
    client = Client(tmp_path)
    client.answer("wil je beginnen", ENTER)  # no choice yet: nothing happens but a line that says so
    client.wait("Kies eerst een antwoord met pijltje omhoog of omlaag")
    client.child.send(UP + ENTER)  # Nee, stoppen
    client.wait("Weet je zeker dat je wilt stoppen")
    client.child.send(ENTER)  # the pointer starts at "back"
    client.answer("wil je beginnen", *YES)
    client.answer("klantnummer", "\x03")
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen and "Weet je zeker" in screen


def test_no_health_answer_is_chosen_for_the_client(tmp_path):
    """Enter at once at the kidneys, pregnancy and the form of magnesium chooses nothing (issue 21:
    "Weet ik niet" blocked all advice, "Nee" said not pregnant, for a client who pressed Enter)."""
    client = start(tmp_path)
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "40", ENTER)
    for question, keys in (("geslacht", FIRST), ("zwanger", NO), ("borstvoeding", NO), ("nieren", FIRST)):
        before = client.answer(question, ENTER)
        client.wait("Kies eerst een antwoord")
        assert "»" not in before.split("?")[-1]  # no pointer in the list drawn
        for key in keys:
            client.child.send(key)
    client.answer("Welke klachten", "\x03")
    assert client.finish()[0] == 130
    saved = yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert saved == {"client": "Anna", "age": 40, "sex": "female", "pregnant": False, "breastfeeding": False,
                     "kidney": "none"}


def test_the_count_of_questions_never_jumps_back(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    dutch_rest(client)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    shown = [(int(n), int(t)) for n, t in re.findall(r"Vraag (\d+) van ongeveer (\d+)", screen)]
    assert [n for n, _ in shown] == list(range(1, len(shown) + 1))
    totals = [t for _, t in shown]
    assert totals == sorted(totals) and all(n <= t for n, t in shown)


def test_page_up_goes_back_to_the_previous_question(tmp_path, adv):
    out = tmp_path / "a.yaml"
    client = start(tmp_path, "--out", str(out))
    client.answer("klantnummer", "Anna", ENTER)
    client.answer("Hoe oud ben je", "41", ENTER)
    client.answer("geslacht", PAGE_UP)  # back to the age, 41 shown as the answer to change
    client.answer("Hoe oud ben je", "\x7f\x7f", "40", ENTER)
    client.answer("geslacht", *FIRST)
    client.answer("zwanger", PAGE_UP)
    client.answer("geslacht", ENTER)  # the pointer stays at the answer given
    client.answer("zwanger", *NO)
    client.answer("borstvoeding", *NO)
    client.answer("nieren", *FIRST)
    dutch_rest(client)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Vorige vraag? Druk op Page Up" in screen
    answers, _ = checked(out, adv)
    assert answers == EXPECTED_NL


def test_page_up_at_the_first_question_does_nothing(tmp_path):
    client = start(tmp_path)
    client.answer("klantnummer", PAGE_UP, "Anna", ENTER)
    client.answer("Hoe oud ben je", "\x03")
    status, screen = client.finish()
    assert status == 130
    assert yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))["answers"] == {"client": "Anna"}


def test_the_severity_is_shown_on_the_review_screen_and_can_be_changed_there(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    dutch_rest(client)  # cramps rated 7, sleep skipped
    client.answer("Klopt alles", DOWN, ENTER)
    client.answer("Welk antwoord wil je veranderen", *[DOWN] * 8, ENTER)  # the eighth: Hoeveel last
    client.answer("Hoeveel last", DOWN, "\x1b[C", "\x1b[C", UP, "\x7f", ENTER)  # sleep 1, cramps cleared
    review = client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Hoeveel last: Spierkrampen 7" in screen  # the review before the change
    assert "Hoeveel last: Slecht slapen 1" in review and "Spierkrampen 7" not in review.split("Je antwoorden:")[-1]
    from questionnaire.store import open_store

    with open_store(str(tmp_path / "store.sqlite3")) as store:
        assert store.get(1).severities == {"sleep_problems": 1}


def test_page_up_at_the_severity_goes_back_to_the_complaints(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    client.answer("Welke klachten", SPACE_KEY, ENTER)
    client.answer("Hoeveel last", "4", PAGE_UP)
    client.answer("Welke klachten", ENTER)
    client.answer("Hoeveel last", ENTER)
    client.answer("Welke van deze dingen", "\x03")
    assert client.finish()[0] == 130
    saved = yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert saved["severity"] == {}  # Page Up left the 4 unsaid; Enter then kept no rating
