"""Bad input gets a 4xx JSON error that says what to do next; a full queue says when to come back;
a client that leaves stops its generation; the logs hold neither PHI nor keys; metrics count it."""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest

from openmfm.interfaces.errors import ApiError
from openmfm.interfaces.limits import Lane
from openmfm.interfaces.metrics import Metrics
from openmfm.interfaces.routes.kb import _upload_name
from openmfm.models.base import ChatModel, Usage

from .conftest import EN_Q, _serve, audit_actions

SENTENCE = "For adults aged 55 or over, offer a calcium-channel blocker such as amlodipine 5 mg once daily."


class _Slow(ChatModel):
    """Writes a cited sentence a few characters at a time, slowly, stopping when told to."""

    backend, name, context_length = "scripted", "slow-scripted", 4096
    written = 0

    def __init__(self, delay: float):
        self.delay = delay

    def _generate(self, messages, params, schema, abort):
        reply = json.dumps({"sentences": [{"text": SENTENCE, "citations": [1]}] * 3})
        yield Usage(prompt_tokens=10, completion_tokens=0)
        for i in range(0, len(reply), 4):
            if abort.is_set():
                return
            time.sleep(self.delay)
            type(self).written += 1
            yield reply[i:i + 4]

    def count_tokens(self, text):
        return len(text.split())

    def count_message_tokens(self, messages):
        return 10

    def score_choices(self, messages, choices):
        raise NotImplementedError


@pytest.fixture(scope="module")
def slow(keyless_cfg):
    served, thread = _serve(keyless_cfg, {}, model_waiting=0, preload=False, mcp=False, max_body_bytes=20_000,
                            max_upload_mb=0.01)
    model = _Slow(delay=0.05)
    served.services.model = lambda: model
    with thread:
        yield served


def _metric(served, name: str) -> float:
    line = next(x for x in httpx.get(f"{served.url}/metrics").text.splitlines() if x.startswith(name + " "))
    return float(line.split()[1])


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["next"] and err["message"]
    return err


def test_bad_requests_get_json_errors_with_a_next_step(slow):
    with slow.client() as c:
        _error(c.post("/v1/ask", content=b'{"question": "x"', headers={"Content-Type": "application/json"}),
               400, "invalid_json")
        _error(c.post("/v1/ask", data={"question": EN_Q}), 415, "unsupported_media_type")
        _error(c.post("/v1/ask", json={"question": EN_Q, "mood": "kind"}), 422, "unknown_field")
        _error(c.post("/v1/ask", json={"question": EN_Q * 200}), 400, "invalid_input")
        _error(c.post("/v1/ask", json={"question": " "}), 400, "invalid_input")
        _error(c.post("/v1/ask", json={"question": "x" * 30_000}), 413, "body_too_large")
        _error(c.post("/v1/ask", content=b'{"question": "\\ud800 chest pain"}',
                      headers={"Content-Type": "application/json"}), 422, "invalid_field")
        _error(c.post("/v1/kb/search", json={"query": "amlodipine", "k": 0}), 422, "invalid_field")
        _error(c.get("/v1/no-such-route"), 404, "not_found")
        _error(c.delete("/v1/ask"), 405, "method_not_allowed")


def test_odd_unicode_is_normalised_not_refused(slow):
    with slow.client() as c:  # full-width letters and a zero-width space inside the drug name
        r = c.post("/v1/kb/search", json={"query": "ａｍｌｏ\u200bdipine"})
    assert r.status_code == 200 and any("amlodipine" in h["quote"] for h in r.json()["hits"])


def test_uploads_are_limited_by_type_and_size(keyed):
    with keyed.client("admin") as admin:
        _error(admin.post("/v1/kb/upload", files=[("files", ("run.exe", b"MZ", "application/octet-stream"))]),
               415, "unsupported_file_type")
        big = b"# Big\n\n" + b"- a line of protocol text that repeats.\n" * 30_000
        _error(admin.post("/v1/kb/upload", files=[("files", ("big.md", big, "text/markdown"))]), 413, "file_too_large")
        _error(admin.post("/v1/kb/upload", json={"files": []}), 415, "unsupported_media_type")
    with keyed.client() as anon:  # without a key the file is never read
        assert anon.post("/v1/kb/upload", files=[("files", ("a.md", b"# A", "text/markdown"))]).status_code == 401


def test_upload_names_are_made_safe():
    assert _upload_name("../../notes/Ward Protocol.MD") == "ward-protocol.md"
    with pytest.raises(ApiError) as e:
        _upload_name("../../etc/passwd")
    assert e.value.status == 415


