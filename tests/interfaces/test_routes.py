"""No route bypasses the permission check or the audit: every route the app serves is enumerated
from the app itself and called without a key, with a role that lacks its permission, and with one
that has it. A new route fails here until it names a permission (or is listed as public) and has
an example request below. The web app's pages are the exception that holds no data: they are
checked to render nothing from the KB or the log, and every call their script makes is to a
route that names a permission."""

from __future__ import annotations

import re
import time
from importlib import resources

import pytest
from fastapi.routing import APIRoute

from openmfm.interfaces.app import PERMISSION, iter_routes, route_permission
from openmfm.interfaces.auth import KEY_ONLY, PUBLIC
from openmfm.interfaces.web import PAGES, STATIC
from openmfm.safety.access import KeyStore

from .conftest import ALLOWED, DENIED, EN_Q, ZH_Q, audit_actions

UPLOAD = ("protocol.md", "# Ward protocol\n\n- Recheck blood pressure within one hour of a dose change.\n")


def _ids(served) -> dict[str, str]:
    kb = served.services.kb()
    src = next(i for i in kb.sources() if i.source.title == "Adult hypertension guideline").source.id
    with served.client("clinician" if served.keys else None) as c:
        r = c.post("/v1/ask", json={"question": EN_Q})
    assert r.status_code == 200, r.text
    return {"source": src, "record": r.json()["audit_id"]}


def _throwaway_key(served) -> str:
    """A key id to revoke; on the keyless server an unknown one (creating a key would end keyless mode)."""
    return KeyStore(served.cfg).add("walk", "patient").split("_")[1] if served.keys else "0badc0de"


def _example(method: str, path: str, ids: dict[str, str], served) -> dict:
    """A request that succeeds for a caller with the route's permission."""
    src, rec = ids["source"], ids["record"]
    examples = {
        ("GET", "/v1/models"): {},
        ("POST", "/v1/chat/completions"): {"json": {"model": "openmfm-extractive",
                                                    "messages": [{"role": "user", "content": ZH_Q}]}},
        ("POST", "/v1/ask"): {"json": {"question": EN_Q, "mode": "extractive"}},
        ("POST", "/v1/kb/search"): {"json": {"query": "氨氯地平 剂量", "k": 3}},
        ("GET", "/v1/kb/sources"): {},
        ("GET", "/v1/kb/sources/{source_id:path}/versions/{version}"): {"url": f"/v1/kb/sources/{src}/versions/1"},
        ("GET", "/v1/kb/sources/{source_id:path}/versions"): {"url": f"/v1/kb/sources/{src}/versions"},
        ("GET", "/v1/kb/sources/{source_id:path}"): {"url": f"/v1/kb/sources/{src}"},
        ("GET", "/v1/kb/diff"): {"params": {"source_id": src, "v1": 1, "v2": 1}},
        ("POST", "/v1/kb/upload"): {"files": [("files", (UPLOAD[0], UPLOAD[1].encode(), "text/markdown"))],
                                    "data": {"doc_type": "local_protocol"}},
        ("POST", "/v1/deid"): {"json": {"text": "Seen today; phone 555-0134 for results."}},
        ("POST", "/v1/terms/lookup"): {"json": {"term": "hypertension"}},
        ("POST", "/v1/terms/normalize"): {"json": {"query": "高血压首选药"}},
        ("POST", "/v1/redflags/check"): {"json": {"text": "My father's face drooped suddenly and he cannot lift his arm."}},
        ("GET", "/v1/audit"): {"params": {"limit": 5}},
        ("GET", "/v1/audit/verify"): {},
        ("GET", "/v1/audit/{record_id}"): {"url": f"/v1/audit/{rec}"},
        ("POST", "/v1/audit/{record_id}/replay"): {"url": f"/v1/audit/{rec}/replay"},
        ("GET", "/v1/policy"): {},
        ("GET", "/v1/keys"): {},
        ("POST", "/v1/keys"): {"json": {"name": "walk-made", "role": "patient"}},
        ("DELETE", "/v1/keys/{key_id}"): {"url": lambda: "/v1/keys/" + _throwaway_key(served)},
    }
    req = dict(examples[(method, path)])
    url = req.pop("url", path)
    return {"method": method, "url": url() if callable(url) else url, **req}


def _guarded(app):
    return [(m, r.path, route_permission(r)) for r in iter_routes(app.routes) if isinstance(r, APIRoute)
            for m in sorted(r.methods) if r.path not in PUBLIC and r.path not in PAGES]


def test_every_route_is_public_or_names_a_permission(keyed):
    routes = list(iter_routes(keyed.app.routes))
    paths = {getattr(r, "path", None) for r in routes}
    assert PUBLIC <= paths
    for r in routes:
        if getattr(r, "path", None) in PUBLIC or r.path in ("/mcp", STATIC) or r.path in PAGES:
            continue
        assert isinstance(r, APIRoute) and route_permission(r), f"{r.path} has no permission"
    schema = keyed.app.openapi()["paths"]
    for method, path, perm in _guarded(keyed.app):
        assert schema[path.replace(":path", "")][method.lower()][PERMISSION] == perm  # published as enforced


