"""The web app without a browser: the language a visitor gets, the words in both languages, and
assets that ship in the package and name nothing on the internet."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from openmfm.config import load_config
from openmfm.interfaces.app import create_app
from openmfm.interfaces.settings import ServeSettings
from openmfm.interfaces.web import PAGES, i18n

WEB = resources.files("openmfm").joinpath("data/web")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(load_config({"home.path": str(tmp_path_factory.mktemp("web-pages"))}), ServeSettings(preload=False))
    with TestClient(app, client=("127.0.0.1", 50000)) as c:
        yield c


@pytest.mark.parametrize("query, cookie, accept, expected", [
    (None, None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    (None, None, "fr-FR, en-GB;q=0.7, zh-TW;q=0.8", "zh"),  # q-values, not order, rank the languages
    (None, None, "en-US,en;q=0.9", "en"),
    (None, None, "fr, de;q=0.5", "en"),  # neither language asked for: English
    (None, None, None, "en"),
    (None, "zh", "en-US", "zh"),  # the switch, remembered, wins over the browser
    ("en", "zh", "zh-CN", "en"),  # and the switch used now wins over the remembered one
    ("xx", None, "zh-CN", "zh"),
])
def test_language_comes_from_the_switch_then_the_cookie_then_the_browser(query, cookie, accept, expected):
    assert i18n.choose(query, cookie, accept) == expected


def test_both_languages_have_every_word_the_pages_and_script_use():
    en, zh = i18n.strings("en"), i18n.strings("zh")
    assert set(en) == set(zh) and all(en.values()) and all(zh.values())
    assert all(re.findall(r"\{\w+\}", en[k]) == re.findall(r"\{\w+\}", zh[k]) for k in en)  # same placeholders
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", v)) for v in zh.values()) > 0.8 * len(zh)
    templates = "".join(p.read_text(encoding="utf-8") for p in WEB.joinpath("templates").iterdir())
    script = WEB.joinpath("static/app.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.(\w+)", templates)) | set(re.findall(r"\bt\[\"(\w+)\"\]", templates))
    used |= set(re.findall(r"\bt\(\"(\w+)\"", script))
    prefixes = set(re.findall(r"\bt\[\"(\w+_)\" \+", templates)) | set(re.findall(r"\bt\(`(\w+_)\$\{", script))
    assert len(used) > 100 and used - set(en) == set()
    assert prefixes and all(any(k.startswith(p) for k in en) for p in prefixes)


def test_no_asset_names_another_origin():
    files = [*WEB.joinpath("templates").iterdir(), *WEB.joinpath("static").iterdir()]
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[\w.-]+\.\w+/", text), f.name  # no CDN, no web font, no remote script
        assert not re.search(r"@import|url\(\s*['\"]?http", text), f.name


def test_each_page_renders_in_the_language_asked_and_remembers_the_switch(client):
    for path in PAGES:
        zh = client.get(path, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        assert zh.status_code == 200 and '<html lang="zh-CN">' in zh.text and i18n.strings("zh")["page_ask"] in zh.text
        en = client.get(path, headers={"Accept-Language": "en-GB"})
        assert '<html lang="en">' in en.text and i18n.strings("en")["nav_label"] in en.text
    record = client.get("/audit?id=5e1f00d2", headers={"Accept-Language": "en-GB"})
    assert 'class="lang-switch" href="?id=5e1f00d2&amp;lang=zh"' in record.text  # the switch keeps the record open
    switched = client.get("/deid?lang=zh", headers={"Accept-Language": "en-GB"})
    assert '<html lang="zh-CN">' in switched.text and "mfm_lang=zh" in switched.headers["set-cookie"]
    assert '<html lang="zh-CN">' in client.get("/audit", headers={"Accept-Language": "en-GB"}).text
