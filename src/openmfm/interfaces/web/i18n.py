"""The web app's words in Chinese and English, and which of the two a visitor reads.

The strings are data (``data/web/i18n/<lang>.toml``), one file per language with the same keys.
The language is the one asked for in ``?lang=``, else the one remembered from that switch in a
cookie, else the browser's first preference among the two (``Accept-Language``, with q-values).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGS = ("en", "zh")
DEFAULT = "en"
HTML_LANG = {"en": "en", "zh": "zh-CN"}
COOKIE = "mfm_lang"


@cache
def strings(lang: str) -> dict[str, str]:
    raw = resources.files("openmfm").joinpath(f"data/web/i18n/{lang}.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser prefers most: ``zh-TW,en;q=0.8`` -> zh."""
    ranked = []
    for pos, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and q > 0:
            ranked.append((-q, pos, primary))
    return min(ranked)[2] if ranked else None


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    for lang in (query, cookie):
        if lang in LANGS:
            return lang
    return from_accept_language(accept) or DEFAULT
