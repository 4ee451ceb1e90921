"""The audit trail of an answer: what is written for every ask, and replaying it later.

The entry holds everything needed to re-run and to judge the answer without the answer object:
question, KB name + snapshot + as-of date, model id + file hash + parameters, every retrieval
decision, the evidence spans, the draft before verification, the verified claims, flags, the
final text and timings, and the transcript of the steps the question went through. ``compare`` lists what a
replay (``pipeline.replay``) changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import Answer
from .draft import Draft
from .select import Selection

ACTION = "ask"


def payload(answer: Answer, *, draft: Draft | None, selection: Selection | None, kb_name: str | None,
            as_of: date | None, asked_on: date, requested_mode: str, query: str | None, channel: str,
            api_key_id: str | None = None, extra: dict[str, Any] | None = None) -> dict:
    gen = answer.generation
    return {
        "channel": channel,
        "api_key_id": api_key_id,
        "question": answer.question,
        "language": answer.language,
        "mode": answer.mode,
        "requested_mode": requested_mode,
        "kb": kb_name,
        "kb_snapshot": answer.provenance.kb_snapshot,
        "as_of": as_of.isoformat() if as_of else None,
        "asked_on": asked_on.isoformat(),
        "query": query,
        "model": answer.provenance.model,
        "model_sha256": answer.provenance.model_sha256,
        "backend": answer.provenance.backend,
        "params": gen.params if gen else {},
        "retrieval": [d.as_dict() for d in selection.decisions] if selection else [],
        "evidence": [
            {"n": n, "chunk_id": e.chunk.id, "source_id": e.source.id, "version": e.source_version.version,
             "span_start": e.span_start, "span_end": e.span_end, "quote": e.quote, "score": e.score}
            for n, e in enumerate(answer.evidence, 1)
        ],
        "draft": {"sentences": [{"text": s.text, "cites": s.cites} for s in draft.sentences], "raw": draft.raw}
        if draft else None,
        "claims": [
            {"text": c.text, "cites": [x.n for x in c.citations], "support": c.support,
             "support_score": c.support_score, "reasons": c.reasons, "removed": c.removed}
            for c in answer.claims
        ],
        "flags": [f.model_dump(mode="json") for f in answer.flags],
        "answer": answer.text,
        "support_score": answer.support_score,
        "relevance_score": answer.relevance_score,
        "abstained": answer.abstained,
        "generation": gen.model_dump(mode="json") if gen else None,
        "timings": answer.timings,
        "transcript": [s.model_dump(mode="json") for s in answer.transcript],
        **(extra or {}),
    }


@dataclass
class ReplayResult:
    original_id: str
    replay: Answer
    same_snapshot: bool
    same_model: bool
    differences: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differences


def compare(recorded: dict, new: Answer) -> list[str]:
    """Human-readable differences between a recorded answer and a re-run."""
    diffs: list[str] = []
    if recorded.get("kb_snapshot") != new.provenance.kb_snapshot:
        diffs.append(f"KB snapshot: {recorded.get('kb_snapshot')} -> {new.provenance.kb_snapshot}")
    if recorded.get("model") != new.provenance.model or recorded.get("model_sha256") != new.provenance.model_sha256:
        diffs.append(f"model: {recorded.get('model')} ({(recorded.get('model_sha256') or '-')[:12]}) -> "
                     f"{new.provenance.model} ({(new.provenance.model_sha256 or '-')[:12]})")
    old_ev = [(e["chunk_id"], e["span_start"], e["span_end"]) for e in recorded.get("evidence", [])]
    new_ev = [(e.chunk.id, e.span_start, e.span_end) for e in new.evidence]
    if old_ev != new_ev:
        gone = [c for c in old_ev if c not in new_ev]
        added = [c for c in new_ev if c not in old_ev]
        diffs.append(f"evidence: {len(gone)} span(s) no longer cited {[c[0] for c in gone]}, "
                     f"{len(added)} new {[c[0] for c in added]}" if gone or added else "evidence: same spans, new order")
    old_claims = [(c["text"], c["support"], c["removed"]) for c in recorded.get("claims", [])]
    new_claims = [(c.text, c.support, c.removed) for c in new.claims]
    if old_claims != new_claims:
        for line in difflib.unified_diff([f"{t} [{s}{', removed' if r else ''}]" for t, s, r in old_claims],
                                         [f"{t} [{s}{', removed' if r else ''}]" for t, s, r in new_claims],
                                         "recorded", "replay", lineterm="", n=0):
            if not line.startswith("@@"):
                diffs.append(f"claims {line}")
    old_flags = sorted(f["kind"] for f in recorded.get("flags", []))
    new_flags = sorted(f.kind for f in new.flags)
    if old_flags != new_flags:
        diffs.append(f"flags: {old_flags} -> {new_flags}")
    if recorded.get("answer") != new.text and old_claims == new_claims:
        diffs.append("answer text differs (same claims)")
    return diffs
