"""The knowledge layer: versioned evidence sources, terminology, and hybrid zh/en retrieval.

Callers need three names: ``open_kb`` (a ``KnowledgeBase``: ``search``, ``facts``, ``add_paths``,
``snapshot_id`` ...), and the ``terminology`` module (``lookup``, ``normalize_query``).
"""

from __future__ import annotations

from .ingest import FileResult, IngestReport
from .kb import KnowledgeBase, SourceInfo, kb_exists, open_kb

__all__ = ["FileResult", "IngestReport", "KnowledgeBase", "SourceInfo", "kb_exists", "open_kb"]
