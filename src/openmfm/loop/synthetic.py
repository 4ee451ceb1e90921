"""Synthetic audit logs: answers in Chinese and English spread over days, for tests and benchmarks.

Writing a million entries through ``AuditLog.append`` (one transaction each) takes hours; this
writes them in one transaction with the same hash chain, so ``mfm audit verify`` passes on the
result and the monitor reads it exactly as it reads a real log. The payloads carry the fields an
``ask`` entry has (``answering.trail.payload``) minus the bulky transcript.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from ..audit import GENESIS, AuditLog, record_hash
from ..migrations import write_transaction

TOPICS = {
    "en": ["How should {} be treated in adults?", "What dose of medicine is used for {}?",
           "When is {} an emergency?", "Which test confirms {}?"],
    "zh": ["成人{}应该如何治疗？", "{}常用药物的剂量是多少？", "{}什么情况下需要急诊？", "确诊{}需要做哪些检查？"],
}
CONDITIONS = {"en": ["hypertension", "asthma", "gout", "pneumonia", "migraine", "anaemia"],
              "zh": ["高血压", "哮喘", "痛风", "肺炎", "偏头痛", "贫血"]}


def _payload(rng: random.Random, lang: str, sources: Sequence[str], kb: str, model: str, snapshot: str) -> dict:
    topic = rng.randrange(len(CONDITIONS[lang]))
    question = rng.choice(TOPICS[lang]).format(CONDITIONS[lang][topic])
    abstained = rng.random() < 0.15
    refused = not abstained and rng.random() < 0.01
    evidence = [] if abstained or refused else [
        {"n": n, "chunk_id": f"c_{topic}_{n}", "source_id": rng.choice(sources), "version": 1,
         "span_start": 40 * n, "span_end": 40 * n + 120, "quote": "…", "score": 0.5} for n in (1, 2)]
    claims = [{"text": "…", "cites": [1], "support": "supported", "support_score": 0.9, "reasons": [],
               "removed": rng.random() < 0.1} for _ in evidence]
    flags = [{"kind": "disclaimer", "severity": "info", "message": "", "details": {}}]
    if refused:
        flags.append({"kind": "injection", "severity": "critical", "message": "", "details": {}})
    if rng.random() < 0.05:
        flags.append({"kind": "red_flag", "severity": "critical", "message": "", "details": {}})
    if rng.random() < 0.08:
        flags.append({"kind": "conflict", "severity": "warning", "message": "", "details": {}})
    return {"channel": "python", "question": question, "language": lang, "mode": "extractive", "kb": kb,
            "kb_snapshot": snapshot, "model": model, "evidence": evidence, "claims": claims, "flags": flags,
            "answer": "…", "support_score": 0.0 if abstained else round(rng.uniform(0.5, 1.0), 3),
            "abstained": abstained or refused, "timings": {"total": round(rng.lognormvariate(0.3, 0.6), 4)}}


def write_synthetic_log(log: AuditLog, n: int, *, start: datetime, days: float = 30, zh_share: float = 0.5,
                        sources: Sequence[str] = tuple(f"src{i}" for i in range(50)), kb: str = "default", model: str = "qwen2.5-coder-1.5b-instruct", snapshot: str = "0" * 16,
                        seed: int = 0) -> int:
    """Append ``n`` answers evenly over ``days`` from ``start``, chained after the log's last entry;
    returns the last sequence number."""
    rng = random.Random(seed)
    with write_transaction(sqlite3.connect(log.path, timeout=30, isolation_level=None)) as con:
        row = con.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = row if row else (0, GENESIS)
        step = timedelta(days=days) / max(n, 1)
        start = start.astimezone(UTC)
        rows = []
        for i in range(n):
            seq += 1
            lang = "zh" if rng.random() < zh_share else "en"
            body = json.dumps(_payload(rng, lang, sources, kb, model, snapshot), sort_keys=True, ensure_ascii=False,
                              separators=(",", ":"))
            rid, ts = f"{seed:04x}{seq:012x}", (start + step * i).isoformat()
            h = record_hash(seq, rid, ts, "synthetic", "clinician", "ask", body, "synthetic", prev)
            rows.append((seq, rid, ts, "synthetic", "clinician", "ask", body, "synthetic", prev, h))
            prev = h
            if len(rows) == 20_000:
                con.executemany("INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
                rows.clear()
        con.executemany("INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    log._write_head(seq, prev)  # the log's own head-file writer, so verify sees the same tail
    return seq
