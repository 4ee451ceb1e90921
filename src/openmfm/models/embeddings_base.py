"""The embedder interface: e5-style models need different prefixes for queries and passages."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np

from ..config import Config


class Embedder(ABC):
    name: str
    dim: int

    @classmethod
    def from_config(cls, cfg: Config) -> "Embedder":
        """The embedder as configured by ``cfg`` (its [embedder] section): what ``load_embedder``
        calls on the class an embedder plugin registers (entry point group ``openmfm.embedders``)."""
        raise NotImplementedError(f"{cls.__name__} does not implement from_config, so it cannot be an embedder plugin.")

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per passage."""

    @abstractmethod
    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per query."""


def normalise(m: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, so that a dot product is a cosine whatever the engine returned."""
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)
