"""The real `openai` client against a running server: both models, streaming and not, zh and en."""

from __future__ import annotations

import openai
import pytest

from openmfm.audit import AuditLog

from .conftest import EN_Q, ZH_Q


@pytest.fixture(scope="module")
def client(keyless):
    return openai.OpenAI(base_url=f"{keyless.url}/v1", api_key="not-an-openmfm-key", max_retries=0)


def test_models_lists_both_answer_modes(client):
    assert {m.id for m in client.models.list()} == {"openmfm", "openmfm-extractive"}


@pytest.mark.parametrize("question, lang, drug", [(EN_Q, "en", "amlodipine"), (ZH_Q, "zh", "氨氯地平")])
def test_extractive_completion_carries_cited_verified_evidence(client, keyless, question, lang, drug):
    r = client.chat.completions.create(model="openmfm-extractive", messages=[
        {"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": question}])
    text = r.choices[0].message.content
    ext = r.model_extra["openmfm"]
    assert r.object == "chat.completion" and r.choices[0].finish_reason == "stop"
    assert drug in text and ext["language"] == lang and ext["mode"] == "extractive" and not ext["abstained"]
    assert ext["claims"] and all(c["citations"] for c in ext["claims"] if not c["removed"])
    cited = {cit["chunk_id"] for c in ext["claims"] for cit in c["citations"]}
    assert cited <= {card["chunk_id"] for card in ext["evidence"]}
    assert all(card["title"] and card["version"] >= 1 and card["quote"] for card in ext["evidence"])
    assert ext["context_turns"] == 1 and ext["provenance"]["policy_version"]
    rec = AuditLog(keyless.cfg.audit_path).get(ext["audit_id"])
    assert rec.action == "ask" and rec.payload["channel"] == "http" and rec.role == "clinician"
    assert rec.payload["question"] == question


def test_streamed_extractive_answer_matches_the_verified_text(client):
    chunks = list(client.chat.completions.create(model="openmfm-extractive", stream=True,
                                                 messages=[{"role": "user", "content": EN_Q}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    ext = final.model_extra["openmfm"]
    assert "amlodipine" in text and ext["audit_id"] and ext["evidence"]
    assert text.endswith(ext["flags"][-1]["message"])  # the disclaimer closes the verified text


def test_generate_mode_streams_draft_beside_the_verified_text(client, keyless):
    stream = client.chat.completions.create(model="openmfm", stream=True, stream_options={"include_usage": True},
                                            messages=[{"role": "user", "content": EN_Q}])
    chunks = list(stream)
    drafts = [c.model_extra.get("openmfm", {}).get("draft") for c in chunks]
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    done = [c for c in chunks if c.choices and c.choices[0].finish_reason == "stop"]
    assert len(done) == 1 and chunks[-1].usage is not None and not chunks[-1].choices
    ext = done[0].model_extra["openmfm"]
    rec = AuditLog(keyless.cfg.audit_path).get(ext["audit_id"])
    assert rec.payload["requested_mode"] == "generate" and rec.payload["model"] == "smollm2-135m-instruct"
    assert content == rec.payload["answer"]  # what a chat UI shows is the audited, verified text
    if ext["mode"] == "generate":  # the small model wrote usable JSON: its prose came as drafts first
        assert any(drafts)


def test_errors_are_openai_error_objects(client):
    with pytest.raises(openai.NotFoundError) as e:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": EN_Q}])
    assert e.value.body["code"] == "model_not_found" and "openmfm" in e.value.body["next"]
    with pytest.raises(openai.BadRequestError) as e:
        client.chat.completions.create(model="openmfm-extractive", messages=[{"role": "user", "content": "   "}])
    assert e.value.body["type"] == "invalid_request_error" and e.value.body["next"]
    with pytest.raises(openai.UnprocessableEntityError) as e:
        client.chat.completions.create(model="openmfm-extractive", messages=[{"role": "user", "content": EN_Q}],
                                       extra_body={"temprature": 0.2})
    assert e.value.body["code"] == "unknown_field" and e.value.body["param"] == "temprature"
