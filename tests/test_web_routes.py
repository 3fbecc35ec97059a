"""The web intake's pages through Flask's test client (issue 18): nothing without a valid code,
the intake as the questions file asks it, back and change, the check page, what is kept, the
closing page, and what a page, a cookie, a URL or a log line may never hold."""
from __future__ import annotations

import base64
import json
import logging
import re
import time
import zlib

import pytest

from engine.yamlsource import Document
from questionnaire.common.texts import SAFETY_TEXTS
from questionnaire.intake.screen import say as screen_say
from questionnaire.store import open_store
from questionnaire.web.guard import CSP
from questionnaire.web.web_texts import WEB_TEXTS
from web_support import CRAMPS, KIDNEYS, MIDWIFE, contract_answers, practice, stored

PAGES = ("/begin", "/vraag/1", "/vraag/2", "/controleren", "/klaar")


@pytest.fixture
def web(tmp_path):
    return practice(tmp_path)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def session_cookie(client) -> dict:
    """What the browser's session cookie holds (signed, not encrypted: anyone holding it can read it)."""
    raw = client.http.get_cookie("magnesium").value
    data = raw.lstrip(".").split(".")[0]
    payload = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return json.loads(zlib.decompress(payload) if raw.startswith(".") else payload)


@pytest.mark.parametrize("page", PAGES)
def test_without_a_code_nothing_is_shown(web, page):
    client = web.client()
    response = client.get(page)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "Typ je code" in text_of(client.get("/"))


def test_a_whole_intake_is_kept_as_the_terminal_keeps_it(web, adv):
    """The same checked answers, advice, severities and rule-base version as `advise --save` of the
    same answers; the code is used up and its draft erased."""
    code = web.code()
    closing = web.client().finish(code.shown, CRAMPS)
    assert closing.status_code == 200 and WEB_TEXTS.say("closing_title", "nl") in text_of(closing)
    intake = stored(web.db)
    expected = adv.check(Document("<t>", contract_answers(CRAMPS)))
    assert intake.answers == expected
    assert intake.advice == adv.advise(expected, "nl")
    assert intake.severities == {"muscle_cramps": 6} and intake.lang == "nl" and intake.accepted_at
    with open_store(str(web.db)) as kept:
        (invite,) = kept.invites()
    assert invite.state() == "used" and invite.intake == 1 and invite.draft is None


def test_the_code_is_typed_in_any_case_with_spaces_and_hyphens(web):
    code = web.code().code
    typed = f" {code[:3].lower()} {code[3:6]}-{code[6:].lower()} "
    response = web.client().start(typed)
    assert response.status_code == 303 and response.headers["Location"] == "/begin"


@pytest.mark.parametrize("entry,key", [("", "code_missing"), ("ZZZZ-ZZZZ", "code_unknown")])
def test_a_wrong_code_is_said_beside_the_field_and_on_top(web, entry, key):
    response = web.client().start(entry)
    page = text_of(response)
    assert response.status_code == 200 and page.count(WEB_TEXTS.say(key, "nl")) == 2
    assert "<title>Fout: " in page and 'href="#code"' in page and 'aria-describedby="code-hint code-error"' in page


def test_repeated_misses_are_slowed_down(tmp_path):
    web = practice(tmp_path, misses_per_address=3)
    client, good = web.client(), web.code()
    for _ in range(3):
        assert client.start("ZZZZ-ZZZZ").status_code == 200
    slowed = client.start(good.shown)  # even the right code waits now
    assert slowed.status_code == 429 and WEB_TEXTS.say("code_slow", "nl") in text_of(slowed)


@pytest.mark.parametrize("what,key", [("expired", "code_closed"), ("revoked", "code_closed"), ("used", "code_used")])
def test_an_expired_revoked_or_used_code_opens_nothing(web, what, key):
    code = web.code(hours=1) if what != "expired" else web.code()
    with open_store(str(web.db)) as kept:
        if what == "expired":
            kept.engine.execute("UPDATE web_invites SET expires_at = '2000-01-01T00:00:00+00:00'")
        elif what == "revoked":
            kept.revoke_invite(code.number)
    if what == "used":
        web.client().finish(code.shown, CRAMPS)
    response = web.client().start(code.shown)
    assert response.status_code == 200 and WEB_TEXTS.say(key, "nl") in text_of(response)


