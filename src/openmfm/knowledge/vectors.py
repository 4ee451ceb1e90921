"""The dense index: usearch HNSW over the embeddings the store keeps, keyed by chunk row id.

Like the BM25 index it is derived from the store and carries the store generation it matches;
when that lags, it is brought up to date (new keys added, removed keys dropped) rather than
rebuilt. Filtered searches (a language, a date) over-fetch from HNSW and fall back to an exact
scan of the allowed vectors when the filter is so narrow that HNSW returns too few of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .store import SQLiteStore


class VectorIndex:
    def __init__(self, index, version_of: dict[int, int], generation: int, dim: int):
        self.index = index
        self.version_of = version_of  # chunk rowid -> version id
        self.generation = generation
        self.dim = dim

    @staticmethod
    def _new(dim: int):
        from usearch.index import Index

        return Index(ndim=dim, metric="ip", dtype="f32", connectivity=16, expansion_add=128, expansion_search=96)

    @classmethod
    def sync(cls, store: SQLiteStore, path: Path, dim: int, current: "VectorIndex | None" = None) -> "VectorIndex":
        """An index matching the store: loads ``path`` or ``current`` and adds/removes the difference."""
        idx = current or cls.load(path, dim)
        if idx is None:
            idx = cls(cls._new(dim), {}, -1, dim)
        if idx.generation == store.generation():
            return idx
        keys, vids, vecs = [], [], []
        for rowid, vid, vec in store.vectors():
            keys.append(rowid)
            vids.append(vid)
            vecs.append(vec)
        wanted = dict(zip(keys, vids))
        gone = [k for k in idx.version_of if k not in wanted]
        if gone:
            idx.index.remove(np.asarray(gone, dtype=np.uint64))
        new = [i for i, k in enumerate(keys) if k not in idx.version_of]
        if new:
            idx.index.add(np.asarray([keys[i] for i in new], dtype=np.uint64),
                          np.vstack([vecs[i] for i in new]).astype(np.float32), threads=2)
        idx.version_of = wanted
        idx.generation = store.generation()
        return idx

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        self.index.save(str(tmp))
        tmp.replace(path)
        state = path.with_name(path.name + ".json")
        state_tmp = state.with_name(state.name + ".tmp")
        state_tmp.write_text(json.dumps({"generation": self.generation, "dim": self.dim,
                                         "keys": list(self.version_of), "versions": list(self.version_of.values())}))
        state_tmp.replace(state)

    @classmethod
    def load(cls, path: Path, dim: int) -> "VectorIndex | None":
        state = path.with_name(path.name + ".json")
        if not (path.is_file() and state.is_file()):
            return None
        s = json.loads(state.read_text())
        if s["dim"] != dim:
            return None
        index = cls._new(dim)
        index.load(str(path))
        if len(index) != len(s["keys"]):
            return None
        return cls(index, dict(zip(s["keys"], s["versions"])), s["generation"], dim)

    def __len__(self) -> int:
        return len(self.version_of)

    def search(self, query: np.ndarray, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """(chunk rowid, cosine similarity) of the nearest ``k`` allowed chunks."""
        n = len(self.version_of)
        if n == 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        fetch = min(n, k if allowed is None else k * 4)
        m = self.index.search(q, fetch)
        hits = [(int(key), 1.0 - float(d)) for key, d in zip(m.keys, m.distances)]
        if allowed is not None:
            hits = [(key, s) for key, s in hits if self.version_of.get(key) in allowed]
            if len(hits) < k and fetch < n:
                keys = [key for key, v in self.version_of.items() if v in allowed]
                if keys:
                    vecs = self.index.get(np.asarray(keys, dtype=np.uint64))
                    sims = np.asarray(vecs, dtype=np.float32) @ q
                    order = np.argsort(-sims)[:k]
                    hits = [(keys[i], float(sims[i])) for i in order]
        return hits[:k]