def test_pages_hold_no_data_and_their_script_calls_only_guarded_routes(keyed):
    pages = [r for r in iter_routes(keyed.app.routes) if getattr(r, "path", None) in PAGES]
    assert sorted(r.path for r in pages) == sorted(PAGES)
    assert all(r.methods == {"GET"} and not r.include_in_schema for r in pages)
    private = [i.source.title for i in keyed.services.kb().sources()] + [r.id for r in keyed.services.audit_log.list(limit=5)]
    static = resources.files("openmfm").joinpath("data/web/static")
    before = len(audit_actions(keyed.cfg))
    with keyed.client() as anon:  # no key, on a server that requires one: a page is only its shell
        for path in PAGES:
            r = anon.get(path)
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
            assert "default-src 'self'" in r.headers["content-security-policy"]
            assert not [p for p in private if p in r.text], path
        for asset in static.iterdir():
            assert anon.get(f"{STATIC}/{asset.name}").status_code == 200
    assert len(audit_actions(keyed.cfg)) == before  # nothing was read, so nothing to audit
    guarded = [r for r in iter_routes(keyed.app.routes) if isinstance(r, APIRoute) and route_permission(r)]
    calls = re.findall(r"[\"'`](/v1/[^\"'`$?]*)", static.joinpath("app.js").read_text(encoding="utf-8"))
    assert len(calls) >= 10
    for call in calls:  # a literal path, or the start of one the script completes with an id
        assert any(r.path_regex.match(call) or r.path_regex.match(call + "x") for r in guarded), call


def test_each_route_refuses_no_key_and_the_wrong_role_and_audits_the_right_one(keyed):
    ids = _ids(keyed)
    checked = set()
    for method, path, perm in _guarded(keyed.app):
        with keyed.client() as anon:
            r = anon.request(**_example(method, path, ids, keyed))
            assert r.status_code == 401 and r.json()["error"]["code"] == "api_key_required", (method, path)
            assert r.headers["www-authenticate"] == "Bearer"
        with keyed.client(DENIED[perm]) as wrong:
            before = audit_actions(keyed.cfg)
            r = wrong.request(**_example(method, path, ids, keyed))
            assert r.status_code == 403 and r.json()["error"]["next"], (method, path, r.text)
            assert audit_actions(keyed.cfg)[0] == f"{perm}_denied" and len(audit_actions(keyed.cfg)) == len(before) + 1
        with keyed.client(ALLOWED[perm]) as right:
            req = _example(method, path, ids, keyed)
            before = len(audit_actions(keyed.cfg))
            r = right.request(**req)
            assert r.status_code in (200, 201), (method, path, r.text)
            assert len(audit_actions(keyed.cfg)) == before + 1, (method, path)  # exactly one entry per request
        checked.add((method, path))
    assert len(checked) >= 22


def test_loopback_without_keys_acts_as_a_clinician_and_never_reads_the_audit(keyless):
    ids = _ids(keyless)
    for method, path, perm in _guarded(keyless.app):
        with keyless.client() as anon:
            r = anon.request(**_example(method, path, ids, keyless))
        if perm in KEY_ONLY:
            assert r.status_code == 401 and "API key" in r.json()["error"]["message"], (method, path)
        else:
            assert r.status_code in (200, 201), (method, path, r.text)


@pytest.mark.parametrize("header", ["Bearer mfm_00000000_forged", "Basic dXNlcjpwYXNz", "Bearer mfm_bad"])
def test_forged_or_malformed_keys_are_refused_before_the_body_is_read(keyed, header):
    with keyed.client() as c:
        r = c.post("/v1/ask", headers={"Authorization": header, "Content-Type": "application/json"}, content=b"{not json")
    assert r.status_code == 401


def test_mcp_over_http_needs_a_key_even_on_loopback(keyless):
    with keyless.client() as c:
        r = c.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    assert r.status_code == 401 and "MCP" in r.json()["error"]["message"]


def test_a_revoked_key_stops_working(keyed):
    key = KeyStore(keyed.cfg).add("short-lived", "clinician")
    headers = {"Authorization": f"Bearer {key}"}
    with keyed.client() as c:
        assert c.get("/v1/policy", headers=headers).json()["caller"]["role"] == "clinician"
        with keyed.client("admin") as admin:
            assert admin.delete(f"/v1/keys/{key.split('_')[1]}").status_code == 200
        deadline = time.monotonic() + 10
        while c.get("/v1/policy", headers=headers).status_code != 401:  # the key list is re-read every few seconds
            assert time.monotonic() < deadline, "revoked key still accepted"
            time.sleep(0.5)
