"""The practitioner's path in a real browser (Debian's chromium, Playwright): sign in (a wrong
password first), find the client, read the summary, keep a note, mark reviewed, set the follow-up, make the plan (an amount
above the limit refused first), download the handout as PDF, open the letter to the GP to print
and download it as PDF (from the client's details), see the client's page with the severity
chart, make a code for the client, the letter about an intake without a client (its page asks
whom it is about; a wrong year refused first), sign out; axe finds no violation on any of these
pages (with and without errors, at 1280 and 320 px) and nothing scrolls sideways at 320 px. The
PDFs are read back (pages, text). Access control: every workspace page sends a browser without a
sign-in, and one with a client's code, to the sign-in page."""
from __future__ import annotations

import io

import pytest

from conftest import BROWSER, NO_BROWSER
from questionnaire.store import open_store
from questionnaire.web import passwords
from questionnaire.web.context import PRACTICE_BLUEPRINTS
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
    (web.db.parent / "practice.yaml").write_text("name: Praktijk De Linde\nphone: 012-3456789\n", encoding="utf-8")
    with open_store(str(web.db)) as kept:
        kept.add_user("anna", passwords.hashed(PASSWORD))
    web.client().finish(web.code().shown, CRAMPS)
    web.client().finish(web.code().shown, KIDNEYS)
    with open_store(str(web.db)) as kept:  # a follow-up of the first: the chart has two visits
        intake = kept.get(1)
        kept.save_follow_up(1, {"lang": "nl", "answers": intake.answers, "severities": {"muscle_cramps": 3},
                                "plan_taken": "yes", "plan_version": None, "side_effects": [], "advice": intake.advice})
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


