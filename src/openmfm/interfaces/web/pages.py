"""The pages: each renders its template with the words of the visitor's language and nothing else.

A page holds no data, so it needs no key and writes no audit entry; what it shows, its script
fetches from the guarded /v1 routes with the caller's key. The Content-Security-Policy lets a
page load and call only this server: no CDN, no inline script, no other origin.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ... import __version__
from . import i18n

ASSETS = Path(str(resources.files("openmfm").joinpath("data/web")))
PAGES = {"/": "ask", "/audit": "audit", "/knowledge": "knowledge", "/deid": "deid"}
STATIC = "/static"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Vary": "Accept-Language, Cookie",
}
_env = Environment(loader=FileSystemLoader(ASSETS / "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
router = APIRouter(include_in_schema=False)


def _render(page: str, request: Request, lang_query: str | None) -> HTMLResponse:
    lang = i18n.choose(lang_query, request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))
    other = next(x for x in i18n.LANGS if x != lang)
    html = _env.get_template(f"{page}.html").render(
        page=page, pages=PAGES, lang=lang, html_lang=i18n.HTML_LANG[lang], t=i18n.strings(lang),
        other=other, switch="?" + urlencode({**request.query_params, "lang": other}), version=__version__)
    response = HTMLResponse(html, headers=HEADERS)
    if lang_query == lang:  # the switch was used: remember it for the other pages
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="strict", httponly=True)
    return response


def _page(path: str, page: str) -> None:
    async def show(request: Request, lang: str | None = Query(None, max_length=8)) -> HTMLResponse:
        return _render(page, request, lang)

    show.__name__ = f"page_{page}"
    router.add_api_route(path, show, methods=["GET"], response_class=HTMLResponse)


for _path, _name in PAGES.items():
    _page(_path, _name)


def mount(app: FastAPI) -> None:
    """The pages and their assets (stylesheet, script) on ``app``."""
    app.include_router(router)
    app.mount(STATIC, StaticFiles(directory=ASSETS / "static"), name="static")
