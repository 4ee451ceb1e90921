"""The dense index: a faiss inner-product index over the embeddings the store keeps, keyed by
chunk row id.

Like the BM25 index it is derived from the store and carries the store's vector state it matches
(the generation, plus the batches of vectors filled in after their chunks); when that lags, it
is brought up to date (new keys added, removed keys dropped) rather than rebuilt, so vectors
computed in the background are searched as they arrive. The index is exact (flat): at the size of a hospital's evidence base (10^4-10^5 chunks)
an exact scan takes milliseconds and needs no recall trade-off. Filtered searches (a language, a
date) over-fetch and fall back to an exact scan of the allowed vectors when the filter is narrow.
(usearch was tried first: its statically linked C++ runtime breaks llama.cpp's tokenizer loading
in the same process with std::bad_cast; see docs/decisions.md.)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .store import SQLiteStore


class VectorIndex:
    def __init__(self, index, version_of: dict[int, int], state: str, dim: int):
        self.index = index
        self.version_of = version_of  # chunk rowid -> version id
        self.state = state  # the store's vector_state() this index matches
        self.dim = dim

    @staticmethod
    def _new(dim: int):
        import faiss  # deferred: faiss loads its native library

        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @classmethod
    def sync(cls, store: SQLiteStore, path: Path, dim: int, current: "VectorIndex | None" = None) -> "VectorIndex":
        """An index matching the store: loads ``path`` or ``current`` and adds/removes the difference."""
        idx = current or cls.load(path, dim)
        if idx is None:
            idx = cls(cls._new(dim), {}, "", dim)
        state = store.vector_state()
        if idx.state == state:
            return idx
        keys, vids, vecs = [], [], []
        for rowid, vid, vec in store.vectors():
            keys.append(rowid)
            vids.append(vid)
            vecs.append(vec)
        wanted = dict(zip(keys, vids))
        gone = [k for k in idx.version_of if k not in wanted]
        if gone:
            idx.index.remove_ids(np.asarray(gone, dtype=np.int64))
        new = [i for i, k in enumerate(keys) if k not in idx.version_of]
        if new:
            idx.index.add_with_ids(np.vstack([vecs[i] for i in new]).astype(np.float32),
                                   np.asarray([keys[i] for i in new], dtype=np.int64))
        idx.version_of = wanted
        idx.state = state
        return idx

    def save(self, path: Path) -> None:
        import faiss  # deferred: faiss loads its native library

        tmp = path.with_name(path.name + ".tmp")
        faiss.write_index(self.index, str(tmp))
        tmp.replace(path)
        state = path.with_name(path.name + ".json")
        state_tmp = state.with_name(state.name + ".tmp")
        state_tmp.write_text(json.dumps({"state": self.state, "dim": self.dim,
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
        import faiss  # deferred: faiss loads its native library

        index = faiss.read_index(str(path))
        if index.ntotal != len(s["keys"]) or index.d != dim:
            return None
        return cls(index, dict(zip(s["keys"], s["versions"])), s.get("state", ""), dim)

    def get(self, keys: list[int]) -> np.ndarray:
        """The stored vectors of ``keys`` (chunk rowids), one row each."""
        return np.vstack([self.index.reconstruct(int(key)) for key in keys]).astype(np.float32)

    def __len__(self) -> int:
        return len(self.version_of)

    def search(self, query: np.ndarray, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """(chunk rowid, cosine similarity) of the nearest ``k`` allowed chunks."""
        n = len(self.version_of)
        if n == 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        fetch = min(n, k if allowed is None else k * 4)
        sims, ids = self.index.search(q[None, :], fetch)
        hits = [(int(key), float(sim)) for key, sim in zip(ids[0], sims[0]) if key >= 0]
        if allowed is not None:
            hits = [(key, s) for key, s in hits if self.version_of.get(key) in allowed]
            if len(hits) < k and fetch < n:
                keys = [key for key, v in self.version_of.items() if v in allowed]
                if keys:
                    sims = self.get(keys) @ q
                    order = np.argsort(-sims)[:k]
                    hits = [(keys[i], float(sims[i])) for i in order]
        return hits[:k]