def pdf_text(download, pages: int) -> list[str]:
    """The text of each page of a downloaded PDF (which has `pages` pages), as a reader extracts it;
    [] without pypdf or WeasyPrint here."""
    try:
        import pypdf
        import weasyprint  # noqa: F401 - the server made the PDF with it
    except (ImportError, OSError):
        return []
    assert download.failure() is None
    reader = pypdf.PdfReader(io.BytesIO(download.path().read_bytes()))
    assert len(reader.pages) == pages
    return [" ".join(page.extract_text().split()) for page in reader.pages]


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
        assert page.url.endswith("/praktijk/") and page.locator("h1").inner_text() == "Cliënten"
        no_violation(person, "the clients (none yet, two intakes without a client)", narrow)
        page.click("text=Nieuwe cliënt")
        page.click("main button[type=submit]")
        assert "Typ de naam van de cliënt." in page.locator(".error-message").inner_text()
        no_violation(person, "a new client with an error", narrow)
        page.fill("#name", "Mevr. Jansen")
        page.fill("#birth", "1974")
        page.click("main button[type=submit]")
        assert page.locator("h1").inner_text() == "Mevr. Jansen"
        page.click("text=Intakes")
        rows = page.locator("tbody tr")
        assert "Kees" in rows.nth(0).inner_text() and "geblokkeerd" in rows.nth(0).inner_text()
        no_violation(person, "the list", narrow)
        page.fill("#zoek", "jans")
        page.click("form.search button")
        assert page.locator("tbody tr").count() == 1
        page.click("tbody a")
        assert page.url.endswith("/praktijk/intake/1") and "Jansen" in page.locator(".summary header").inner_text()
        no_violation(person, "an intake", narrow)
        page.select_option("#client", label="Mevr. Jansen (1974)")
        page.click("form[action$='/client'] button")
        assert page.locator(".notice").inner_text() == "De intake hoort nu bij deze cliënt."
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
        page.click("text=Plan maken of veranderen")
        no_violation(person, "the plan", narrow)
        page.check("input[name=action-0][value=change]")
        page.fill("#mg-0", "2000")
        page.select_option("#reason-0", "client_preference")
        page.click("#plan button[type=submit]")
        assert "hoogstens" in page.locator("#mg-0-error").inner_text()
        no_violation(person, "the plan with an error", narrow)
        page.fill("#mg-0", "150")
        page.click("#plan button[type=submit]")
        assert page.locator(".notice").inner_text() == "Het plan is getoetst en bewaard als nieuwe versie."
        with page.expect_download() as download:
            page.click("text=Folder voor de cliënt als PDF")
        assert download.value.suggested_filename == "folder-intake-1.pdf"
        assert all("Jouw magnesiumplan" in text for text in pdf_text(download.value, 1))
        assert "Over Mevr. Jansen, geboren 1974, aan de huisarts" in page.locator("main").inner_text()
        page.click("text=Brief aan de huisarts (om te printen)")
        assert page.url.endswith("/praktijk/intake/1/brief.html")
        assert "Mevr. Jansen, geboren 1974" in page.locator("body").inner_text()
        page.go_back()
        with page.expect_download() as download:
            page.click("text=Brief aan de huisarts als PDF")
        assert download.value.suggested_filename == "brief-intake-1.pdf"
        for text in pdf_text(download.value, 2)[:1]:
            assert "Betreft Mevr. Jansen, geboren 1974" in text and "Praktijk De Linde" in text
        page.click(".back-link")
        assert page.locator("h1").inner_text() == "Mevr. Jansen" and "Intake 1" in page.locator(".visits").inner_text()
        page.click("text=Nieuwe code voor de vragenlijst")
        assert "Code voor de cliënt:" in page.locator("#code").inner_text()
        assert page.locator("svg.chart circle").count() == 2 and page.locator(".chart-table tbody tr").count() == 2
        no_violation(person, "a client with a new code", narrow)
        page.goto(desk_site.url + "praktijk/intake/2")
        assert "Het advies is geblokkeerd" in page.locator("main").inner_text()
        page.click("text=Brief aan de huisarts (eerst naam en geboortejaar)")
        assert page.input_value("#name") == "Kees" and page.locator("input[name=lang][value=nl]").is_checked()
        no_violation(person, "the letter page", narrow)
        page.fill("#born", "1990")
        page.click("text=Brief als PDF")
        assert "Typ een jaar van" in page.locator("#born-error").inner_text() and page.title().startswith("Fout:")
        no_violation(person, "the letter page with an error", narrow)
        page.fill("#born", "1964")
        page.fill("#name", "K. Visser")
        with page.expect_download() as download:
            page.click("text=Brief als PDF")
        assert download.value.suggested_filename == "brief-intake-2.pdf"
        for text in pdf_text(download.value, 2)[:1]:
            assert "Betreft K. Visser, geboren 1964" in text
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
    with open_store(str(desk_site.db)) as store:
        assert store.plans(1)[-1]["plan"]["items"][0]["mg_per_day"] == 150
        written = [(n, e["actor"]) for n in (1, 2) for e in store.history(n) if e["action"] == "letter.written"]
        assert written == [(1, "web:anna"), (1, "web:anna"), (2, "web:anna")]  # to print, as PDF; as PDF


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
        person.page.goto(desk_site.url + "praktijk/intakes")
        no_violation(person, "the intakes", narrow=True)
        person.page.goto(desk_site.url + "praktijk/client/nieuw")
        no_violation(person, "a new client", narrow=True)
        person.page.goto(desk_site.url + "praktijk/intake/1/plan")
        no_violation(person, "the plan", narrow=True)
        person.page.goto(desk_site.url + "praktijk/intake/2/brief")
        person.page.fill("#name", "")
        person.page.click("text=Brief om te printen")
        assert person.page.locator(".error-message").count() == 2
        no_violation(person, "the letter page with errors", narrow=True)
    finally:
        person.close()
    assert person.problems == []


def test_no_workspace_page_opens_without_a_sign_in_or_with_a_client_code(browser, desk_site):  # noqa: F811
    pages = sorted({rule.rule.replace("<int:number>", "1").replace("<fmt>", fmt)
                    for rule in desk_site.app.url_map.iter_rules() for fmt in ("html", "pdf")
                    if rule.endpoint.split(".")[0] in PRACTICE_BLUEPRINTS and rule.endpoint != "accounts.login"
                    and "GET" in rule.methods})
    assert {"/praktijk/intake/1/brief", "/praktijk/intake/1/brief.pdf", "/praktijk/intake/1/folder.pdf"} <= set(pages)
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
