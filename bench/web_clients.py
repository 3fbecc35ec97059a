"""Clients answering the web intake at once, over HTTP against a real server (cheroot in a thread):
what bench_web.py times and tests/test_web_load.py checks (no answer lost).

Each client is one browser: its own connection (kept open, as a browser does), its own session
cookie, the form token of each page; it gives its code, says yes, answers every question the
pages ask from its answers by question id, sends on the check page and reads the closing page.
Every request's time (from sending to the whole answer read) is kept with its kind of page.
"""
from __future__ import annotations

import http.client
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
QUESTION = re.compile(r"^/vraag/(\d+)$")


def form_of(kind: str, value: Any) -> list[tuple[str, str]]:
    """The form fields a page sends for an answer (questionnaire/web/fields.py)."""
    if kind == "yesno":
        return [("answer", "yes" if value else "no")]
    if kind == "scale":
        return [(f"rate-{item}", str(n)) for item, n in value.items()]
    if kind == "multi":
        return [("answer", item) for item in value]
    return [("answer", "" if value is None else str(value))]


@dataclass
class Browser:
    """One client's browser on one kept-open connection."""

    host: str
    port: int
    think_s: tuple[float, float] = (0.0, 0.0)
    times: list[tuple[str, float]] = field(default_factory=list)
    cookie: str = ""
    token: str = ""

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def request(self, method: str, path: str, fields: list[tuple[str, str]] | None = None) -> tuple[int, str, str]:
        """Status, the redirect's target (or ''), the page."""
        if method == "POST":
            time.sleep(random.uniform(*self.think_s))  # reading the page and answering it
        body = urllib.parse.urlencode([("csrf", self.token), *(fields or [])]) if method == "POST" else None
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        page = response.read().decode(errors="replace")  # a PDF too: the page is only searched for the token
        self.times.append((f"{method} {'/vraag/N' if QUESTION.match(path) else path}", time.perf_counter() - start))
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        found = TOKEN.search(page)
        if found:
            self.token = found.group(1)
        return response.status, urllib.parse.urlsplit(response.getheader("Location") or "").path, page

    def intake(self, code: str, answers: dict, questions: tuple) -> None:
        """A whole intake, from the code to the closing page (AssertionError when a page refuses)."""
        self.request("GET", "/")
        status, where, _ = self.request("POST", "/", [("code", code)])
        assert (status, where) == (303, "/begin"), (status, where)
        self.request("GET", "/begin")
        status, where, _ = self.request("POST", "/begin", [("choice", "yes")])
        while (found := QUESTION.match(where)):
            question = questions[int(found.group(1)) - 1]
            self.request("GET", where)
            status, where, page = self.request("POST", where, form_of(question.type, answers[question.id]))
            assert status == 303, (question.id, status, page[:300])
        assert where == "/controleren", where
        self.request("GET", where)
        status, where, _ = self.request("POST", "/versturen")
        assert (status, where) == (303, "/klaar"), (status, where)
        assert self.request("GET", "/klaar")[0] == 200
        self.connection.close()


def at_once(url: str, work: list[tuple[str, dict]], questions: tuple,
            think_s: tuple[float, float] = (0.0, 0.0)) -> tuple[list[Browser], list[BaseException]]:
    """One client per (code, answers), all started together; their browsers and any failures."""
    parts = urllib.parse.urlsplit(url)
    browsers = [Browser(parts.hostname, parts.port, think_s) for _ in work]
    failures: list[BaseException] = []
    gate = threading.Barrier(len(work))

    def client(browser: Browser, code: str, answers: dict) -> None:
        gate.wait()
        try:
            browser.intake(code, answers, questions)
        except BaseException as err:  # noqa: BLE001 - collected, reported by the caller
            failures.append(err)

    threads = [threading.Thread(target=client, args=(b, code, answers)) for b, (code, answers) in zip(browsers, work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return browsers, failures
