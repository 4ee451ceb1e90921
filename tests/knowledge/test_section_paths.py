"""Chunks are indexed and embedded whole, with their section path; quotes stay the source's own;
vectors computed after the build are searched as they arrive."""

from __future__ import annotations

import numpy as np
import pytest

from openmfm.knowledge import backfill, open_kb
from openmfm.knowledge.ingest import index_text
from openmfm.models.embeddings_base import Embedder

from .conftest import make_cfg

# A made-up guideline: the drug section is long enough to be cut into several chunks, so its
# later chunks do not contain any heading.
DOC = """---
title: Tropical Ulcer Practice Guideline 2031
doc_type: guideline
---
# Management of Tropical Ulcer

## Adults with Deep Ulcers

### Antibiotic Choice

""" + "\n\n".join(
    f"Step {i}: keep the dressing moist, review the wound edge every {i + 2} days and record its size "
    f"in millimetres before changing the regimen; swab only when the base turns grey or smells."
    for i in range(1, 9)
) + "\n\nWhen the wound closes, oral metronidazole 400 mg is stopped after two further days.\n"


class RecordingEmbedder(Embedder):
    """Remembers what it was asked to embed; vectors from a hash, so they are stable."""

    name = "recording"
    dim = 384

    def __init__(self):
        self.passages: list[str] = []

    def _vec(self, texts):
        out = []
        for t in texts:
            v = np.random.default_rng(abs(hash(t)) % 2**32).normal(size=self.dim).astype(np.float32)
            out.append(v / np.linalg.norm(v))
        return np.vstack(out)

    def embed_passages(self, texts):
        self.passages += list(texts)
        return self._vec(texts)

    def embed_queries(self, texts):
        return self._vec(texts)


@pytest.fixture()
def ulcer_kb(tmp_path):
    (tmp_path / "ulcer.md").write_text(DOC, encoding="utf-8")
    kb = open_kb(make_cfg(tmp_path / "home"), "paths", create=True)
    kb._embedder = RecordingEmbedder()
    report = kb.add_paths([tmp_path / "ulcer.md"])
    assert report.results[0].chunks >= 3
    return kb


def _last_chunk(kb):
    rows = kb.store.chunk_rows(range(1, kb.store.counts()["chunks"] + 1))
    return rows[max(rows)]


def test_section_path_is_indexed_and_embedded_but_not_quoted(ulcer_kb):
    kb = ulcer_kb
    last = _last_chunk(kb)
    assert "Antibiotic Choice" not in last.chunk.text and "Tropical" not in last.chunk.text
    # indexed: words found only in the guideline's title and headings reach the last chunk
    tokens = {rowid: toks for rowid, _, toks in kb.store.sparse_docs()}[last.rowid]
    assert {"tropical", "guideline", "2031", "deep", "antibiotic"} <= set(tokens)
    hits = kb.search("tropical practice guideline", k=10, mode="bm25")
    assert last.chunk.id in [h.chunk.id for h in hits]
    hits = kb.search("metronidazole", k=1, mode="bm25")
    # the quote and offsets are the source's own text, without the path
    assert "Tropical" not in hits[0].quote and "Adults with Deep Ulcers" not in hits[0].quote
    assert kb.text(hits[0].source.id)[hits[0].span_start:hits[0].span_end] == hits[0].quote
    # embedded: the whole chunk after its path, not a prefix of it
    sent = next(t for t in kb.embedder.passages if t.endswith(last.chunk.text))
    assert sent.startswith("Tropical Ulcer Practice Guideline 2031 > Management of Tropical Ulcer > "
                           "Adults with Deep Ulcers > Antibiotic Choice\n")


def test_index_text_does_not_repeat_a_title_that_is_the_first_heading():
    from openmfm.records import Chunk

    c = Chunk(id="c", source_id="s", version=1, text="Rest the joint.", start=0, end=15,
              section="Knee Sprain > Early Care")
    assert index_text(c, "knee sprain") == "Knee Sprain > Early Care\nRest the joint."
    assert index_text(c, None) == "Knee Sprain > Early Care\nRest the joint."


def test_vectors_filled_later_are_searched_as_they_arrive(ulcer_kb):
    kb = ulcer_kb
    snapshot = kb.snapshot_id
    with kb.store.transaction():  # as a background build leaves them: chunks without vectors
        kb.store._db.execute("UPDATE chunks SET vector = NULL")
        kb.store.set_meta(backfill.PENDING, "1")
    kb.search("wound dressing", k=2)
    assert len(kb._vectors) == 0 and kb.embedding_progress()[:2] == (0, kb.store.counts()["chunks"])
    assert kb.search("wound dressing", k=2, mode="dense") == []
    generation = kb.store.generation()

    assert backfill.fill(kb, batch=2) == kb.store.counts()["chunks"]
    assert kb.store.get_meta(backfill.PENDING) == "0"
    assert kb.embedding_progress()[:2] == (kb.store.counts()["chunks"],) * 2
    # the same KB object sees them on its next search; BM25 and the snapshot are untouched
    assert kb.search("wound dressing", k=2, mode="dense")
    assert len(kb._vectors) == kb.store.counts()["chunks"]
    assert kb.store.generation() == generation and kb.snapshot_id == snapshot
    assert [i.vectors for i in kb.sources()] == [kb.store.counts()["chunks"]]


def test_no_background_process_without_pending_vectors(ulcer_kb):
    assert not backfill.start(ulcer_kb)
    assert not backfill.running(ulcer_kb.dir)
