"""The practitioner's workspace on Flask's test client: signing in and out, sign-ins that expire,
the lock after wrong passwords, every page refusing without a sign-in (a client's code opens
none), the form token on every form, the list with what needs attention first, an intake's
summary with notes, reviewed and the follow-up date (a date changed meanwhile is not overwritten)."""
from __future__ import annotations

from datetime import timedelta

import re

import pytest

from questionnaire.common import clock
from questionnaire.store import open_store
from questionnaire.web import passwords
from questionnaire.web.context import PRACTICE_BLUEPRINTS
from conftest import cli
from web_support import CRAMPS, KIDNEYS, PASSWORD, add_user, practice, signed_in, stored


@pytest.fixture
def web(tmp_path):
    where = practice(tmp_path)
    add_user(where, "anna")
    return where


def text_of(response) -> str:
    return response.get_data(as_text=True)


def practice_pages(where) -> list[tuple[str, str]]:
    """Every page of the workspace but the sign-in and sign-out (its clients, plans, documents
    and letters too), with a method, an intake number and a format filled in."""
    found = []
    for rule in where.app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in PRACTICE_BLUEPRINTS and not rule.endpoint.startswith("accounts."):
            for fmt in ("html", "pdf"):
                url = rule.rule.replace("<int:number>", "1").replace("<fmt>", fmt)
                found += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(set(found))


def test_every_practitioner_page_refuses_without_a_sign_in(web):
    web.client().finish(web.code().shown, CRAMPS)  # an intake 1 exists
    pages = practice_pages(web)
    assert {("GET", "/praktijk/intake/1/brief.pdf"), ("POST", "/praktijk/intake/1/brief"),
            ("POST", "/praktijk/intake/1/plan"), ("POST", "/praktijk/client/1/code")} <= set(pages)
    browser = web.client()
    browser.get("/praktijk/inloggen")  # a form token, as a browser that saw a page has
    for method, url in pages:
        response = browser.get(url) if method == "GET" else browser.post(url, {"note": "x", "reviewed": "yes"})
        assert response.status_code == 303 and response.headers["Location"] == "/praktijk/inloggen", (method, url)
    with open_store(str(web.db)) as kept:
        assert kept.get(1).notes == () and kept.get(1).status == "new"
        assert kept.plans(1) == [] and len(kept.invites()) == 1  # no plan kept, no code made
        assert not {"plan.saved", "handout.written", "letter.written"} & {e["action"] for e in kept.history(1)}


def test_a_client_code_opens_nothing_of_the_practitioners(web):
    client = web.client()
    assert client.start(web.code().shown).status_code == 303  # a visit under way in this browser
    client.get("/begin")  # its form token
    for method, url in practice_pages(web):
        response = client.get(url) if method == "GET" else client.post(url, {"note": "x"})
        assert response.status_code == 303 and response.headers["Location"] == "/praktijk/inloggen", (method, url)


def test_signing_in_shows_the_list_and_signing_out_ends_it(web):
    browser = signed_in(web)
    page = text_of(browser.get("/praktijk/"))
    assert "Ingelogd als anna" in page and "Nog geen cliënten" in page
    assert browser.post("/praktijk/uitloggen").headers["Location"] == "/praktijk/inloggen"
    assert "Je bent uitgelogd." in text_of(browser.get("/praktijk/inloggen"))
    assert browser.get("/praktijk/").headers["Location"] == "/praktijk/inloggen"
    with open_store(str(web.db)) as kept:
        actions = kept.engine.execute("SELECT actor, action FROM audit WHERE action IN ('login', 'logout')").fetchall()
    assert actions == [("web:anna", "login"), ("web:anna", "logout")]


@pytest.mark.parametrize("name,password", [("anna", "wrong password of anna"), ("bert", PASSWORD), ("Anna!", PASSWORD)])
def test_a_wrong_name_or_password_gets_the_same_words(web, name, password):
    browser = web.client()
    browser.get("/praktijk/inloggen")
    page = text_of(browser.post("/praktijk/inloggen", {"name": name, "password": password}))
    assert "De naam of het wachtwoord klopt niet." in page and 'class="error-summary"' in page
    assert browser.get("/praktijk/").headers["Location"] == "/praktijk/inloggen"


