"""The card of a client code (`magnesium invite --card`): the code in large letters, the QR
code of the link (an inline SVG made here by segno, nothing fetched), until when it works.

A file for the practitioner to print or show, so it is rendered without the app (no request,
no session) from the web's own template and words, escaped as every page is.
"""
from __future__ import annotations

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .web_texts import WEB_TEXTS


def qr_svg(link: str, title: str) -> Markup:
    """The QR code of `link` as inline SVG (segno's drawing: a path, no script, no style)."""
    return Markup(segno.make(link, error="m").svg_inline(scale=4, omitsize=True, title=title))


def card(code: str, until: str, url: str | None, link: str | None, lang: str) -> str:
    """The card's HTML; with the server's address (`url`), the QR code of `link` too."""
    env = Environment(loader=PackageLoader("questionnaire.web", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(("html",)))
    env.globals["say"] = lambda key, **params: WEB_TEXTS.say(key, lang, **params)
    qr = qr_svg(link, WEB_TEXTS.say("card_qr", lang)) if link else None
    return env.get_template("card.html").render(code=code, until=until, url=url, qr=qr, lang=lang)
