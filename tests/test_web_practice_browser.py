"""The practitioner's path in a real browser (Debian's chromium, Playwright): sign in (a wrong
password first), find the client, read the summary, keep a note, mark reviewed, set the follow-up,
sign out; axe finds no violation on any of these pages (with and without errors, at 1280 and
320 px) and nothing scrolls sideways at 320 px. Access control: every workspace page sends a
browser without a sign-in, and one with a client's code, to the sign-in page."""
from __future__ import annotations

import pytest

from conftest import BROWSER, NO_BROWSER
from questionnaire.store import open_store
from questionnaire.web import passwords
from questionnaire.web.serving import running
from test_web_browser import AXE_TAGS, NARROWEST, Client, browser  # noqa: F401 (fixture)
from web_support import CRAMPS, KIDNEYS, practice, stored

pytestmark = pytest.mark.skipif(BROWSER is None, reason=NO_BROWSER)
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make setup)")

DESK = {"width": 1280, "height": 800}
PASSWORD = "paarden eten graag hooi"


@pytest.fixture(scope="module")
def desk_site(tmp_path_factory):
    """A practice with an account and two intakes sent from the web, served as `magnesium serve` does."""
    web = practice(tmp_path_factory.mktemp("desk"))
    with open_store(str(web.db)) as kept:
        kept.add_user("anna", passwords.hashed(PASSWORD))
    web.client().finish(web.code().shown, CRAMPS)
    web.client().finish(web.code().shown, KIDNEYS)
    with running(web.app) as url:
        web.url = url
        yield web


def no_violation(person: Client, name: str, narrow: bool = False) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(person.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    if narrow:
        width = person.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{name} scrolls sideways at 320 px: {width}"


def sign_in(person: Client, password: str = PASSWORD) -> None:
    person.page.fill("#name", "anna")
    person.page.fill("#password", password)
    person.page.click("main button[type=submit]")


def test_the_practitioners_path_and_axe(browser, desk_site):  # noqa: F811
    person, narrow = Client(browser, desk_site, DESK), False
    page = person.page
    try:
        page.goto(desk_site.url + "praktijk/")
        assert page.url.endswith("/praktijk/inloggen")
        no_violation(person, "sign-in", narrow)
        sign_in(person, "niet het goede wachtwoord")
        assert "klopt niet" in page.locator(".error-message").inner_text()
        no_violation(person, "sign-in with an error", narrow)
        sign_in(person)
        assert page.url.endswith("/praktijk/") and page.locator("h1").inner_text() == "Intakes"
        rows = page.locator("tbody tr")
        assert "Kees" in rows.nth(0).inner_text() and "geblokkeerd" in rows.nth(0).inner_text()
        no_violation(person, "the list", narrow)
        page.fill("#zoek", "jans")
        page.click("form.search button")
        assert page.locator("tbody tr").count() == 1
        page.click("tbody a")
        assert page.url.endswith("/praktijk/intake/1") and "Jansen" in page.locator(".summary header").inner_text()
        no_violation(person, "an intake", narrow)
        page.fill("#note", "Krampen vooral 's nachts.")
        page.click("form[action$='/notitie'] button")
        assert page.locator(".notice").inner_text() == "De notitie is bewaard."
        page.click("button[value=yes]")
        page.fill("#follow_up", "31-02-2027")
        page.click("form[action$='/vervolg'] button")
        assert "Typ een datum" in page.locator(".error-message").inner_text()
        no_violation(person, "an intake with an error", narrow)
        page.fill("#follow_up", "15-01-2027")
        page.click("form[action$='/vervolg'] button")
        page.click("text=Uitloggen")
        assert page.url.endswith("/praktijk/inloggen") and "uitgelogd" in page.locator(".notice").inner_text()
        page.goto(desk_site.url + "praktijk/intake/1")
        assert page.url.endswith("/praktijk/inloggen")
    finally:
        person.close()
    assert person.problems == []
    kept = stored(desk_site.db)
    assert kept.notes[-1]["text"] == "Krampen vooral 's nachts." and kept.status == "reviewed"
    assert kept.follow_up == "2027-01-15"


def test_at_320_px_nothing_scrolls_sideways_and_axe_finds_nothing(browser, desk_site):  # noqa: F811
    person = Client(browser, desk_site, NARROWEST)
    try:
        person.page.goto(desk_site.url + "praktijk/")
        no_violation(person, "sign-in", narrow=True)
        sign_in(person)
        no_violation(person, "the list", narrow=True)
        for number in (1, 2):  # a simple advice, a blocked one
            person.page.goto(desk_site.url + f"praktijk/intake/{number}")
            no_violation(person, f"intake {number}", narrow=True)
    finally:
        person.close()
    assert person.problems == []


def test_no_workspace_page_opens_without_a_sign_in_or_with_a_client_code(browser, desk_site):  # noqa: F811
    pages = sorted({rule.rule.replace("<int:number>", "1") for rule in desk_site.app.url_map.iter_rules()
                    if rule.endpoint.startswith("practice.") and "GET" in rule.methods})
    stranger, client = Client(browser, desk_site, DESK), Client(browser, desk_site, DESK)
    try:
        client.type_code(desk_site.code().shown)
        assert client.page.url.endswith("/begin")
        for person in (stranger, client):
            for path in pages:
                person.page.goto(desk_site.url + path.lstrip("/"))
                assert person.page.url.endswith("/praktijk/inloggen"), path
                assert "Jansen" not in person.page.content()
    finally:
        stranger.close()
        client.close()