def test_empty_fields_are_said_beside_each(web):
    browser = web.client()
    browser.get("/praktijk/inloggen")
    page = text_of(browser.post("/praktijk/inloggen", {"name": "", "password": ""}))
    assert "Typ de naam van je account." in page and "Typ je wachtwoord." in page


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(web):
    browser = web.client()
    browser.get("/praktijk/inloggen")
    for _ in range(5):
        browser.post("/praktijk/inloggen", {"name": "anna", "password": "not the password at all"})
    with open_store(str(web.db)) as kept:
        assert kept.user("anna").locked()
    response = browser.post("/praktijk/inloggen", {"name": "anna", "password": PASSWORD})
    assert response.status_code == 200 and "klopt niet" in text_of(response)
    with open_store(str(web.db)) as kept:
        kept.set_password("anna", passwords.hashed(PASSWORD))  # `magnesium users add anna --reset` unlocks
    signed_in(web)


def test_a_sign_in_expires_when_idle_and_after_a_working_day(web, monkeypatch):
    browser = signed_in(web)
    later = clock.now() + timedelta(minutes=31)
    monkeypatch.setattr("questionnaire.web.accounts.now", lambda: later)
    assert browser.get("/praktijk/").headers["Location"] == "/praktijk/inloggen"
    assert "Je was een tijd niet actief." in text_of(browser.get("/praktijk/inloggen"))
    monkeypatch.undo()
    browser = signed_in(web)
    start = clock.now()
    for hours in range(1, 11):  # active all day: each request within the idle time
        monkeypatch.setattr("questionnaire.store.users.now", lambda h=hours: start + timedelta(hours=h, minutes=-1))
        monkeypatch.setattr("questionnaire.web.accounts.now", lambda h=hours: start + timedelta(hours=h))
        response = browser.get("/praktijk/")
    assert response.headers["Location"] == "/praktijk/inloggen"  # ten hours after signing in


def test_a_new_password_signs_out_every_browser(web):
    browser = signed_in(web)
    with open_store(str(web.db)) as kept:
        kept.set_password("anna", passwords.hashed("een heel ander wachtwoord"))
    assert browser.get("/praktijk/").headers["Location"] == "/praktijk/inloggen"


def test_every_form_of_the_workspace_needs_its_token(web):
    browser = signed_in(web)
    web.client().finish(web.code().shown, CRAMPS)
    response = browser.http.post("/praktijk/intake/1/notitie", data={"note": "zonder token"})
    assert response.status_code == 400
    assert stored(web.db).notes == ()
    assert browser.http.post("/praktijk/uitloggen").status_code == 400


def test_the_list_shows_what_needs_attention_first(web):
    web.client().finish(web.code().shown, CRAMPS)
    web.client().finish(web.code().shown, KIDNEYS)
    web.client().finish(web.code().shown, {**CRAMPS, "client": "Bakker"})
    with open_store(str(web.db)) as kept:
        kept.mark_reviewed(3)
        kept.set_follow_up(3, None)
    page = text_of(signed_in(web).get("/praktijk/intakes"))
    assert page.index("Kees") < page.index("Jansen") < page.index("Bakker")  # blocked, new, reviewed
    assert "geblokkeerd" in page and "&lt;b&gt;Jansen&lt;/b&gt;" in page and "<b>Jansen" not in page
    found = text_of(signed_in(web).get("/praktijk/intakes?zoek=bak"))
    assert "Bakker" in found and "Kees" not in found


def test_the_summary_is_the_one_review_exports(web, tmp_path, capsys):
    web.client().finish(web.code().shown, CRAMPS)
    assert cli(capsys, "review", "1", "--db", str(web.db), "--export", str(tmp_path / "s.html"))[0] == 0
    exported = (tmp_path / "s.html").read_text(encoding="utf-8")
    body = exported[exported.index("<body>\n") + 7:exported.index("\n</body>")]
    page = text_of(signed_in(web).get("/praktijk/intake/1"))
    assert body in page and "&lt;b&gt;Jansen&lt;/b&gt;" in body
    assert "<style>" not in page and 'style="' not in page  # the page's own style sheet only (CSP)


