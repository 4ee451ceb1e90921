"""The web app in a real browser: Debian's chromium driven by Playwright, against real servers.

Two servers over their own small zh/en KB (with a ward protocol that disagrees with a guideline on
a dose): ``local`` has no keys, so this machine is the local clinician; ``keyed`` has an admin key,
pasted into the page as a user would. Each test saves screenshots under tests/artifacts/screenshots
and checks that every request stayed on the server and every data call went to a guarded route.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.routing import APIRoute
from playwright.sync_api import expect, sync_playwright

from openmfm.interfaces.app import iter_routes, route_permission
from openmfm.interfaces.web import PAGES, STATIC
from openmfm.knowledge import open_kb
from openmfm.safety.access import KeyStore

from ..conftest import EN_Q, GOUT, GUIDE_EN, GUIDE_ZH, ZH_Q, _cfg, _serve
from ..test_limits import _Slow

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get install chromium)",
                allow_module_level=True)

expect.set_options(timeout=60_000)  # the first de-identification loads Presidio and spaCy; a busy CI machine is slow
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WARD = """# Ward hypertension protocol

- In adults aged 55 or over, start amlodipine at 10 mg once daily as the first-line drug on this ward.
"""
CONTRAST = """() => {  // every rendered element that holds text itself, against the background it sits on
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (e) => {
    for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
    return [255, 255, 255];
  };
  const out = [];
  for (const e of document.querySelectorAll("body *")) {
    const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !e.getClientRects().length || e.closest("[disabled], script, option")) continue;
    const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(background(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push({ tag: e.tagName, cls: e.className, text: e.textContent.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100 });
  }
  return out;
}"""


def _home(tmp_path_factory, name: str, policy: Path, gguf: Path):
    cfg = _cfg(tmp_path_factory.mktemp(name), policy, gguf)
    kb = open_kb(cfg, create=True)
    docs = tmp_path_factory.mktemp(f"{name}-docs")
    for file, text, meta in [
        ("htn_en.md", GUIDE_EN, {"title": "Adult hypertension guideline", "publisher": "Test Society",
                                 "doc_type": "guideline", "published": "2023-08-01", "licence": "CC-BY-4.0"}),
        ("htn_zh.md", GUIDE_ZH, {"title": "成人高血压药物治疗要点", "publisher": "测试学会", "doc_type": "guideline",
                                 "published": "2022-05-01", "licence": "CC-BY-4.0"}),
        ("gout.md", GOUT, {"title": "Gout flare note", "doc_type": "guideline", "licence": "CC0-1.0"}),
        ("ward.md", WARD, {"title": "Ward hypertension protocol", "doc_type": "local_protocol", "licence": "internal"}),
    ]:
        (docs / file).write_text(text, encoding="utf-8")
        kb.add_paths([docs / file], **meta)
    return cfg


@pytest.fixture(scope="module")
def local(tmp_path_factory, test_policy, smollm2_gguf):
    served, thread = _serve(_home(tmp_path_factory, "web-local", test_policy, smollm2_gguf), {})
    with thread:
        yield served


@pytest.fixture(scope="module")
def keyed_web(tmp_path_factory, test_policy, smollm2_gguf):
    cfg = _home(tmp_path_factory, "web-keyed", test_policy, smollm2_gguf)
    served, thread = _serve(cfg, {"admin": KeyStore(cfg).add("web-admin", "admin")})
    with thread:
        yield served


@pytest.fixture(scope="module")
def chromium():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:  # never downloads a browser: it runs the one Debian installed
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Tab:
    """One browser context (language, viewport) and the requests its pages made."""

    def __init__(self, browser, served, locale: str):
        self.served = served
        self.context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        self.requests: list[tuple[str, str]] = []
        self.context.on("request", lambda r: self.requests.append((r.method, r.url)))
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:  # something the page tried to load or run was blocked
            self.errors.append(message.text)

    def go(self, path: str):
        self.page.goto(self.served.url + path)
        return self.page

    def shot(self, name: str) -> None:
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000

    def use_key(self, role: str) -> None:
        page = self.page
        page.locator(".keybox summary").click()
        page.fill("#api-key", self.served.keys[role])
        with page.expect_navigation():
            page.press("#api-key", "Enter")
        expect(page.locator("#key-state")).to_have_text(re.compile("API key in use|正在使用"))

    def check(self) -> None:
        """Nothing left the server; every data call went to a route that names a permission; no script error."""
        guarded = [r for r in iter_routes(self.served.app.routes) if isinstance(r, APIRoute) and route_permission(r)]
        origin = self.served.url
        assert any(urlsplit(url).path.startswith("/v1/") for _, url in self.requests)
        for method, url in self.requests:
            assert url.startswith((origin + "/", "data:")), f"request left the server: {url}"
            path = urlsplit(url).path
            if path in PAGES or path.startswith(STATIC + "/"):
                assert method == "GET"
                continue
            assert any(method in r.methods and r.path_regex.match(path) for r in guarded), f"unguarded call {method} {path}"
        assert not self.errors, self.errors
        self.context.close()


def _ask(page, question: str) -> None:
    page.fill("#question", question)
    page.press("#question", "Enter")  # the keyboard asks; no click needed
    expect(page.locator("#status")).not_to_have_text(re.compile("…$"))
    expect(page.locator("#result .provenance, #result .error").first).to_be_visible()


def _low_contrast(page) -> list[dict]:
    measured = page.evaluate(CONTRAST)
    assert len(measured) >= 15  # the page's text was found and measured
    return [c for c in measured if c["ratio"] < 4.5]


def test_english_question_shows_cited_cards_conflict_support_provenance_and_audit_link(chromium, local):
    tab = Tab(chromium, local, "en-US")
    page = tab.go("/")
    expect(page.locator("h1")).to_have_text("Ask")
    _ask(page, EN_Q)
    cards = page.locator("article.card")
    assert cards.count() >= 2
    titles = cards.locator("h3").all_inner_texts()
    assert any("Adult hypertension guideline" in x for x in titles) and any("Ward hypertension protocol" in x for x in titles)
    guide = cards.filter(has_text="Adult hypertension guideline").first
    assert "amlodipine" in guide.locator("blockquote mark").inner_text()
    meta = guide.locator("dl").inner_text()
    assert "v1" in meta and "2023-08-01" in meta and "CC-BY-4.0" in meta and "Test Society" in meta
    sides = page.locator(".conflict .side h3").all_inner_texts()  # the conflict names both sources
    assert len(sides) == 2 and {"Adult hypertension guideline", "Ward hypertension protocol"} <= {s.split("] ", 1)[1] for s in sides}
    assert page.locator(".conflict .side.preferred").count() == 1
    assert page.locator("meter").get_attribute("value") == "1" and "100%" in page.locator("dl.scores").inner_text()
    prov = page.locator(".provenance").inner_text()
    assert "openmfm-default@" in prov and "0.1.0" in prov
    audit_id = page.locator("#audit-link").inner_text()
    assert page.locator("#audit-link").get_attribute("href") == f"/audit?id={audit_id}"
    page.locator("a.cite").first.click()  # a citation marker jumps to its card
    assert page.evaluate("location.hash").startswith("#ev-")
    assert _low_contrast(page) == []
    tab.shot("ask-en")  # docs/img/ask.png in the README is a copy of this one
    page.goto(f"{local.url}/audit?id={audit_id}")  # without a key the audit log says what is needed
    expect(page.locator("#record .error")).to_contain_text("API key")
    tab.check()


def test_chinese_browser_gets_the_chinese_ui_and_a_chinese_answer_with_cards(chromium, local):
    tab = Tab(chromium, local, "zh-CN")
    page = tab.go("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    expect(page.locator("h1")).to_have_text("提问")
    _ask(page, ZH_Q)
    # The ward's local protocol outranks both guidelines (the conflict names it preferred), and the
    # English guideline is kept by meaning, so the Chinese guideline's card is found by its title.
    expect(page.locator("article.card").first).to_be_visible()
    card = page.locator("article.card").filter(has_text="成人高血压药物治疗要点")
    expect(card).to_have_count(1)
    assert "氨氯地平" in card.locator("mark").inner_text()
    assert "v1" in card.inner_text() and "2022-05-01" in card.inner_text() and "测试学会" in card.inner_text()
    expect(page.locator("#answer-h")).to_have_text("回答")
    assert page.locator(".answer").get_attribute("lang") == "zh-CN"
    assert _low_contrast(page) == []
    tab.shot("ask-zh")
    page.click("a.lang-switch")  # the switch wins over the browser's language, and is remembered
    expect(page.locator("h1")).to_have_text("Ask")
    page.click("nav a[href='/deid']")
    expect(page.locator("h1")).to_have_text("De-identify")
    tab.check()


def test_red_flag_banner_comes_first_and_an_unanswerable_question_abstains(chromium, local):
    tab = Tab(chromium, local, "en-GB")
    page = tab.go("/")
    _ask(page, "My dad collapsed with a crushing pain in his chest and he is drenched in sweat, what do we do?")
    banner = page.locator(".banner").first
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_be_focused()  # focus moves to the escalation: a keyboard or screen-reader user meets it first
    assert "999" in banner.inner_text() and "banner-emergency" in banner.get_attribute("class")
    assert banner.bounding_box()["y"] < page.locator(".answer").bounding_box()["y"]
    assert page.evaluate("getComputedStyle(document.querySelector('.banner')).backgroundColor") == "rgb(164, 0, 29)"
    assert _low_contrast(page) == []
    tab.shot("red-flag")
    _ask(page, "What loading dose of warfarin is used for atrial fibrillation?")
    expect(page.locator("#abstained")).to_be_visible()
    assert page.locator("article.card").count() == 0 and page.locator(".banner").count() == 0
    assert "warfarin" in page.locator(".answer").inner_text()  # it names what is missing
    tab.shot("abstained")
    tab.check()


def test_a_written_answer_streams_its_draft_before_the_verified_answer(chromium, local):
    svc, model = local.services, _Slow(delay=0.05)  # a scripted model that writes a cited sentence slowly
    real, svc.model = svc.model, lambda: model
    try:
        tab = Tab(chromium, local, "en-US")
        page = tab.go("/")
        page.select_option("#mode", "generate")
        page.fill("#question", EN_Q)
        page.press("#question", "Enter")
        expect(page.locator("#result .draft")).to_contain_text("calcium-channel blocker")  # while it writes
        assert page.locator("#result .provenance").count() == 0 and "{" not in page.locator(".draft").inner_text()
        expect(page.locator("#result .provenance")).to_contain_text("slow-scripted")
        assert page.locator(".draft").count() == 0  # the verified answer replaces the draft
        assert "written by the model" in page.locator("dl.scores").inner_text()
        tab.check()
    finally:
        svc.model = real


def test_keyboard_alone_reaches_the_question_and_every_control_is_labelled(chromium, local):
    tab = Tab(chromium, local, "en-US")
    page = tab.go("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")  # skip to content, then the first control is the question
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "question"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # the focus is visible
    page.keyboard.type("治疗痛风急性发作首先用什么药？")
    page.keyboard.press("Enter")
    expect(page.locator("article.card h3").first).to_contain_text("Gout flare note")
    for path in PAGES:
        page.goto(local.url + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter((e) => !e.labels.length && !e.getAttribute('aria-label')).map((e) => e.id)""")
        assert unlabelled == [], (path, unlabelled)
        assert _low_contrast(page) == [], path
    tab.check()


