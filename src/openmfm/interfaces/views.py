"""Typed results as the API shows them: evidence cards, the ``openmfm`` extension, OpenAI objects.

Formatting only: every value comes from the record the Python API returned, so an HTTP client,
an MCP client and the audit log see the same answer.
"""

from __future__ import annotations

import time
from typing import Any

from ..records import Answer, AuditRecord, Evidence
from .schemas import (
    Card,
    ChatChoice,
    ChatChoiceMessage,
    ChatCompletion,
    Extension,
    Usage,
)

# the extension names a model; an OpenAI client picks the answer mode by it
MODELS = {"openmfm": "generate", "openmfm-extractive": "extractive"}
MODEL_TEXT = {"openmfm": "Grounded answers written by the local model from cited evidence, every sentence verified.",
              "openmfm-extractive": "Grounded answers quoted from the evidence without a model: instant, cited, verified."}
AUDIT_SUMMARY = ("channel", "api_key_id", "mode", "language", "abstained", "support_score", "replay_of", "counts",
                 "operator", "what", "refused")


def card(n: int, ev: Evidence) -> Card:
    s, v = ev.source, ev.source_version
    return Card(n=n, chunk_id=ev.chunk.id, source_id=s.id, title=s.title, publisher=s.publisher, doc_type=s.doc_type,
                language=s.language, version=v.version, published=v.published, effective=v.effective,
                licence=s.licence, attribution=s.attribution, url=s.url, doi=s.doi, section=ev.chunk.section,
                quote=ev.quote, span_start=ev.span_start, span_end=ev.span_end, score=round(ev.score, 6),
                flags=list(v.flags))


def extension(a: Answer, context_turns: int = 0) -> Extension:
    return Extension(audit_id=a.audit_id, mode=a.mode, language=a.language, abstained=a.abstained,
                     support_score=a.support_score, relevance_score=a.relevance_score, verdict=a.verdict,
                     claims=[c.model_dump(mode="json") for c in a.claims],
                     evidence=[card(n, e) for n, e in enumerate(a.evidence, 1)], flags=a.flags,
                     provenance=a.provenance.model_dump(mode="json"), context_turns=context_turns)


def usage(a: Answer) -> Usage:
    g = a.generation
    p, c = (g.prompt_tokens, g.completion_tokens) if g else (0, 0)
    return Usage(prompt_tokens=p, completion_tokens=c, total_tokens=p + c)


def completion(a: Answer, model: str, context_turns: int) -> ChatCompletion:
    return ChatCompletion(id=f"chatcmpl-{a.audit_id}", created=int(time.time()), model=model, usage=usage(a),
                          choices=[ChatChoice(message=ChatChoiceMessage(content=a.text))],
                          openmfm=extension(a, context_turns))


def chunk(cid: str, model: str, created: int, delta: dict[str, Any], finish: str | None = None,
          **extra: Any) -> dict[str, Any]:
    """One ``chat.completion.chunk``; ``extra`` adds top-level fields (``openmfm``, ``usage``)."""
    return {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}


def audit_summary(r: AuditRecord) -> dict[str, Any]:
    """A list row: who did what when, without the payload's text (the record itself has it)."""
    brief = {k: r.payload[k] for k in AUDIT_SUMMARY if k in r.payload}
    return {"id": r.id, "seq": r.seq, "ts": r.ts.isoformat(), "actor": r.actor, "role": r.role, "action": r.action,
            "policy_version": r.policy_version, "summary": brief}