def test_an_intake_keeps_a_note_reviewed_and_a_date(web):
    web.client().finish(web.code().shown, CRAMPS)
    browser = signed_in(web)
    browser.get("/praktijk/intake/1")
    response = browser.post("/praktijk/intake/1/notitie", {"note": "Kuitkrampen 's nachts.\r\nBel over 2 weken."})
    assert response.headers["Location"] == "/praktijk/intake/1"
    assert "De notitie is bewaard." in text_of(browser.get("/praktijk/intake/1"))
    browser.post("/praktijk/intake/1/beoordeeld", {"reviewed": "yes"})
    browser.get("/praktijk/intake/1")
    was = stored(web.db).follow_up
    assert browser.post("/praktijk/intake/1/vervolg", {"follow_up": "15-01-2027", "was": was}).status_code == 303
    kept = stored(web.db)
    assert kept.notes[-1]["text"] == "Kuitkrampen 's nachts.\nBel over 2 weken." and kept.status == "reviewed"
    assert kept.follow_up == "2027-01-15"
    with open_store(str(web.db)) as store:
        actors = {actor for actor, in store.engine.execute(
            "SELECT actor FROM audit WHERE action IN ('intake.note_added', 'intake.marked_reviewed', 'intake.follow_up_set')")}
    assert actors == {"web:anna"}


def test_bad_input_is_said_beside_its_field(web):
    web.client().finish(web.code().shown, CRAMPS)
    browser = signed_in(web)
    browser.get("/praktijk/intake/1")
    was = stored(web.db).follow_up
    assert "Typ eerst een notitie." in text_of(browser.post("/praktijk/intake/1/notitie", {"note": "  "}))
    assert "Typ een datum als 15-01-2027" in text_of(browser.post("/praktijk/intake/1/vervolg",
                                                                  {"follow_up": "31-02-2027", "was": was}))
    assert "op of na de intake" in text_of(browser.post("/praktijk/intake/1/vervolg", {"follow_up": "01-01-2020", "was": was}))
    assert "onzichtbaar teken" in text_of(browser.post("/praktijk/intake/1/notitie", {"note": "a\u202eb"}))
    assert stored(web.db).notes == () and stored(web.db).follow_up == was


def test_a_date_changed_at_another_desk_meanwhile_is_not_overwritten(web):
    web.client().finish(web.code().shown, CRAMPS)
    first, second = signed_in(web), signed_in(web)
    was = stored(web.db).follow_up
    assert first.post("/praktijk/intake/1/vervolg", {"follow_up": "15-01-2027", "was": was}).status_code == 303
    response = second.post("/praktijk/intake/1/vervolg", {"follow_up": "01-03-2027", "was": was})
    assert response.status_code == 409 and "Iemand anders heeft de datum intussen veranderd" in text_of(response)
    assert stored(web.db).follow_up == "2027-01-15"


def test_an_unknown_intake_is_a_clear_page(web):
    response = signed_in(web).get("/praktijk/intake/99")
    assert response.status_code == 404 and "Deze pagina bestaat niet." in text_of(response)
    assert "Terug naar de intakes" in text_of(response) and "Ingelogd als anna" in text_of(response)


def test_clients_are_added_listed_by_attention_and_changed_over_the_version_read(web):
    browser = signed_in(web)
    browser.get("/praktijk/client/nieuw")
    page = text_of(browser.post("/praktijk/client/nieuw", {"name": "", "birth": "3000"}))
    assert "Typ de naam van de cliënt." in page and "Typ een jaar van 1900" in page
    response = browser.post("/praktijk/client/nieuw", {"name": "Kees", "birth": "12-03-1964", "gp": "Dr. Smit"})
    assert response.headers["Location"] == "/praktijk/client/1"
    browser.post("/praktijk/client/nieuw", {"name": "Jansen", "birth": "1974"})
    web.client().finish(web.code().shown, KIDNEYS)  # typed "Kees": linked by name
    web.client().finish(web.code().shown, {**CRAMPS, "client": None})  # no name: unlinked
    home = text_of(browser.get("/praktijk/"))
    assert home.index("Kees") < home.index("Jansen") and "geblokkeerd" in home and "Intakes zonder cliënt" in home
    page = text_of(browser.get("/praktijk/client/1"))
    assert "12 maart 1964" in page and "Dr. Smit" in page and "Intake 1" in page
    other = signed_in(web)
    other.get("/praktijk/client/1")
    assert browser.post("/praktijk/client/1", {"name": "K. Visser", "birth": "1964", "version": "0"}).status_code == 303
    response = other.post("/praktijk/client/1", {"name": "Kees de Boer", "birth": "1964", "version": "0"})
    assert response.status_code == 409 and "Iemand anders heeft de gegevens intussen veranderd" in text_of(response)
    with open_store(str(web.db)) as kept:
        assert kept.client_record(1).name == "K. Visser"