def test_a_full_model_queue_answers_429_with_retry_after(slow):
    with slow.client() as c, c.stream("POST", "/v1/ask", json={"question": EN_Q, "mode": "generate", "stream": True}) as first:
        lines = first.iter_lines()  # kept: dropping it would close the stream, and the server would stop the answer
        next(lines)
        r = c.post("/v1/ask", json={"question": EN_Q, "mode": "generate"})
        err = _error(r, 429, "queue_full")
        assert int(r.headers["retry-after"]) >= 1 and "Retry after" in err["next"]
        assert c.post("/v1/ask", json={"question": EN_Q, "mode": "extractive"}).status_code == 200  # its own lane
        t0 = time.perf_counter()
        assert c.get("/healthz").status_code == 200
        assert time.perf_counter() - t0 < 2.0  # the event loop is free while the model writes
    metrics = httpx.get(f"{slow.url}/metrics").text
    assert 'openmfm_queue_rejected_total{lane="model"}' in metrics


def test_a_client_that_disconnects_stops_the_generation(slow):
    before = audit_actions(slow.cfg).count("ask_cancelled")
    with httpx.Client(base_url=slow.url, timeout=30) as c:
        with c.stream("POST", "/v1/ask", json={"question": EN_Q, "mode": "generate", "stream": True}) as r:
            for line in r.iter_lines():
                if line == "event: draft":
                    break
    written_at_close = _Slow.written
    deadline = time.monotonic() + 10
    while audit_actions(slow.cfg).count("ask_cancelled") == before:
        assert time.monotonic() < deadline, "the generation was not stopped"
        time.sleep(0.2)
    time.sleep(0.5)
    stopped_at = _Slow.written
    time.sleep(0.5)
    assert _Slow.written == stopped_at  # nothing more is written
    assert stopped_at - written_at_close < 40  # and it stopped well before the reply's end (about 90 pieces)
    assert _metric(slow, "openmfm_generations_cancelled_total") >= 1


def test_lane_admits_up_to_its_capacity_then_refuses():
    lane = Lane("model", workers=1, waiting=1, metrics=Metrics())
    with lane.admitted(), lane.admitted():
        with pytest.raises(ApiError) as e, lane.admitted():
            pass
    assert e.value.status == 429 and e.value.headers["Retry-After"].isdigit()
    with lane.admitted():  # places are given back
        pass
    lane.close()


def test_logs_hold_neither_phi_nor_keys(keyed, caplog):
    note = "Patient Rosalind Whitcombe, phone 617-555-0142, asks about amlodipine."
    key = keyed.keys["clinician"]
    with caplog.at_level(logging.INFO, logger="openmfm"):
        with keyed.client("clinician") as c:
            c.post("/v1/deid", json={"text": note})
            c.post("/v1/ask", json={"question": note, "mode": "extractive"})
            c.post("/v1/kb/search", json={"query": note})
        with httpx.Client(base_url=keyed.url) as anon:
            anon.get("/v1/policy", headers={"Authorization": "Bearer mfm_deadbeef_not-a-real-secret"})
        deadline = time.monotonic() + 10  # a line is written after its response is sent
        while True:
            lines = [r.getMessage() for r in caplog.records if r.name.startswith("openmfm.")]
            access = [json.loads(line) for line in lines if '"route"' in line]
            if {a["route"] for a in access} >= {"/v1/deid", "/v1/ask", "/v1/kb/search", "/v1/policy"}:
                break
            assert time.monotonic() < deadline, [a["route"] for a in access]
            time.sleep(0.1)
    text = "\n".join(lines)
    for secret in ("Whitcombe", "617-555-0142", key, key.split("_", 2)[2], "not-a-real-secret"):
        assert secret not in text
    assert {a["role"] for a in access if a["route"] == "/v1/ask"} == {"clinician"}


def test_metrics_count_requests_answers_and_flags(keyed):
    with keyed.client("clinician") as c:
        c.post("/v1/ask", json={"question": EN_Q, "mode": "extractive"})
    text = httpx.get(f"{keyed.url}/metrics").text
    assert 'openmfm_http_requests_total{method="POST",route="/v1/ask",status="200"}' in text
    assert 'openmfm_answers_total{channel="http",mode="extractive"}' in text
    assert 'openmfm_flags_total{kind="disclaimer",severity="info"}' in text
    assert "openmfm_http_request_seconds_bucket" in text and 'openmfm_queue_depth{lane="work"}' in text


def test_readyz_reports_each_part(keyed):
    deadline = time.monotonic() + 120
    while (r := httpx.get(f"{keyed.url}/readyz")).status_code != 200:
        assert time.monotonic() < deadline, r.text
        time.sleep(1)
    assert set(r.json()["parts"]) == {"policy", "audit", "kb", "embedder", "model", "deid"}