def test_deid_shows_the_spans_and_the_redacted_text_in_both_languages(chromium, local):
    tab = Tab(chromium, local, "zh-CN")
    page = tab.go("/deid")
    for note, secrets in [("患者赵淑芬，联系电话13917265480，2024年5月6日来院复诊。", ["13917265480"]),
                          ("Seen by the team today: Mr Desmond Okoro, phone 617-555-0142, lives at 14 Elm Street.",
                           ["617-555-0142"])]:
        page.fill("#note", note)
        page.click("#deid-form button[type=submit]")
        expect(page.locator("#redacted")).to_be_visible()
        expect(page.locator("#status")).to_contain_text("找到")
        marks = page.locator("#deid-marked mark.phi").all_inner_texts()
        redacted = page.locator("#redacted").inner_text()
        for secret in secrets:
            assert secret in marks and secret not in redacted
        assert page.locator("#deid-result tbody tr").count() == len(marks)
    assert _low_contrast(page) == []
    tab.shot("deid")
    tab.check()


def test_upload_makes_a_new_version_with_a_diff_and_the_audit_replays_an_answer(chromium, keyed_web):
    tab = Tab(chromium, keyed_web, "en-US")
    page = tab.go("/knowledge")
    expect(page.locator(".error")).to_contain_text("API key")  # no key yet: the routes say what they need
    tab.use_key("admin")
    expect(page.locator("#sources tbody tr")).to_have_count(4)
    first = "# Ward fluid balance\n\n- Weigh patients on diuretics every morning before breakfast.\n"
    second = first + "- Report a gain of more than 2 kg in three days to the ward doctor.\n"
    for version, text, status in [(1, first, "added as a new source"), (2, second, "new version")]:
        page.set_input_files("#up-files", files=[{"name": "fluid-balance.md", "mimeType": "text/markdown",
                                                  "buffer": text.encode()}])
        page.select_option("#up-type", "local_protocol")
        page.fill("#up-title", "Fluid <b>balance</b> <img src=x onerror=alert(1)>")  # shown as text, never as HTML
        page.click("#upload-form button[type=submit]")
        row = page.locator("#upload-report tbody tr")
        expect(row).to_contain_text(status)
        expect(row).to_contain_text(f"v{version}")
    expect(page.locator("#sources tbody tr")).to_have_count(5)
    expect(page.locator("#sources")).to_contain_text("Fluid <b>balance</b> <img src=x onerror=alert(1)>")
    assert page.locator("#sources b, #sources img, #detail-h b").count() == 0
    expect(page.locator("#versions tbody tr")).to_have_count(2)  # the new source's versions are shown
    page.click("#diff-form button[type=submit]")
    expect(page.locator("#diff .add")).to_contain_text("2 kg in three days")
    assert _low_contrast(page) == []
    tab.shot("knowledge")

    page.goto(keyed_web.url + "/")
    _ask(page, EN_Q)
    page.click("#audit-link")
    expect(page.locator("#record")).to_contain_text(EN_Q)
    page.click("#replay")
    expect(page.locator("#replay-verdict")).to_contain_text(re.compile("Replay (identical|differs)"))
    assert "Same KB snapshot" in page.locator("#replay-verdict").inner_text()
    page.click("#audit-verify")
    expect(page.locator("#verify-verdict")).to_contain_text("The chain is intact")
    actions = page.locator("#audit-list tbody tr td:nth-child(3)").all_inner_texts()
    assert "kb_upload" in actions and "ask" in actions
    assert _low_contrast(page) == []
    tab.shot("audit")
    tab.check()
