"""What clinicians' feedback becomes: evaluation items and supervised examples for adaptation.

Both are built from the rated answer's audit entry (question, evidence spans, verified claims)
and the feedback row, and both go through the de-identification layer first: a question or a
correction may name a patient, and neither an evaluation set nor a training file may carry that.

- Evaluation items (the ``native`` dataset format, so ``mfm eval run FILE`` reads them): answers
  rated wrong, partly or unsafe that carry a correction; the correction is the reference answer.
- Instruction examples (the adaptation recipe's JSONL, ``loop.adapt.schema.Example``: question,
  evidence ``{id, text, source}``, answer citing it as ``[n]``, origin "correction"): confirmed
  answers as they were, corrected ones with the correction in place of the statement it names;
  the evidence is the spans the audit entry recorded.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..audit import AuditLog
from ..config import Config
from ..records import EvalItem, RequestContext
from ..safety.access import require
from ..safety.deid import deid
from ..safety.policy import Policy
from .feedback import Feedback, FeedbackStore

CORRECTED = ("partly", "wrong", "unsafe")
CITATION = re.compile(r"\[\d+\]")
DATASET = "clinician-corrections"


def _clean(text: str | None, language: str | None, cfg: Config, ctx: RequestContext, policy: Policy) -> str | None:
    if not text:
        return text
    return deid(text, language=language if language in ("zh", "en") else None, ctx=ctx, cfg=cfg, policy=policy).text


def _cites(c: dict) -> str:
    return "".join(f"[{n}]" for n in c.get("cites", []))


def _grounded_answer(fb: Feedback, p: dict) -> str | None:
    """The answer to learn, every statement citing the evidence as [n]: the kept statements when
    the answer was confirmed; when it was corrected, the same statements with the one the clinician
    named replaced by the correction, citing what that statement cited (a correction that carries
    its own [n] is taken as written). A correction tied to no statement and no citation is not
    grounded in the recorded evidence, so it makes no example."""
    claims = [c for c in p.get("claims", []) if not c.get("removed")]
    if fb.rating == "correct":
        return " ".join(f"{c['text']}{_cites(c)}" for c in claims) if claims and not p.get("abstained") else None
    if not fb.correction:
        return None
    if CITATION.search(fb.correction):
        return fb.correction
    if fb.statement is None:
        return None
    named = p.get("claims", [])[fb.statement - 1]
    if not named.get("cites"):
        return None
    return " ".join(f"{fb.correction}{_cites(c)}" if c is named else f"{c['text']}{_cites(c)}"
                    for c in [*claims, *([] if named in claims else [named])])


def eval_items(cfg: Config, policy: Policy, ctx: RequestContext) -> list[EvalItem]:
    """The corrected answers as generation items, the correction as the reference answer."""
    require(ctx, "monitor", policy=policy, cfg=cfg)
    log, items = AuditLog(cfg.audit_path), []
    for fb in FeedbackStore(cfg).list(ratings=CORRECTED):
        if not fb.correction:
            continue
        p = log.get(fb.audit_id).payload
        lang = p.get("language") or "en"
        items.append(EvalItem(
            id=fb.id, dataset=DATASET, task="generation", question=_clean(p["question"], lang, cfg, ctx, policy),
            answer=_clean(fb.correction, lang, cfg, ctx, policy), language=lang if lang in ("zh", "en") else "en",
            metadata={"audit_id": fb.audit_id, "rating": fb.rating, "statement": fb.statement, "source": fb.source,
                      "kb": p.get("kb"), "kb_snapshot": p.get("kb_snapshot"), "model": p.get("model")}))
    return items


def _example(fb: Feedback, p: dict, cfg: Config, ctx: RequestContext, policy: Policy) -> dict | None:
    lang = p.get("language")
    answer = _grounded_answer(fb, p)
    if answer is None or not p.get("evidence"):
        return None
    evidence = [{"id": e["chunk_id"], "text": _clean(e["quote"], lang, cfg, ctx, policy),
                 "source": f"{e['source_id']} v{e['version']}"} for e in p["evidence"]]
    return {"question": _clean(p["question"], lang, cfg, ctx, policy), "evidence": evidence,
            "answer": _clean(answer, lang, cfg, ctx, policy), "origin": "correction"}


def training_examples(cfg: Config, policy: Policy, ctx: RequestContext) -> list[dict]:
    """Supervised examples for adaptation: confirmed answers as they were, corrected ones as corrected."""
    require(ctx, "adapt", policy=policy, cfg=cfg)
    log, out = AuditLog(cfg.audit_path), []
    for fb in FeedbackStore(cfg).list():
        ex = _example(fb, log.get(fb.audit_id).payload, cfg, ctx, policy)
        if ex is not None:
            out.append(ex)
    return out


def write_jsonl(rows: list[dict], path: Path) -> Path:
    """One JSON object per line, written to a temporary name and moved into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    os.replace(tmp, path)
    return path
