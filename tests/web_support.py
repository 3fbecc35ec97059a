"""What the web tests share: a practice with its own store and app, scripted clients whose answers
are given as the pages' forms send them, and the same answers as a terminal would keep them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from questionnaire.store import open_store
from questionnaire.web import codes
from questionnaire.web.app import create_app
from questionnaire.web.context import Settings

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
QUESTION_URL = re.compile(r"^/vraag/(\d+)$")

# A client answering every question that applies to her (by question id), as the pages take them.
CRAMPS = {"client": "Mevr. <b>Jansen</b> & Co", "age": 52, "sex": "female", "pregnant": False,
          "breastfeeding": False, "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"],
          "severity": {"muscle_cramps": 6}, "conditions": [], "medications": ["antibiotics"],
          "takes_magnesium": True, "current_form": "citrate", "current_amount": 200.5,
          "current_basis": "elemental", "excess_symptoms": [], "symptoms_muscles": ["eyelid_twitching"],
          "symptoms_mind": [], "symptoms_belly": [], "symptoms_heart": [], "symptoms_other": []}
# Kidney problems block every advice: the closing page says stop, the GP today, 112.
KIDNEYS = {**CRAMPS, "client": "Kees", "sex": "male", "age": 61, "kidney": "problems", "takes_magnesium": False}
# Pregnant with menstrual-like pain: the midwife today (a critical reason, not a block).
MIDWIFE = {**CRAMPS, "client": "Sanne", "age": 30, "pregnant": True, "complaints": ["muscle_cramps"],
           "severity": {}, "symptoms_belly": ["stomach_cramps"], "takes_magnesium": False}


def form_of(kind: str, value: Any) -> dict[str, Any]:
    """The form fields a page sends for an answer (see questionnaire/web/fields.py)."""
    if kind == "yesno":
        return {"answer": "yes" if value else "no"}
    if kind == "scale":
        return {f"rate-{item}": str(n) for item, n in value.items()}
    if kind == "multi":
        return {"answer": list(value)}
    if isinstance(value, float):  # as a Dutch client types it
        return {"answer": str(value).replace(".", ",")}
    return {"answer": "" if value is None else str(value)}


@dataclass
class Practice:
    """A practice's store and web app, as `magnesium serve` makes them."""

    db: Path
    settings: Settings

    def __post_init__(self) -> None:
        self.app = create_app(self.settings, secret=b"test-secret-of-32-bytes-at-least")
        self.app.testing = False  # errors go through the app's own pages, as when served

    @property
    def questions(self) -> tuple:
        return self.app.extensions["magnesium"].questionnaire.questions

    def code(self, hours: int = 24, lang: str = "nl") -> codes.NewCode:
        with open_store(str(self.db)) as kept:
            return codes.create(kept, hours, lang)

    def client(self) -> WebClient:
        return WebClient(self, self.app.test_client())


def practice(tmp_path: Path, **settings: Any) -> Practice:
    db = tmp_path / "intakes.sqlite3"
    return Practice(db, Settings(db=str(db), **settings))


class WebClient:
    """One browser on the Flask test client: it keeps the page's form token, as a browser does."""

    def __init__(self, where: Practice, client: Any):
        self.practice, self.http, self.token = where, client, ""
        self.visited: list[str] = []

    def get(self, url: str) -> Any:
        response = self.http.get(url)
        self.visited.append(url)
        self._remember(response)
        return response

    def post(self, url: str, data: dict | None = None) -> Any:
        response = self.http.post(url, data={"csrf": self.token, **(data or {})})
        self.visited.append(url)
        self._remember(response)
        return response

    def _remember(self, response: Any) -> None:
        found = TOKEN.search(response.get_data(as_text=True))
        if found:
            self.token = found.group(1)

    def start(self, code: str) -> Any:
        """The start page, then the code: the answer is the redirect to where the client goes."""
        self.get("/")
        return self.post("/", {"code": code})

    def begin(self, code: str) -> str:
        """Code, disclaimer, yes: the address of the first question."""
        assert self.start(code).status_code == 303
        self.get("/begin")
        response = self.post("/begin", {"choice": "yes"})
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return response.headers["Location"]

    def answer_all(self, answers: dict, url: str, stop_after: int | None = None) -> str:
        """Answer each question the pages ask (from `answers`, by question id) until the check page
        (or `stop_after` answers); the address reached."""
        given = 0
        while (found := QUESTION_URL.match(url)) and (stop_after is None or given < stop_after):
            question = self.practice.questions[int(found.group(1)) - 1]
            self.get(url)
            response = self.post(url, form_of(question.type, answers.get(question.id)))
            assert response.status_code == 303, (question.id, response.get_data(as_text=True)[:2000])
            url, given = response.headers["Location"], given + 1
        return url

    def finish(self, code: str, answers: dict) -> Any:
        """A whole intake: code, yes, every question, the check page, send; the closing page."""
        assert self.answer_all(answers, self.begin(code)) == "/controleren"
        self.get("/controleren")
        response = self.post("/versturen")
        assert response.headers["Location"] == "/klaar", response.get_data(as_text=True)[:500]
        return self.get("/klaar")


def stored(db: Path, number: int = 1) -> Any:
    with open_store(str(db)) as kept:
        return kept.get(number)


def contract_answers(answers: dict) -> dict:
    """The answers file a terminal user would write for the same client (`magnesium advise --save`)."""
    keys = ("client", "age", "sex", "pregnant", "breastfeeding", "kidney", "complaints", "conditions", "medications")
    found = {key: answers[key] for key in keys if key in answers}
    if answers.get("takes_magnesium"):
        found["current_magnesium"] = {"form": answers["current_form"], "mg_per_day": answers["current_amount"],
                                      "amount_basis": answers["current_basis"]}
        found["excess_symptoms"] = answers["excess_symptoms"]
    found["symptoms"] = [s for key in ("symptoms_muscles", "symptoms_mind", "symptoms_belly", "symptoms_heart",
                                       "symptoms_other") for s in answers.get(key, [])]
    return found