def test_a_code_revoked_during_the_intake_ends_the_visit(web):
    client, code = web.client(), web.code()
    first = client.begin(code.shown)
    with open_store(str(web.db)) as kept:
        kept.revoke_invite(code.number)
    response = client.get(first)
    assert response.headers["Location"] == "/"
    assert WEB_TEXTS.say("code_closed", "nl") in text_of(client.get("/"))


def test_every_form_needs_its_token(web):
    client = web.client()
    client.get("/")
    client.token = "forged"
    response = client.post("/", {"code": web.code().shown})
    assert response.status_code == 400 and WEB_TEXTS.say("problem_expired", "nl") in text_of(response)


def test_security_headers_and_cookie_flags(tmp_path):
    for tls in (False, True):
        (tmp_path / str(tls)).mkdir()
        web = practice(tmp_path / str(tls), tls=tls)
        client = web.client()
        response = client.start(web.code().shown)
        assert response.headers["Content-Security-Policy"] == CSP and "'unsafe-inline'" not in CSP
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is tls  # a plain http cookie on 127.0.0.1 never leaves the computer
        assert ("Strict-Transport-Security" in response.headers) is tls


def test_the_session_cookie_holds_no_answer(web):
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=3)
    held = session_cookie(client)
    assert set(held) <= {"visit", "csrf", "lang", "seen", "resuming"}
    assert "Jansen" not in json.dumps(held) and url.startswith("/vraag/")


def test_typed_answers_are_checked_with_the_terminals_words(web):
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=1)  # the name: on to the age
    response = client.post(url, {"answer": "vijftig"})
    page = text_of(response)
    message = screen_say("answer_not_number", "nl", example=67)
    assert page.count(message) == 2 and 'value="vijftig"' in page and "<title>Fout: Hoe oud ben je?" in page
    assert 'aria-describedby="answer-hint answer-error"' in page
    assert client.post(url, {"answer": "200"}).status_code == 200  # out of range: the contract's check
    assert client.post(url, {"answer": "52"}).status_code == 303


def test_a_choice_must_be_made_and_be_one_offered(web):
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=2)  # on to sex
    assert WEB_TEXTS.say("choose_one", "nl") in text_of(client.post(url, {}))
    assert WEB_TEXTS.say("choose_offered", "nl") in text_of(client.post(url, {"answer": "dolphin"}))


def test_no_radio_is_preselected_that_the_client_did_not_choose(web):
    """questions.yaml's defaults serve the terminal's Enter; a web page preselects nothing (GOV.UK):
    'not pregnant' or 'kidneys: don't know' must be chosen, not passed by."""
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=3)  # on to 'pregnant'
    assert "checked" not in client.get(url).get_data(as_text=True)


def test_back_keeps_the_answers_and_shows_them_again(web):
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=4)
    page = client.get(url).get_data(as_text=True)
    back = re.search(r'class="back-link" href="([^"]+)"', page).group(1)
    assert re.search(r'value="no" checked', client.get(back).get_data(as_text=True))  # 'pregnant: no' shown again
    name = client.get("/vraag/1").get_data(as_text=True)
    assert 'value="Mevr. &lt;b&gt;Jansen&lt;/b&gt; &amp; Co"' in name  # escaped, never markup


def test_the_check_page_changes_an_answer_and_asks_what_it_opens(web):
    """Saying yes to magnesium after no asks its form, amount and signs; the other answers stay."""
    client, code = web.client(), web.code()
    answers = {**CRAMPS, "takes_magnesium": False}
    assert client.answer_all(answers, client.begin(code.shown)) == "/controleren"
    page = client.get("/controleren").get_data(as_text=True)
    change = re.search(r'href="(/vraag/\d+\?wijzig=1)">Wijzig<span class="visually-hidden"> Magnesium nu', page).group(1)
    assert re.search(r'class="back-link" href="/controleren"', client.get(change).get_data(as_text=True))
    response = client.post(change.split("?")[0], {"answer": "yes", "wijzig": "1"})
    url = client.answer_all(CRAMPS, response.headers["Location"])
    assert url == "/controleren"
    check = text_of(client.get("/controleren"))
    assert "Magnesiumcitraat, 200,5 mg per dag" in check and "Spierkrampen, Slecht slapen" in check


