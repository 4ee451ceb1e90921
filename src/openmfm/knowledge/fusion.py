"""Fusing BM25 and dense scores: a convex combination of per-query normalised scores.

Equal-weight reciprocal-rank fusion throws scores away: when dense retrieval is confident and
BM25 is not, RRF still lets BM25's ranks pull the right document down (measured on PubMedQA:
naive RRF 0.964 recall@1 against 0.974 for dense alone). Here each retriever's scores are
min-max normalised over its own top ``pool`` (the pool-th score maps to 0, the best to 1) and
combined with weights per question language, kept in ``data/knowledge/fusion.toml`` and chosen
by grid search on development sets (``benchmarks/retrieval.py --grid``), never on an
evaluation set: a Chinese question reaches English guidelines only through translated terms
and cross-lingual vectors, so it needs other weights than an English one. Every candidate gets both scores exactly (BM25 scores every document anyway;
a dense score is one dot product), so a document found by only one retriever is not penalised
for the other's short list. Chunks that have no vector (graph facts, terminology) are judged on
the channel that can reach them, so a Chinese CMeKG entry is not ranked down for lacking a
dense vector it was never given: its dense part is taken as half its normalised BM25 score, so
it can top the list for a query it matches best lexically (a Chinese question about a CMeKG
entity) but does not crowd out embedded evidence that both retrievers agree on.
"""

from __future__ import annotations

import tomllib
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

POOL = 30
RRF_K = 60
MIN_DENSE_SPAN = 0.1


@dataclass(frozen=True)
class Weights:
    dense: float  # share of the normalised dense score in the fused score
    expansion: float  # BM25 weight of terminology expansions relative to the question's own words
    no_vector: float  # dense strength assumed for a chunk without a vector, as a share of its BM25
    dense_terms: bool = False  # the query vector is made from the question plus the expansions


@cache
def _table() -> dict:
    return tomllib.loads(resources.files("openmfm").joinpath("data/knowledge/fusion.toml").read_text(encoding="utf-8"))


def weights(language: str) -> Weights:
    """The fusion weights for a question in ``language`` (English's for a language not tuned)."""
    t = _table()
    return Weights(**t.get(language, t["en"]))


@dataclass
class Fused:
    rowid: int
    score: float
    scores: dict[str, float]


def _norm(values: dict[int, float], pool: int, zero_floor: bool) -> tuple[float, float]:
    """(low, span) mapping the pool-th score to 0 and the best to 1.

    With fewer candidates than the pool (a small KB, a narrow filter) BM25 is measured from its
    natural zero and dense cosines over at least ``MIN_DENSE_SPAN`` (e5 cosines of related and
    unrelated text differ by about that much), so two near-equal candidates are not stretched to
    0 and 1; a lone best score still normalises to 1.
    """
    if not values:
        return 0.0, 1.0
    top = np.sort(np.fromiter(values.values(), dtype=np.float64))[::-1][:pool]
    hi = float(top[0])
    if len(top) >= pool:
        lo = float(top[-1])
    else:  # too few candidates for their spread to mean anything
        lo = 0.0 if zero_floor else min(float(top[-1]), hi - MIN_DENSE_SPAN)
    if hi - lo <= 1e-12:
        return hi - 1.0, 1.0
    return lo, hi - lo


def convex(bm25: dict[int, float], dense: dict[int, float], embedded: Container[int],
           dense_weight: float, no_vector: float, pool: int = POOL) -> list[Fused]:
    """Candidates ranked by ``w*dense' + (1-w)*bm25'`` (scores normalised per query)."""
    b_lo, b_span = _norm(bm25, pool, zero_floor=True)
    d_lo, d_span = _norm({k: v for k, v in dense.items() if k in embedded}, pool, zero_floor=False)
    out = []
    for rowid in set(bm25) | set(dense):
        b = min(1.0, max(0.0, (bm25.get(rowid, b_lo) - b_lo) / b_span)) if bm25 else 0.0
        if rowid in embedded and dense:
            d = min(1.0, max(0.0, (dense.get(rowid, d_lo) - d_lo) / d_span))
            s = dense_weight * d + (1 - dense_weight) * b
        else:  # no vector: assume half its BM25 strength densely, so it neither wins nor loses by default
            d, s = 0.0, b * ((1 - dense_weight) + dense_weight * no_vector)
        out.append(Fused(rowid, s, {"bm25": bm25.get(rowid, 0.0), "dense": dense.get(rowid, 0.0),
                                    "bm25_norm": b, "dense_norm": d}))
    out.sort(key=lambda f: (-f.score, f.rowid))
    return out


def rrf(rankings: dict[str, list[int]], weights: dict[str, float] | None = None, k: int = RRF_K) -> list[Fused]:
    """Reciprocal-rank fusion (the baseline the benchmark compares against)."""
    acc: dict[int, Fused] = {}
    for name, ranked in rankings.items():
        w = (weights or {}).get(name, 1.0)
        for r, rowid in enumerate(ranked, 1):
            f = acc.setdefault(rowid, Fused(rowid, 0.0, {}))
            f.score += w / (k + r)
            f.scores[name + "_rank"] = float(r)
    return sorted(acc.values(), key=lambda f: (-f.score, f.rowid))
