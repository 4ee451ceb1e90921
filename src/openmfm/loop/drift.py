"""Input drift: are this window's questions like the reference window's?

Three views, each a distance in [0, 1] that the policy's ``[monitor]`` rules bound: the language
mix (total variation between the two distributions, from the index), the topics (total variation
between the terminology concepts the questions name, so "心梗" and "myocardial infarction" count as
one topic) and the meaning (cosine distance between the two windows' mean question embeddings).
Topics and embeddings read a bounded random sample of each window's questions from the log.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import numpy as np

from ..config import Config

SAMPLE = 300  # questions per window for topics and embeddings


def tvd(a: Counter, b: Counter) -> float | None:
    na, nb = sum(a.values()), sum(b.values())
    if not na or not nb:
        return None
    return round(0.5 * sum(abs(a[k] / na - b[k] / nb) for k in set(a) | set(b)), 4)


def _languages(con, lo: date, hi: date) -> Counter:
    return Counter(dict(con.execute("SELECT lang, SUM(answers - refused) FROM daily WHERE day BETWEEN ? AND ? "
                                    "GROUP BY 1", (lo.isoformat(), hi.isoformat())).fetchall()))


def _questions(con, cfg: Config, lo: date, hi: date) -> list[str]:
    con.execute("ATTACH DATABASE ? AS log", (str(cfg.audit_path),))
    try:
        rows = con.execute(
            "SELECT json_extract(a.payload, '$.question') FROM log.audit a WHERE a.seq IN (SELECT seq FROM answers "
            "WHERE day BETWEEN ? AND ? AND NOT refused AND replay_of IS NULL ORDER BY random() LIMIT ?)",
            (lo.isoformat(), hi.isoformat(), SAMPLE)).fetchall()
    finally:
        con.execute("DETACH DATABASE log")
    return [r[0] for r in rows if r[0]]


def _topics(questions: list[str], cfg: Config) -> Counter:
    from ..knowledge.terminology import normalize_query  # deferred: the terminology tables load only for drift

    out: Counter = Counter()
    for q in questions:
        ids = [c.id for c in normalize_query(q, cfg).concepts]
        out.update(ids or ["(no concept)"])
    return out


def _centroid_distance(ref: list[str], cur: list[str], cfg: Config) -> float | None:
    if not ref or not cur:
        return None
    from ..models.embeddings import load_embedder  # deferred: the embedding model loads only for drift

    emb = load_embedder(cfg)
    a, b = emb.embed_queries(ref).mean(axis=0), emb.embed_queries(cur).mean(axis=0)
    return round(float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0)), 4)


def input_drift(con, cfg: Config, *, since: date | None, until: date | None, reference_days: int) -> dict:
    """The window ``[since, until]`` (default: the newest seven days in the index) against the
    ``reference_days`` before it."""
    last = con.execute("SELECT MAX(day) FROM answers").fetchone()[0]
    if last is None:
        return {}
    hi = until or date.fromisoformat(last)
    lo = since or hi - timedelta(days=6)
    ref_hi, ref_lo = lo - timedelta(days=1), lo - timedelta(days=reference_days)
    cur_q, ref_q = _questions(con, cfg, lo, hi), _questions(con, cfg, ref_lo, ref_hi)
    cur_lang, ref_lang = _languages(con, lo, hi), _languages(con, ref_lo, ref_hi)
    return {"window": f"{lo}..{hi}", "reference": f"{ref_lo}..{ref_hi}",
            "languages": {"window": dict(cur_lang), "reference": dict(ref_lang)},
            "sample": {"window": len(cur_q), "reference": len(ref_q)},
            "scores": {"language_shift": tvd(cur_lang, ref_lang),
                       "topic_shift": tvd(_topics(cur_q, cfg), _topics(ref_q, cfg)) if cur_q and ref_q else None,
                       "centroid_distance": _centroid_distance(ref_q, cur_q, cfg)}}