def test_changing_the_complaints_asks_their_severity_again(web):
    client, code = web.client(), web.code()
    assert client.answer_all(CRAMPS, client.begin(code.shown)) == "/controleren"
    severity = next(i for i, q in enumerate(web.questions, 1) if q.id == "complaints")
    response = client.post(f"/vraag/{severity}", {"answer": ["muscle_cramps", "sleep_problems", "migraine"], "wijzig": "1"})
    assert response.headers["Location"] == f"/vraag/{severity + 1}"  # the scale: a new complaint to rate
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'name="rate-muscle_cramps" type="radio" value="6" checked', page)


def test_the_next_device_takes_over_and_the_first_is_sent_to_the_start(web):
    code = web.code()
    tablet, phone = web.client(), web.client()
    url = tablet.answer_all(CRAMPS, tablet.begin(code.shown), stop_after=5)
    moved = phone.start(code.shown)
    assert moved.headers["Location"] == url  # carries on where the tablet was
    assert screen_say("resuming", "nl") in text_of(phone.get(url))
    assert tablet.get(url).headers["Location"] == "/"
    assert WEB_TEXTS.say("notice_taken_over", "nl") in text_of(tablet.get("/"))


def test_an_idle_visit_is_ended_at_its_next_request(tmp_path):
    web = practice(tmp_path, idle_warn_s=0, idle_grace_s=0)
    client, code = web.client(), web.code()
    first = client.begin(code.shown)
    with client.http.session_transaction() as session:
        session["seen"] = time.time() - 31
    assert client.get(first).headers["Location"] == "/"
    assert WEB_TEXTS.say("notice_timed_out", "nl") in text_of(client.get("/"))


def test_clearing_the_screen_ends_the_visit_but_keeps_the_answers(web):
    client, code = web.client(), web.code()
    url = client.answer_all(CRAMPS, client.begin(code.shown), stop_after=4)
    assert client.post("/wissen").headers["Location"] == "/"
    assert client.get(url).headers["Location"] == "/"
    assert web.client().start(code.shown).headers["Location"] == url


def test_declining_keeps_nothing(web):
    client, code = web.client(), web.code()
    client.start(code.shown)
    client.get("/begin")
    response = client.post("/begin", {"choice": "no"})
    assert screen_say("declined", "nl") in text_of(response)
    with open_store(str(web.db)) as kept:
        assert kept.invite(code.number).draft is None


@pytest.mark.parametrize("answers,cards", [
    (KIDNEYS, [("urgent", "stop_gp_today"), ("emergency", "too_much_112")]),
    (MIDWIFE, [("urgent", "midwife_today"), ("urgent", "preeclampsia_today")]),
    (CRAMPS, []),
    ({**CRAMPS, "symptoms_muscles": ["numbness"]}, [("emergency", "stroke_112")]),  # hazard log HAZ-058
    ({**MIDWIFE, "complaints": ["muscle_cramps", "migraine"], "symptoms_belly": []}, [("urgent", "preeclampsia_today")]),
])
def test_the_closing_page_says_what_to_do_today_as_care_cards(web, answers, cards):
    page = web.client().finish(web.code().shown, answers).get_data(as_text=True)
    found = re.findall(r'care-card care-card-(\w+)">\s*<div[^>]*>\s*<h2 class="care-card-heading">'
                       r'<span class="visually-hidden">([^<]+)</span>([^<]+)</h2>', page)
    assert [(level, words) for level, _, words in found] == [(level, SAFETY_TEXTS.say(key, "nl")) for level, key in cards]
    assert all(hidden == WEB_TEXTS.say(f"care_{level}", "nl") for level, hidden, _ in found)
    assert "mg" not in re.sub(r"<[^>]+>", " ", page.split("<main")[1].split("</main>")[0])  # never an amount


def test_after_sending_only_the_closing_page_and_clearing_remain(web):
    client, code = web.client(), web.code()
    client.finish(code.shown, CRAMPS)
    for page in ("/vraag/1", "/controleren", "/begin"):
        assert client.get(page).headers["Location"] == "/klaar"
    assert client.post("/wissen").headers["Location"] == "/"
    assert WEB_TEXTS.say("notice_done", "nl") in text_of(client.get("/"))


