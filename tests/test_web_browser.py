"""The web intake in a real browser (Debian's chromium, driven by Playwright) at phone and tablet
sizes: a whole intake, back and change, another device carrying on, expired and revoked codes,
the idle clear, a blocked client's closing page, and axe (no violations) on every kind of page
in Dutch and English. The strongest guard: an intake clicked through in the browser is kept
exactly as the same answers through `magnesium advise --save`. Skipped, saying why, without
chromium or Playwright."""
from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from conftest import BROWSER, NO_BROWSER, magnesium
from questionnaire.common.texts import SAFETY_TEXTS
from questionnaire.store import open_store
from questionnaire.web.serving import running
from questionnaire.web.web_texts import WEB_TEXTS
from web_support import CRAMPS, KIDNEYS, contract_answers, practice, stored

pytestmark = pytest.mark.skipif(BROWSER is None, reason=NO_BROWSER)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make setup)")

PHONE = {"width": 360, "height": 740}
TABLET = {"width": 768, "height": 1024}
NARROWEST = {"width": 320, "height": 640}  # WCAG reflow: 1280 px at 400% zoom
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=BROWSER, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One practice served by cheroot in a thread, as `magnesium serve` serves it."""
    web = practice(tmp_path_factory.mktemp("site"))
    with running(web.app) as url:
        web.url = url
        yield web


class Client:
    """A person with a browser: a context of their own (a device), at a screen size."""

    def __init__(self, browser: Any, web: Any, size: dict):
        self.web = web
        self.context = browser.new_context(viewport=size)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda message: self.problems.append(message.text)
                     if message.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))

    def open_link(self, code: str) -> None:
        """The QR code's link: the page's script puts the code in the field and out of the address."""
        self.page.goto(f"{self.web.url}#{code}")
        assert self.page.input_value("#code") == code and "#" not in self.page.url
        self.page.click("main button[type=submit]")

    def type_code(self, code: str) -> None:
        self.page.goto(self.web.url)
        self.page.fill("#code", code)
        self.page.click("main button[type=submit]")

    def question(self) -> Any:
        found = re.search(r"/vraag/(\d+)$", self.page.url)
        return self.web.questions[int(found.group(1)) - 1] if found else None

    def answer(self, value: Any) -> None:
        """Answer the question on the page as a person does (fill, tick, choose) and go on."""
        q, page = self.question(), self.page
        if q.type in ("text", "number"):
            page.fill("#answer", str(value).replace(".", ",") if isinstance(value, float) else str(value or ""))
        elif q.type == "yesno":
            page.check(f"input[name=answer][value={'yes' if value else 'no'}]")
        elif q.type == "choice":
            page.check(f"input[name=answer][value={value}]")
        elif q.type == "multi":
            for item in value:
                page.check(f"input[name=answer][value={item}]")
        else:
            for item, number in value.items():
                page.check(f"input[name=rate-{item}][value='{number}']")
        page.click("main button[type=submit]")

    def answer_until(self, answers: dict, count: int | None = None) -> None:
        given = 0
        while self.question() is not None and (count is None or given < count):
            self.answer(answers[self.question().id])
            given += 1

    def begin(self, code: str) -> None:
        self.open_link(code)
        self.page.click("button[value=yes]")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def phone(browser, site):
    person = Client(browser, site, PHONE)
    yield person
    person.close()
    assert person.problems == []  # no script error, no CSP violation, nothing failed to load


@pytest.fixture
def tablet(browser, site):
    person = Client(browser, site, TABLET)
    yield person
    person.close()
    assert person.problems == []


def test_a_phone_intake_is_kept_exactly_as_advise_save_keeps_the_same_answers(phone, site, tmp_path):
    code = site.code()
    phone.begin(code.shown)
    phone.answer_until(CRAMPS)
    assert phone.page.url.endswith("/controleren")
    phone.page.click("main button[type=submit]")
    assert phone.page.locator("h1").inner_text() == WEB_TEXTS.say("closing_title", "nl")
    with open_store(str(site.db)) as kept:
        web = kept.get(kept.invite(code.number).intake)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(contract_answers(CRAMPS), allow_unicode=True), encoding="utf-8")
    terminal_db = tmp_path / "terminal.sqlite3"
    result = magnesium("advise", str(answers), "--save", env={"MAGNESIUM_DB": str(terminal_db)})
    assert result.returncode == 0, result.stderr
    terminal = stored(terminal_db)
    assert web.answers == terminal.answers and web.advice == terminal.advice
    assert (web.lang, web.rulebase_version, web.follow_up) == (terminal.lang, terminal.rulebase_version, terminal.follow_up)
    assert web.severities == {"muscle_cramps": 6}


def test_back_and_change_on_a_tablet_lose_no_answer(tablet, site):
    tablet.begin(site.code().shown)
    tablet.answer_until(CRAMPS, 4)  # name, age, sex, pregnant: now breastfeeding
    tablet.page.click(".back-link")
    tablet.page.click(".back-link")
    assert tablet.page.locator("input[name=answer][value=female]").is_checked()
    tablet.page.click("main button[type=submit]")  # on to the first question without an answer, as the terminal
    assert tablet.question().id == "breastfeeding"
    tablet.page.click(".back-link")
    assert tablet.page.locator("input[name=answer][value=no]").is_checked()  # 'pregnant' kept its answer
    tablet.page.click("main button[type=submit]")
    tablet.answer_until(CRAMPS)
    tablet.page.click("a:has-text('Wijzig'):has(span:text-is(' Leeftijd'))")
    assert tablet.page.input_value("#answer") == "52"
    tablet.page.fill("#answer", "71")
    tablet.page.click("main button[type=submit]")
    assert tablet.question().id == "kidney_checked"  # from 70: asked now, then back to the check page
    tablet.answer(True)
    assert tablet.page.url.endswith("/controleren")
    rows = tablet.page.locator(".summary-row").all_inner_texts()
    assert any("71 jaar" in row for row in rows) and any("Spierkrampen, Slecht slapen" in row for row in rows)


def test_another_device_carries_on_where_the_first_stopped(browser, site):
    code = site.code()
    first, second = Client(browser, site, TABLET), Client(browser, site, PHONE)
    try:
        first.begin(code.shown)
        first.answer_until(CRAMPS, 3)
        where = first.page.url
        second.type_code(code.shown.lower().replace("-", " "))
        assert second.page.url == where and second.page.locator(".notice").is_visible()
        first.page.reload()
        assert first.page.locator(".notice").inner_text() == WEB_TEXTS.say("notice_taken_over", "nl")
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("what", ["expired", "revoked"])
def test_an_expired_or_revoked_code_is_said_plainly(phone, site, what):
    code = site.code()
    with open_store(str(site.db)) as kept:
        if what == "expired":
            kept.engine.execute("UPDATE web_invites SET expires_at = '2000-01-01T00:00:00+00:00' WHERE number = ?",
                                (code.number,))
        else:
            kept.revoke_invite(code.number)
    phone.type_code(code.shown)
    assert phone.page.locator(".error-message").inner_text().endswith(WEB_TEXTS.say("code_closed", "nl"))
    assert phone.page.evaluate("document.activeElement.className") == "error-summary"


def test_a_blocked_clients_closing_page_shows_care_cards_only(phone, site):
    phone.begin(site.code().shown)
    phone.answer_until(KIDNEYS)
    phone.page.click("main button[type=submit]")
    headings = [" ".join(h.split()) for h in phone.page.locator(".care-card-heading").all_inner_texts()]
    assert headings == [" ".join((WEB_TEXTS.say(f"care_{level}", "nl") + SAFETY_TEXTS.say(key, "nl")).split())
                        for level, key in (("urgent", "stop_gp_today"), ("emergency", "too_much_112"))]
    assert phone.page.locator(".care-card .visually-hidden").first.bounding_box()["width"] <= 1
    phone.page.click("text=" + WEB_TEXTS.say("clear_now", "nl"))
    assert phone.page.locator(".notice").inner_text() == WEB_TEXTS.say("notice_done", "nl")
    phone.page.go_back()
    assert "care-card" not in phone.page.content()  # the back button shows nothing of the client


def test_a_shared_tablet_asks_then_clears_itself(browser, tmp_path):
    web = practice(tmp_path, idle_warn_s=2, idle_grace_s=3)
    with running(web.app) as url:
        web.url = url
        person = Client(browser, web, TABLET)
        try:
            person.begin(web.code().shown)
            person.answer_until(CRAMPS, 2)
            dialog = person.page.locator("#idle")
            dialog.wait_for(state="visible", timeout=10000)
            assert person.page.evaluate("document.activeElement.id") == "idle-stay"
            person.page.click("#idle-stay")
            assert not dialog.is_visible()
            person.page.wait_for_url(url, timeout=15000)  # nobody answered: the screen cleared itself
            assert person.page.locator(".notice").inner_text() == WEB_TEXTS.say("notice_cleared", "nl")
            person.page.go_back()
            assert "Mevr." not in person.page.content() and "52" not in person.page.content()
        finally:
            person.close()
        assert person.problems == []


def test_the_error_summary_gets_the_focus_and_leads_to_the_field(phone, site):
    phone.begin(site.code().shown)
    phone.answer_until(CRAMPS, 1)
    phone.page.click("main button[type=submit]")  # no age typed
    assert phone.page.title().startswith("Fout: ")
    assert phone.page.evaluate("document.activeElement.className") == "error-summary"
    phone.page.click(".error-summary-list a")
    assert phone.page.evaluate("document.activeElement.id") == "answer"


def test_keyboard_only_with_visible_focus(tablet, site):
    tablet.page.goto(site.url)
    tablet.page.keyboard.press("Tab")
    assert tablet.page.evaluate("document.activeElement.className") == "skip-link"
    assert tablet.page.locator(".skip-link").bounding_box()["x"] >= 0  # shown when it has the focus
    tablet.page.focus("#code")
    tablet.page.keyboard.type(site.code().shown)
    tablet.page.keyboard.press("Enter")
    tablet.page.wait_for_url(re.compile(r"/begin$"))
    tablet.page.keyboard.press("Tab")
    focused = tablet.page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert focused == "rgb(255, 221, 0)"  # the yellow focus of every link


def pages_of_every_kind(person: Client, site: Any, lang: str) -> list[tuple[str, Any]]:
    """(name, action) for each kind of page, in the order a client meets them."""
    def start_with_error() -> None:
        person.page.goto(site.url)
        if lang == "en":
            person.page.click(".header-lang button")
        person.page.click("main button[type=submit]")

    return [
        ("code page with an error", start_with_error),
        ("disclaimer", lambda: person.type_code(site.code(lang=lang).shown)),
        ("text question", lambda: person.page.click("button[value=yes]")),
        ("number question with an error", lambda: (person.answer("Jansen"), person.page.click("main button[type=submit]"))),
        ("choice question", lambda: person.answer(52)),
        ("yes/no question", lambda: person.answer("female")),
        ("multi question", lambda: (person.answer(False), person.answer(False), person.answer("none"))),
        ("scale question", lambda: person.answer(["muscle_cramps", "restless_legs"])),
        ("check page", lambda: (person.answer({"muscle_cramps": 7}), person.answer_until(CRAMPS))),
        ("idle question", lambda: person.page.evaluate("document.getElementById('idle').showModal()")),
        ("closing page", lambda: (person.page.evaluate("document.getElementById('idle').close()"),
                                  person.page.click("main button[type=submit]"))),
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_no_violation_on_any_kind_of_page_and_nothing_scrolls_sideways(browser, site, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe, person = Axe(), Client(browser, site, NARROWEST)
    try:
        for name, action in pages_of_every_kind(person, site, lang):
            action()
            assert person.page.locator("html").get_attribute("lang") == lang, name
            results = axe.run(person.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            assert results.violations_count == 0, f"{name}: {results.generate_report()}"
            width = person.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], f"{name} scrolls sideways at 320 px: {width}"
    finally:
        person.close()
    assert person.problems == []


def test_the_declined_and_problem_pages_pass_axe(phone, site):
    from axe_playwright_python.sync_playwright import Axe

    phone.type_code(site.code().shown)
    phone.page.click("button[value=no]")
    assert Axe().run(phone.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).violations_count == 0
    phone.page.goto(site.url + "vraag/999999")  # no visit: back to the start
    phone.page.goto(site.url + "bestaat-niet")
    assert phone.page.locator("h1").inner_text() == WEB_TEXTS.say("problem_title", "nl")
    assert Axe().run(phone.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).violations_count == 0
    phone.problems.clear()  # the browser reports the 404 itself


def test_as_in_the_practice_serve_invite_phone_review(browser, tmp_path):
    """The issue's 'done when': `magnesium serve`, a code from `magnesium invite --url`, a phone
    opens the link and finishes, and `magnesium review` lists the intake as any other."""
    from test_web_commands import start_serving, stop

    env = {"MAGNESIUM_DB": str(tmp_path / "praktijk.sqlite3")}
    server, url = start_serving(env)
    try:
        made = magnesium("invite", "--url", url, env=env)
        link = re.search(r"Link met de code: (\S+)", made.stdout).group(1)
        person = Client(browser, practice(tmp_path), PHONE)
        person.web.url = url
        try:
            person.open_link(link.rsplit("#", 1)[1])
            person.page.click("button[value=yes]")
            person.answer_until(KIDNEYS)
            person.page.click("main button[type=submit]")
            assert person.page.locator(".care-card").count() == 2
        finally:
            person.close()
    finally:
        code, _, _ = stop(server)
    assert code == 0
    listed = magnesium("review", env=env).stdout
    assert re.search(r"^1 +\d{4}-\d\d-\d\d \d\d:\d\d +Kees +ja +nieuw", listed, re.M), listed
    assert "Niet af" not in listed
    summary = magnesium("review", "1", "--no-pager", env=env)
    assert summary.returncode == 0 and "Kees" in summary.stdout
