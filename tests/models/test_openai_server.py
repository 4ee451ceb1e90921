"""The openai backend when the server goes away: a clear BackendUnavailable naming the URL,
after retries with backoff, never a traceback from the HTTP stack."""

from __future__ import annotations

import pytest

from openmfm.config import load_config
from openmfm.errors import BackendUnavailable
from openmfm.models import load_model
from openmfm.models.openai_backend import OpenAIModel
from openmfm.records import Message

from .conftest import PARAMS, SMOL, LlamaServer, free_port

HI = [Message(role="user", content="Say hello.")]


def test_server_stopped_mid_test_gives_a_clear_error(llama_model):
    server = LlamaServer(llama_model.path, n_ctx=512)
    try:
        m = OpenAIModel(base_url=server.base_url, model=SMOL, max_retries=2, context_length=512, defaults=PARAMS)
        assert m.chat(HI, PARAMS).text.strip()
    finally:
        server.stop()
    with pytest.raises(BackendUnavailable) as e:
        m.chat(HI, PARAMS)
    assert server.base_url in e.value.message
    assert "3 attempt(s)" in e.value.message
    assert "base_url" in e.value.hint
    with pytest.raises(BackendUnavailable):
        m.score_choices(HI, ["yes", "no"])


def test_unreachable_server_from_configuration(monkeypatch):
    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("MFM_OPENAI_BASE_URL", url)
    monkeypatch.setenv("MFM_OPENAI_MAX_RETRIES", "1")
    m = load_model(load_config(), name="some-served-model", backend="openai")
    assert m.base_url == url and m.model == "some-served-model"
    with pytest.raises(BackendUnavailable) as e:
        m.chat(HI)
    assert url in e.value.message


def test_api_key_comes_from_the_named_environment_variable(monkeypatch):
    monkeypatch.setenv("MFM_OPENAI_API_KEY_ENV", "MY_LLM_KEY")
    monkeypatch.setenv("MY_LLM_KEY", "sk-test-123")
    m = OpenAIModel.from_config(load_config(), "x")
    assert m._client.api_key == "sk-test-123"
