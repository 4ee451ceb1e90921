"""``KnowledgeBase``: the one object callers use to add, version, search and cite evidence.

Search is hybrid: the query is normalised with the terminology (synonyms, abbreviations, zh<->en
bridging) for BM25 and embedded for dense retrieval (the embedder is multilingual; for Chinese,
with the terminology's English names added), the two score lists are fused (``fusion.convex``)
with the weights of the question's language, filters are applied inside each retriever, and a
diversity cap keeps one page from filling the result list. Chunks are indexed and embedded with
their section path (``ingest.index_text``). Every ``Evidence`` names its source, version, span
and the snapshot id of the KB state it came from.
"""

from __future__ import annotations

import difflib
import fcntl
import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence, get_args

import numpy as np
from pydantic import BaseModel

from ..config import Config, load_config
from ..errors import InvalidInput, KnowledgeBaseError
from ..records import Chunk, DocType, Evidence, Source, SourceVersion
from ..text import detect_language, tokenize
from . import backfill, fusion
from .ingest import DEFAULT_MAX_MB, Ingestor, IngestReport
from .sparse import SparseIndex
from .store import ChunkRow, SQLiteStore
from .terminology import lookup, normalize_query
from .vectors import VectorIndex

DB_NAME = "kb.sqlite"
MAX_PER_PAGE = 3
MAX_QUERY_CHARS = 2000
# Terminology entries (one ICD-10 title per chunk) answer "which code", not clinical questions, and
# their 50-character chunks win BM25 by length alone: searched only when asked for (--doc-type).
SEARCHED_BY_DEFAULT = tuple(t for t in get_args(DocType) if t != "terminology")


class SourceInfo(BaseModel):
    """A source with its newest version, as `mfm kb list` shows it."""

    source: Source
    version: SourceVersion | None
    chunks: int
    embedded: bool
    vectors: int = 0  # chunks with a vector so far (fewer than ``chunks`` while embedding in the background)


