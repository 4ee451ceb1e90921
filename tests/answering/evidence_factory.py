"""Hand-built Evidence records, so each answering stage can be tested without a knowledge base."""

from __future__ import annotations

import hashlib
from datetime import date

from openmfm.records import Chunk, Evidence, Source, SourceVersion


def make_evidence(text: str, *, source_id: str = "src-a", title: str = "Source A", doc_type: str = "guideline",
                  version: int = 1, published: date | None = None, language: str = "en", rank: int = 1,
                  publisher: str | None = "Test Society", score: float = 1.0) -> Evidence:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Evidence(
        chunk=Chunk(id=f"{source_id}:v{version}:{sha[:8]}", source_id=source_id, version=version, text=text,
                    start=0, end=len(text), language=language),
        source=Source(id=source_id, title=title, publisher=publisher, doc_type=doc_type, language=language,
                      licence="CC-BY-4.0", url=f"https://example.org/{source_id}"),
        source_version=SourceVersion(source_id=source_id, version=version, content_sha256=sha, published=published),
        snapshot_id="snap-test", score=score, rank=rank,
    )
