"""Distillation: a teacher model answers questions from the knowledge base through the answering
pipeline, and the answers it verified become training examples for the local model.

The teacher is any backend of the model layer (a large model behind an OpenAI-compatible server,
or a local GGUF), so "a served model teaches the local one" is only a ``--backend`` away. Going
through ``ask`` rather than prompting the teacher directly means each example's evidence is what
retrieval found and each kept statement passed the verifier: an abstention or an answer with no
supported statement is skipped, never turned into a training target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...answering import ask
from ...config import Config
from ...errors import InvalidInput
from ...models import load_model
from ...records import Answer, RequestContext
from ...safety.policy import Policy
from .schema import CITATION, EvidenceRef, Example
from .workspace import guard


def read_questions(path: Path) -> list[str]:
    """One question per line, or JSON lines with a "question" field."""
    if not path.is_file():
        raise InvalidInput(f"No questions file {path}.", "Give a text file (one question a line) or JSONL.")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                line = str(json.loads(line)["question"])
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InvalidInput(f"{path.name} line {n}: not JSON with a 'question' field.",
                                   "Use one question a line, or {\"question\": ...} lines.") from None
        out.append(line)
    return out


def to_example(answer: Answer) -> Example | None:
    """The verified part of an answer as a training example, or None when nothing is left."""
    kept = [c for c in answer.claims if not c.removed and c.citations and c.support != "unsupported"]
    if answer.abstained or not kept or not answer.evidence:
        return None
    parts = []
    for c in kept:
        marks = "" if CITATION.search(c.text) else "".join(f"[{x.n}]" for x in c.citations)
        parts.append(c.text + marks)
    evidence = [EvidenceRef(id=e.chunk.id, text=e.quote, source=e.source.title) for e in answer.evidence]
    try:
        return Example(question=answer.question, evidence=evidence, answer=" ".join(parts), origin="teacher")
    except ValidationError:
        return None


def distill(questions: list[str], out: Path, *, teacher: str, backend: str | None = None, kb: str | None = None,
            cfg: Config, policy: Policy, ctx: RequestContext) -> dict[str, Any]:
    """Write the teacher's verified answers to ``out`` (the ``--teacher`` input of ``data``)."""
    guard(ctx, policy, cfg, "distill", {"teacher": teacher, "backend": backend, "kb": kb, "questions": len(questions)})
    model = load_model(cfg, name=teacher, backend=backend)
    kept, skipped = [], []
    for q in questions:
        ex = to_example(ask(q, mode="generate", model=model, kb=kb, cfg=cfg, ctx=ctx))
        (kept if ex else skipped).append(ex or q)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text("".join(e.model_dump_json() + "\n" for e in kept), encoding="utf-8")
    tmp.replace(out)
    return {"path": str(out), "teacher": model.name, "teacher_sha256": model.sha256, "backend": model.backend,
            "examples": len(kept), "skipped": skipped}