def test_the_next_client_at_the_start_page_never_sees_the_last_closing_page(web):
    client = web.client()
    client.finish(web.code().shown, KIDNEYS)
    assert client.get("/").headers["Location"] == "/"  # the visit ended: the start page again
    page = text_of(client.get("/"))
    assert WEB_TEXTS.say("notice_done", "nl") in page and "care-card" not in page
    assert client.get("/klaar").headers["Location"] == "/"


def test_english_pages_and_the_language_switch(web):
    client, code = web.client(), web.code(lang="en")
    first = client.begin(code.shown)
    page = client.get(first).get_data(as_text=True)
    assert '<html lang="en">' in page and "Question 1 of about" in page and "What is your name" in page
    response = client.post("/taal", {"back": first})
    assert response.headers["Location"] == first
    assert '<html lang="nl">' in client.get(first).get_data(as_text=True)
    for elsewhere in ("//elsewhere.example/", "/\\elsewhere.example/", "https://elsewhere.example/"):
        assert client.post("/taal", {"back": elsewhere}).headers["Location"] == "/"


def test_urls_and_logs_hold_nothing_health_related(web, caplog):
    """Addresses name a page and a question's place, never an answer; nothing is logged."""
    caplog.set_level(logging.DEBUG)
    client = web.client()
    client.finish(web.code().shown, KIDNEYS)
    assert all(re.fullmatch(r"/(begin|vraag/\d+|controleren|versturen|klaar)?", url) for url in client.visited)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "Kees" not in logged and "problems" not in logged


def test_an_internal_error_is_logged_by_kind_only(web, caplog, monkeypatch):
    from questionnaire.web import pages

    client, code = web.client(), web.code()
    first = client.begin(code.shown)
    monkeypatch.setattr(pages.fields, "read", lambda *a, **k: (_ for _ in ()).throw(ValueError("answer: Jansen")))
    response = client.post(first, {"answer": "Jansen"})
    assert response.status_code == 500 and WEB_TEXTS.say("problem_internal", "nl") in text_of(response)
    assert "ValueError" in caplog.text and "Jansen" not in caplog.text


def test_an_unfinished_web_intake_shows_in_the_review_list(web, capsys):
    from conftest import cli

    client, code = web.client(), web.code()
    client.answer_all(CRAMPS, client.begin(code.shown), stop_after=5)
    status, out, _ = cli(capsys, "review", "--db", str(web.db))
    assert status == 0 and "Niet af, in de browser" in out
    row = next(line for line in out.splitlines() if line.startswith(f"{code.number} "))
    assert "Mevr. <b>Jansen</b> & Co" in row and "5 van" in row and "open" in row
    web.client().finish(web.code().shown, KIDNEYS)
    status, out, _ = cli(capsys, "review", "--db", str(web.db), "--client", "kees")
    assert "Kees" in out and "Niet af" not in out  # the filter holds for both lists


def test_advice_is_made_in_the_clients_language(web, adv):
    client, code = web.client(), web.code(lang="en")
    client.finish(code.shown, CRAMPS)
    intake = stored(web.db)
    assert intake.lang == "en" and intake.advice == adv.advise(intake.answers, "en")


def test_the_web_words_are_complete_dutch_and_speak_to_the_client():
    """Under the text lint of the rule base (no English in Dutch), both languages with the same
    {placeholders}; the language switch names the other language in that language."""
    from test_rule_texts import PLACEHOLDER, _english

    texts = WEB_TEXTS.texts()
    assert all(set(words) == {"nl", "en"} and all(words.values()) for words in texts.values())
    assert all(set(PLACEHOLDER.findall(w["nl"])) == set(PLACEHOLDER.findall(w["en"])) for w in texts.values())
    names = {"other_lang", "other_lang_code"}
    assert [key for key, words in texts.items() if key not in names and _english(words["nl"])] == []
    assert (texts["other_lang"], texts["other_lang_code"]) == ({"nl": "English", "en": "Nederlands"}, {"nl": "en", "en": "nl"})