def test_a_code_for_a_client_links_the_intake_and_an_intake_is_linked_by_hand(web, capsys):
    browser = signed_in(web)
    browser.post("/praktijk/client/nieuw", {"name": "Mevr. de Wit"})
    browser.get("/praktijk/client/1")
    browser.post("/praktijk/client/1/code")
    page = text_of(browser.get("/praktijk/client/1"))
    code = re.search(r"Code voor de cliënt: ([A-Z0-9]{4}-[A-Z0-9]{4})", page).group(1)
    assert code not in text_of(browser.get("/praktijk/client/1"))  # shown once
    listed = cli(capsys, "invite", "--list", "--db", str(web.db))[1]  # the same codes as `magnesium invite`
    assert re.search(r"^1 .* open +Mevr\. de Wit +nog niet begonnen$", listed, re.M), listed
    with open_store(str(web.db)) as kept:
        made = kept.engine.execute("SELECT actor, invite, client FROM audit WHERE action = 'invite.made'").fetchall()
        assert made == [("web:anna", 1, None)] and kept.invites()[0].client_number == 1
    web.client().finish(code, CRAMPS)  # she typed another name: still hers
    web.client().finish(web.code().shown, {**CRAMPS, "client": None})
    browser.get("/praktijk/intake/2")
    assert browser.post("/praktijk/intake/2/client", {"client": "1"}).headers["Location"] == "/praktijk/intake/2"
    with open_store(str(web.db)) as kept:
        assert kept.client_links() == {1: 1, 2: 1}
    page = text_of(browser.get("/praktijk/client/1"))
    assert page.index("Intake 1") < page.index("Intake 2")


def test_the_severity_chart_and_its_table_show_each_visit(web):
    browser = signed_in(web)
    browser.post("/praktijk/client/nieuw", {"name": "Jansen"})
    browser.get("/praktijk/client/1")
    browser.post("/praktijk/client/1/code")
    code = re.search(r"Code voor de cliënt: ([A-Z0-9]{4}-[A-Z0-9]{4})", text_of(browser.get("/praktijk/client/1"))).group(1)
    web.client().finish(code, CRAMPS)  # muscle cramps rated 6
    with open_store(str(web.db)) as kept:
        intake = kept.get(1)
        kept.save_follow_up(1, {"lang": "nl", "answers": intake.answers, "severities": {"muscle_cramps": 3},
                                "plan_taken": "yes", "plan_version": None, "side_effects": [], "advice": intake.advice})
    page = text_of(browser.get("/praktijk/client/1"))
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "style=" not in svg and svg.count("<circle") == 2
    assert ">6</text>" in svg and ">3</text>" in svg and "<polyline" in svg
    table = page[page.index('class="table chart-table"'):]
    assert re.search(r"<td>\d\d-\d\d-\d{4}</td><td>6</td></tr><tr><td>\d\d-\d\d-\d{4}</td><td>3</td>", table), table[:900]
    assert "Vervolg 1 van intake 1" in page


def test_signs_of_too_much_and_a_letter_without_answer_come_first(web):
    web.client().finish(web.code().shown, {**CRAMPS, "client": "Eerst"})
    web.client().finish(web.code().shown, {**CRAMPS, "client": "Brief"})
    web.client().finish(web.code().shown, {**CRAMPS, "client": "Te veel"})
    with open_store(str(web.db)) as kept:
        intake = kept.get(3)
        kept.save_follow_up(3, {"lang": "nl", "answers": intake.answers, "severities": {}, "plan_taken": "yes",
                                "plan_version": None, "side_effects": ["diarrhea"], "advice": intake.advice})
        kept.record("letter.written", 2)
    page = text_of(signed_in(web).get("/praktijk/intakes"))
    assert page.index("Te veel") < page.index("Brief") < page.index("Eerst")
    assert "tekenen van te veel magnesium" in page and "brief aan de huisarts nog zonder antwoord" in page
    with open_store(str(web.db)) as kept:
        kept.save_plan(2, {"items": [], "doctor_answer": {"doctor": "dr. Bakker", "outcome": "not_advised"}})
        assert kept.unanswered_letters() == set()
