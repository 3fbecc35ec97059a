"""What keeps the web intake safe besides its code: the headers of every response, a CSRF
token on every form, a limit on wrong codes, and the idle clock of a shared tablet.

- Headers: a strict Content-Security-Policy (this server's own script and style only, nothing
  inline, no other site: no fonts, scripts or analytics from elsewhere), no caching of pages (the
  browser's back button must not show the previous client's answers), no referrer, no framing.
- CSRF: Flask has no guard of its own; each session has a random token, every form sends it, a
  POST without it is refused.
- Wrong codes: a few misses per address per quarter of an hour, and a ceiling for all addresses
  together (guessing from many addresses); past it the start page asks to wait.
- Idle: a session that sent nothing for longer than the page's own "Ben je er nog?" allows (the
  warning, the grace, a margin) is ended at its next request, also when no script ran.
"""
from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from typing import Mapping

from flask import Response, session

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
HSTS = "max-age=31536000"
STATIC_CACHE = "public, max-age=3600"
CSRF_FIELD = "csrf"
IDLE_MARGIN_S = 30


def secure_headers(response: Response, static: bool, tls: bool) -> Response:
    """Every response's security headers; pages are never stored (static files may be)."""
    response.headers.update(HEADERS)
    response.headers["Cache-Control"] = STATIC_CACHE if static else "no-store"
    if tls:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def csrf_token() -> str:
    """This session's form token (made on first use)."""
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


def csrf_ok(form: Mapping[str, str]) -> bool:
    expected = session.get(CSRF_FIELD)
    return bool(expected) and hmac.compare_digest(str(form.get(CSRF_FIELD, "")), expected)


def idle_over(seen: float | None, limit_s: float) -> bool:
    """Whether a session last seen at `seen` (epoch seconds) has been idle past `limit_s`."""
    return seen is None or time.time() - seen > limit_s


class MissCounter:
    """Wrong codes per address in a sliding window, with a ceiling over all addresses.

    Kept in memory: `magnesium serve` is one process (its threads share this), and a restart
    forgets the misses, which a guesser cannot use (a restart needs the practitioner).
    """

    def __init__(self, per_address: int, overall: int, window_s: float):
        self.per_address, self.overall, self.window_s = per_address, overall, window_s
        self._misses: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def _prune(self, times: deque[float], moment: float) -> deque[float]:
        while times and moment - times[0] > self.window_s:
            times.popleft()
        return times

    def allowed(self, address: str) -> bool:
        """Whether this address may try a code now."""
        moment = time.monotonic()
        with self._lock:
            mine = self._prune(self._misses.get(address, deque()), moment)
            return len(mine) < self.per_address and len(self._prune(self._all, moment)) < self.overall

    def miss(self, address: str) -> None:
        moment = time.monotonic()
        with self._lock:
            self._misses.setdefault(address, deque()).append(moment)
            self._all.append(moment)
            for key in [k for k, times in self._misses.items() if not self._prune(times, moment)]:
                del self._misses[key]
