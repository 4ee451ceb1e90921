"""The BM25 index (bm25s) over the tokens the store keeps for each chunk.

The index is derived data: it is rebuilt from the store in one pass whenever the store's
generation moved (rebuilding beats incremental updates at this scale: ~40k chunks index in a few
seconds because tokens are stored, not recomputed), saved next to the database, and memory-mapped
on load.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from .store import SQLiteStore


class SparseIndex:
    def __init__(self, retriever, rowids: np.ndarray, version_ids: np.ndarray, generation: int):
        self.retriever = retriever
        self.rowids = rowids
        self.version_ids = version_ids
        self.generation = generation
        self._vocab = getattr(retriever, "vocab_dict", {}) or {}

    @classmethod
    def build(cls, store: SQLiteStore) -> "SparseIndex":
        import bm25s  # deferred: bm25s imports scipy

        rowids, vids, corpus = [], [], []
        for rowid, vid, toks in store.sparse_docs():
            rowids.append(rowid)
            vids.append(vid)
            corpus.append(toks)
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        if corpus:
            retriever.index(_as_tokenized(corpus), show_progress=False)
        return cls(retriever if corpus else None, np.asarray(rowids, dtype=np.int64),
                   np.asarray(vids, dtype=np.int64), store.generation())

    def save(self, directory: Path) -> None:
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.retriever is not None:
            self.retriever.save(str(tmp), show_progress=False)
        np.save(tmp / "rowids.npy", self.rowids)
        np.save(tmp / "version_ids.npy", self.version_ids)
        (tmp / "state.json").write_text(json.dumps({"generation": self.generation}))
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> "SparseIndex | None":
        import bm25s  # deferred: bm25s imports scipy

        state = directory / "state.json"
        if not state.is_file():
            return None
        gen = json.loads(state.read_text())["generation"]
        rowids = np.load(directory / "rowids.npy")
        retriever = bm25s.BM25.load(str(directory), mmap=True, show_progress=False) if len(rowids) else None
        return cls(retriever, rowids, np.load(directory / "version_ids.npy"), gen)

    def scores(self, tokens: list[str], mask: np.ndarray | None = None, extra: list[str] | None = None,
               extra_weight: float = 1.0) -> np.ndarray | None:
        """BM25 score of every indexed chunk (row order = ``rowids``), or None when no token is known.

        ``extra`` tokens (terminology expansions) are scored separately and added with
        ``extra_weight``, so bridged terms help without outvoting the user's own words.
        """
        if self.retriever is None:
            return None
        out = None
        for toks, w in ((tokens, 1.0), (extra or [], extra_weight)):
            ids = [self._vocab[t] for t in toks if t in self._vocab]
            if ids:
                s = self.retriever.get_scores(ids) * w
                out = s if out is None else out + s
        if out is None:
            return None
        return out * mask if mask is not None else out


def _as_tokenized(corpus: list[list[str]]):
    """Token lists to bm25s' Tokenized (ids + vocab), skipping its own tokenizer."""
    from bm25s.tokenization import Tokenized  # deferred: bm25s imports scipy

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in corpus]
    return Tokenized(ids=ids, vocab=vocab)
