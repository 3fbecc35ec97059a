"""The intake's screens as a newcomer met them (issue 11), in a pseudo-terminal: a stop on the
first screen is asked once more, a waiting intake says whose it is, the question count never
jumps back, and Page Up goes back to the previous question."""
from __future__ import annotations

import re

import yaml

from test_intake_pty import (DOWN, ENTER, EXPECTED_NL, UP, Client, checked, dutch_profile, dutch_rest,
                             resume_file, start)

PAGE_UP = "\x1b[5~"
SPACE_KEY = " "


def test_enter_on_the_first_screen_asks_once_more_and_can_go_back(tmp_path):
    client = Client(tmp_path)
    client.answer("wil je beginnen", ENTER)
    client.wait("Weet je zeker dat je wilt stoppen")
    assert "pijltje omhoog voor Ja" in client.seen  # how to say yes, beside the question
    client.child.send(ENTER)  # the pointer starts at "back"
    client.answer("wil je beginnen", UP, ENTER)
    client.answer("klantnummer", "\x03")
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen and "Weet je zeker" in screen


def test_a_waiting_intake_says_whose_it_is_when_it_was_started_and_how_far(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    client.answer("Welke klachten", "\x03")
    assert client.finish()[0] == 130
    waiting = yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))
    client = Client(tmp_path)
    notice = re.sub(r"\s+", " ", client.answer("Wat wil je doen", "\x03"))
    client.finish()
    day = waiting["accepted"][:10].split("-")
    assert "er staat nog een vragenlijst klaar die niet af is" in notice
    assert "Naam: Anna." in notice and f"Begonnen op {day[2]}-{day[1]}-{day[0]} om" in notice
    assert f"Beantwoord: 6 van de {waiting['total']} vragen." in notice


def test_a_waiting_intake_without_a_name_says_so_in_english(tmp_path):
    client = start(tmp_path, lang="en")
    client.answer("client number", ENTER)
    client.answer("your age", "\x03")
    client.finish()
    client = Client(tmp_path, "--lang", "en")
    notice = re.sub(r"\s+", " ", client.answer("What do you want to do", "\x03"))
    client.finish()
    assert "Name: no name given." in notice and "Answered: 1 of the" in notice


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
    client.answer("geslacht", ENTER)
    client.answer("zwanger", PAGE_UP)
    client.answer("geslacht", ENTER)  # the pointer stays at the answer given
    client.answer("zwanger", ENTER)
    client.answer("borstvoeding", ENTER)
    client.answer("nieren", UP, UP, ENTER)
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


def test_a_damaged_waiting_intake_can_be_replaced_by_a_new_one(tmp_path):
    resume_file(tmp_path).write_text("dit is geen vragenlijst\n", encoding="utf-8")
    client = Client(tmp_path)
    notice = re.sub(r"\s+", " ", client.answer("Wat wil je doen", DOWN, ENTER))
    assert "het bestand ervan is beschadigd" in notice
    client.answer("wil je beginnen", UP, ENTER)
    client.answer("klantnummer", "\x03")
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen
    kept = yaml.safe_load(resume_file(tmp_path).read_text(encoding="utf-8"))  # the new intake's, not the damaged one
    assert kept["resume"] == 1 and kept["answers"] == {}


def test_the_severity_is_shown_on_the_review_screen_and_can_be_changed_there(tmp_path):
    client = start(tmp_path)
    dutch_profile(client)
    dutch_rest(client)  # cramps rated 7, sleep skipped
    client.answer("Klopt alles", DOWN, ENTER)
    client.answer("Welk antwoord wil je veranderen", *[DOWN] * 7, ENTER)  # the eighth: Hoeveel last
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