class KnowledgeBase:
    def __init__(self, directory: Path, cfg: Config, *, create: bool = False):
        self.dir = Path(directory)
        self.cfg = cfg
        self.name = self.dir.name
        self.store = SQLiteStore(self.dir / DB_NAME, create=create)
        self._embedder = None
        self._sparse: SparseIndex | None = None
        self._vectors: VectorIndex | None = None
        self._lock = threading.RLock()
        self._cache_gen = -1
        self._versions_cache: dict[int, tuple[Source, SourceVersion]] = {}
        self._visible_cache: dict[Any, tuple[set[int], np.ndarray | None]] = {}
        self._snapshot_cache: dict[Any, str] = {}
        self._qvec_cache: OrderedDict[str, np.ndarray] = OrderedDict()

    # ------------------------------------------------------------------ identity
    @property
    def snapshot_id(self) -> str:
        """A hash over every current source version: changes whenever the evidence changes."""
        return self.snapshot()

    def snapshot(self, as_of: date | None = None) -> str:
        self._check_caches()
        key = as_of.isoformat() if as_of else None
        if key not in self._snapshot_cache:
            self._snapshot_cache[key] = self.store.snapshot(as_of)
        return self._snapshot_cache[key]

    @property
    def embedder(self):
        if self._embedder is None:
            # deferred: the model layer (and its embedding runtime) loads only when something is embedded
            from ..models.embeddings import load_embedder

            self._embedder = load_embedder(self.cfg)
        return self._embedder

    def _embedder_id(self) -> str:
        return f"{self.embedder.name}:{self.embedder.dim}"

    # ------------------------------------------------------------------ writes
    @contextmanager
    def writing(self):
        """One writer at a time per KB (a second `mfm kb add` waits instead of corrupting indexes)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / ".write.lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise KnowledgeBaseError(f"Knowledge base '{self.name}' is being written by another process.",
                                         "Wait for it to finish, then retry.") from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def add_paths(self, paths: Iterable[str | Path], *, max_mb: float | None = None, embed: bool = True,
                  progress: bool = False, **metadata: Any) -> IngestReport:
        """Ingest files and directories; ``metadata`` (title, publisher, doc_type, licence, published,
        effective, ...) overrides front matter and sidecars for every file of this call."""
        with self.writing():
            if embed:
                self._check_embedder(write=True)
            ing = Ingestor(self, max_mb=max_mb or DEFAULT_MAX_MB, embed=embed, progress=progress)
            report = ing.add_paths(paths, metadata)
            self._refresh_indexes(save=True)
            report.snapshot_id = self.snapshot_id
            return report

    def remove(self, source_id: str) -> int:
        """Delete a source with all its versions; returns the number of chunks removed."""
        with self.writing():
            if self.store.get_source(source_id) is None:
                raise KnowledgeBaseError(f"No source {source_id!r} in knowledge base '{self.name}'.",
                                         "See the sources with: mfm kb list")
            with self.store.transaction():
                n = self.store.remove_source(source_id)
            self._refresh_indexes(save=True)
            return n

    def _check_embedder(self, write: bool = False) -> None:
        have = self.store.get_meta("embedder")
        want = self._embedder_id()
        if have is None and write:
            with self.store.transaction():
                self.store.set_meta("embedder", want)
        elif have is not None and have != want:
            raise KnowledgeBaseError(
                f"Knowledge base '{self.name}' was embedded with {have}, but the configured embedder is {want}.",
                "Set [embedder] name back, or rebuild the KB with the new embedder.")

    # ------------------------------------------------------------------ derived indexes
    def _check_caches(self) -> None:
        gen = self.store.generation()
        if gen != self._cache_gen:
            self._versions_cache.clear()
            self._visible_cache.clear()
            self._snapshot_cache.clear()
            self._cache_gen = gen

    def _refresh_indexes(self, save: bool = False) -> None:
        """Bring BM25 and vector indexes up to the store's generation (loading saved ones first)."""
        with self._lock:
            gen = self.store.generation()
            sdir = self.dir / "bm25"
            if self._sparse is None or self._sparse.generation != gen:
                loaded = SparseIndex.load(sdir) if self._sparse is None else None
                if loaded is not None and loaded.generation == gen:
                    self._sparse = loaded
                else:
                    self._sparse = SparseIndex.build(self.store)
                    if save:
                        self._sparse.save(sdir)
            vpath = self.dir / "vectors.faiss"
            if self._vectors is None or self._vectors.state != self.store.vector_state():
                dim = self._vector_dim()
                before = self._vectors.state if self._vectors else None
                self._vectors = VectorIndex.sync(self.store, vpath, dim, self._vectors)
                if save and (before != self._vectors.state or not vpath.exists()):
                    self._vectors.save(vpath)

    def _vector_dim(self) -> int:
        have = self.store.get_meta("embedder")
        return int(have.rsplit(":", 1)[1]) if have else 384

    def refresh(self) -> None:
        """Rebuild and save the derived indexes (after a crash or a manual database edit)."""
        with self.writing():
            self._sparse = self._vectors = None
            for p in (self.dir / "vectors.faiss", self.dir / "vectors.faiss.json"):
                p.unlink(missing_ok=True)
            self._refresh_indexes(save=True)

    # ------------------------------------------------------------------ reads
    def sources(self) -> list[SourceInfo]:
        out = []
        counts = self.store.vector_counts()
        for src, info in self.store.list_sources():
            out.append(SourceInfo(source=src, version=info.record if info else None,
                                  chunks=info.chunk_count if info else 0, embedded=self.store.source_embeds(src.id),
                                  vectors=counts.get(src.id, (0, 0))[1]))
        return out

    def embedding_progress(self) -> tuple[int, int, str]:
        """(chunks with a vector, chunks to embed, the background process: "running", "error" or "idle")."""
        counts = self.store.vector_counts().values()
        state = ("running" if backfill.running(self.dir)
                 else "error" if self.store.get_meta(backfill.PENDING) == "error" else "idle")
        return sum(d for _, d in counts), sum(n for n, _ in counts), state

    def source(self, source_id: str) -> Source:
        s = self.store.get_source(source_id)
        if s is None:
            raise KnowledgeBaseError(f"No source {source_id!r} in knowledge base '{self.name}'.",
                                     "See the sources with: mfm kb list")
        return s

    def versions(self, source_id: str) -> list[SourceVersion]:
        self.source(source_id)
        return [v.record for v in self.store.versions(source_id)]

    def text(self, source_id: str, version: int | None = None) -> str:
        """The clean text of a version (the text every chunk offset indexes)."""
        if version is None:
            version = self.versions(source_id)[-1].version
        return self.store.version_text(source_id, version)

    def diff(self, source_id: str, v1: int, v2: int, context: int = 2) -> str:
        """A unified diff between two versions' clean texts."""
        a = (self.text(source_id, v1) + "\n").splitlines(keepends=True)
        b = (self.text(source_id, v2) + "\n").splitlines(keepends=True)
        return "".join(difflib.unified_diff(a, b, f"{source_id} v{v1}", f"{source_id} v{v2}", n=context))

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        row = self.store.chunk_by_id(chunk_id)
        return row.chunk if row else None

    def get_evidence(self, chunk_id: str) -> Evidence | None:
        """A chunk with its source and version, as citable evidence (score 0: not from a search)."""
        row = self.store.chunk_by_id(chunk_id)
        return None if row is None else self._evidence(row, 0.0, 0, {}, self.snapshot_id)

    def _src_ver(self, version_id: int) -> tuple[Source, SourceVersion]:
        self._check_caches()
        if version_id not in self._versions_cache:
            self._versions_cache[version_id] = self.store.source_and_version(version_id)
        return self._versions_cache[version_id]

    def _evidence(self, row: ChunkRow, score: float, rank: int, scores: dict[str, float], snap: str) -> Evidence:
        src, ver = self._src_ver(row.version_id)
        return Evidence(chunk=row.chunk, source=src, source_version=ver, snapshot_id=snap, score=score, rank=rank,
                        scores=scores, span_start=row.chunk.start, span_end=row.chunk.end)

    def facts(self, entity: str, relation: str | None = None, as_of: date | None = None) -> list[Evidence]:
        """Knowledge-graph facts about ``entity`` (CMeKG triples), as evidence with chunk.fact set.

        The entity is matched exactly first, then through the terminology (an alias or the other
        language's name), so "aspirin" and "阿司匹林" reach the same facts when CMeKG knows them.
        """
        visible = self.store.visible_versions(as_of)
        snap = self.snapshot(as_of)
        names = [entity]
        if not self.store.fact_rows(entity, None, visible)[:1]:
            for c in lookup(entity, self.cfg):
                names += [n for n in c.names_zh if n not in names]
        for name in names:
            rows = self.store.fact_rows(name, relation, visible)
            if rows:
                return [self._evidence(r, 1.0, i, {"fact": 1.0}, snap) for i, r in enumerate(rows, 1)]
        return []

    def relations(self, entity: str) -> list[str]:
        return self.store.relations_of(entity)

    # ------------------------------------------------------------------ search
    def _visible(self, as_of, doc_types, languages, source_ids) -> tuple[set[int], np.ndarray | None]:
        self._check_caches()
        key = (as_of, tuple(sorted(doc_types or ())), tuple(sorted(languages or ())), tuple(sorted(source_ids or ())))
        if key not in self._visible_cache:
            vis = self.store.visible_versions(as_of, doc_types, languages, source_ids)
            mask = None
            if self._sparse is not None and len(self._sparse.version_ids):
                m = np.isin(self._sparse.version_ids, np.fromiter(vis, dtype=np.int64, count=len(vis)))
                mask = None if m.all() else m.astype(np.float32)
            self._visible_cache[key] = (vis, mask)
        return self._visible_cache[key]

    def _query_vector(self, text: str) -> np.ndarray:
        v = self._qvec_cache.get(text)
        if v is None:
            v = self.embedder.embed_queries([text])[0]
            self._qvec_cache[text] = v
            if len(self._qvec_cache) > 256:
                self._qvec_cache.popitem(last=False)
        return v

    def search(self, query: str, k: int = 8, *, doc_types: Sequence[str] | None = None,
               languages: Sequence[str] | None = None, source_ids: Sequence[str] | None = None,
               as_of: date | None = None, expand_terms: bool = True, max_per_page: int = MAX_PER_PAGE,
               mode: str = "hybrid", language: str | None = None, weights: fusion.Weights | None = None,
               expansion: Sequence[str] | None = None) -> list[Evidence]:
        """The ``k`` best evidence chunks for a Chinese or English query.

        ``mode`` is "hybrid" (default), "bm25" or "dense" (for evaluation); ``as_of`` searches the
        versions in force on that date; terminology sources are searched only when ``doc_types``
        or ``source_ids`` name them; ``max_per_page`` caps chunks from one version (one entity
        for knowledge-graph sources) unless nothing else is relevant. ``expansion`` gives the
        terminology's names (synonyms, other-language names) when the caller has already normalised the
        query (``ask`` has): their tokens are added to BM25 with the language's expansion weight, and
        the names to the text the query vector is made from when the language's weights say so.
        The fusion weights are those of ``language`` (default: the query's), unless ``weights``
        are given (for evaluation).
        """
        q = (query or "").strip()
        if not q:
            raise InvalidInput("The search query is empty.", "Give a question or keywords, e.g. mfm kb search \"sepsis fluids\"")
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidInput(f"The query is {len(q)} characters; the limit is {MAX_QUERY_CHARS}.", "Shorten it.")
        if k < 1:
            raise InvalidInput("k must be at least 1.")
        self._refresh_indexes()
        w = weights or fusion.weights(language or detect_language(q))
        if not doc_types and not source_ids:
            doc_types = SEARCHED_BY_DEFAULT
        visible, mask = self._visible(as_of, doc_types, languages, source_ids)
        snap = self.snapshot(as_of)
        if not visible:
            return []
        pool = max(50, 4 * k)
        bm25: dict[int, float] = {}
        dense: dict[int, float] = {}
        sparse, vectors = self._sparse, self._vectors
        full_scores = None
        names: list[str] = []
        if expand_terms:
            names = list(expansion) if expansion is not None else normalize_query(q, self.cfg).expansions
        if mode in ("hybrid", "bm25") and sparse is not None and sparse.retriever is not None:
            full_scores = sparse.scores(tokenize(q), mask, tokenize(" ".join(names)), w.expansion)
            if full_scores is not None:
                for rowid, s in _top(full_scores, sparse.rowids, pool):
                    bm25[rowid] = s
        qv = None
        if mode in ("hybrid", "dense") and vectors is not None and len(vectors):
            self._check_embedder()
            qv = self._query_vector(" ".join([q, *names]) if w.dense_terms else q)
            allowed = None if mask is None and as_of is None else visible
            dense = dict(vectors.search(qv, pool, allowed))
        if mode == "hybrid":
            self._complete_scores(bm25, dense, full_scores, qv)
            fused = fusion.convex(bm25, dense, vectors.version_of if vectors else {}, w.dense, w.no_vector)
        else:
            chosen = bm25 if mode == "bm25" else dense
            fused = [fusion.Fused(r, s, {mode: s}) for r, s in sorted(chosen.items(), key=lambda x: (-x[1], x[0]))]
        return self._diverse_evidence(fused, k, max_per_page, snap)

    def _complete_scores(self, bm25: dict[int, float], dense: dict[int, float], full_scores, qv) -> None:
        """Give every candidate its exact score from the retriever that did not return it."""
        if full_scores is not None and self._sparse is not None:
            rowids = self._sparse.rowids
            for r in dense:
                if r not in bm25:
                    i = int(np.searchsorted(rowids, r))
                    if i < len(rowids) and rowids[i] == r:
                        bm25[r] = float(full_scores[i])
        if qv is not None and self._vectors is not None:
            missing = [r for r in bm25 if r not in dense and r in self._vectors.version_of]
            if missing:
                vecs = self._vectors.get(missing)
                for r, s in zip(missing, vecs @ qv):
                    dense[r] = float(s)

    def _diverse_evidence(self, fused: list[fusion.Fused], k: int, max_per_page: int, snap: str) -> list[Evidence]:
        head = fused[: max(k * 6, 50)]
        rows = self.store.chunk_rows([f.rowid for f in head])
        picked, deferred, per_page = [], [], {}
        for f in head:
            row = rows.get(f.rowid)
            if row is None:
                continue
            key = (row.version_id, row.page)
            if per_page.get(key, 0) >= max_per_page:
                deferred.append((f, row))
                continue
            per_page[key] = per_page.get(key, 0) + 1
            picked.append((f, row))
            if len(picked) == k:
                break
        picked += deferred[: k - len(picked)]
        out = []
        for rank, (f, row) in enumerate(picked, 1):
            scores = {n: round(v, 6) for n, v in f.scores.items()}
            scores["fused"] = round(f.score, 6)
            out.append(self._evidence(row, f.score, rank, scores, snap))
        return out


def _top(scores: np.ndarray, rowids: np.ndarray, k: int) -> list[tuple[int, float]]:
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(rowids[i]), float(scores[i])) for i in top if scores[i] > 0]


def kb_exists(cfg: Config, name: str | None = None) -> bool:
    return (cfg.kb_dir(name) / DB_NAME).is_file()


def open_kb(cfg: Config | None = None, name: str | None = None, *, create: bool = False) -> KnowledgeBase:
    """The knowledge base ``name`` (default: the configured one) in the data home.

    Raises ``KnowledgeBaseError`` with the command to run when it does not exist and ``create``
    is false. Restarts the background embedding of a KB whose vectors are still being computed.
    """
    cfg = cfg or load_config()
    d = cfg.kb_dir(name)
    if not (d / DB_NAME).is_file() and not create:
        kb_name = name or cfg.kb.name
        hint = ("Build it with: mfm kb build-default" if kb_name == "default"
                else f"Create it by adding documents: mfm kb add --kb {kb_name} PATH")
        raise KnowledgeBaseError(f"Knowledge base '{kb_name}' does not exist (looked in {d}).", hint)
    kb = KnowledgeBase(d, cfg, create=create)
    backfill.start(kb)
    return kb
