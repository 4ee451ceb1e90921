"""Verifier hard negatives (benchmarks/sets/verifier/pairs.jsonl), in one run:

- AUROC of the support score, faithful restatements (positives) against each negative type
  (dropped qualifier, changed number or unit, flipped negation, swapped drug, swapped population,
  generalised "always/all"), per language: English claims on English guideline spans, Chinese
  claims on their hand-translated spans, and the same Chinese claims on the English source spans
  (zh->en, the path of a Chinese question answered from an English guideline);
- the same for the baseline, word-overlap coverage of the cited span alone (the lexical score the
  verifier relied on before conditions, agents and headings were checked);
- how many dropped-qualifier claims each labels supported, and how many positives the verifier
  does not label supported (the price of the checks).
How the set is built and what each rule does: benchmarks/sets/verifier/README.md.

Example: nice -n 10 .venv/bin/python benchmarks/verifier.py [--no-embed]
"""

from __future__ import annotations

import argparse
import hashlib
import time

import numpy as np
from _common import SETS, EmbedCache, read_jsonl

TYPES = ["dropped_qualifier", "changed_number", "flipped_negation", "swapped_drug", "swapped_population", "generalised"]
GROUPS = ["en", "zh", "zh->en"]


def auroc(pos: list[float], neg: list[float]) -> float:
    from scipy.stats import rankdata

    ranks = rankdata(np.concatenate([pos, neg]))
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def evidence(chunk: str, span: str, section: str, title: str, lang: str):
    from openmfm.records import Chunk, Evidence, Source, SourceVersion

    quote = span.removeprefix("- ")
    start = chunk.index(quote)
    cid = hashlib.sha1(chunk.encode()).hexdigest()[:12]
    return Evidence(chunk=Chunk(id=cid, source_id=title, version=1, text=chunk, start=0, end=len(chunk), language=lang,
                                section=section),
                    source=Source(id=title, title=title, doc_type="guideline", language=lang),
                    source_version=SourceVersion(source_id=title, version=1, content_sha256=cid),
                    snapshot_id="bench", score=1.0, span_start=start, span_end=start + len(quote))


def score(rows: list[dict], embedder) -> list[dict]:
    """Per claim and group: the verifier's score and label, and the baseline's coverage."""
    from openmfm.answering.draft import DraftSentence
    from openmfm.answering.terms import coverage
    from openmfm.answering.verify import verify

    out = []
    for r in rows:
        sides = [(r["language"], r["chunk"], r["span"], r["section"], r["language"])]
        if r["language"] == "zh":
            sides.append(("zh->en", r["en_chunk"], r["en_span"], r["en_section"], "en"))
        for group, chunk, span, section, lang in sides:
            ev = evidence(chunk, span, section, r["guideline"], lang)
            [c] = verify([DraftSentence(r["claim"], [1])], [ev], embedder=embedder)
            out.append({"group": group, "type": r["type"], "score": c.support_score, "label": c.support,
                        "baseline": coverage(r["claim"], ev.quote), "id": r["id"], "reasons": c.reasons})
    return out


def report(res: list[dict]) -> None:
    print(f"{'negative type':<22}" + "".join(f"{g + ' n':>9}{g + ' base':>12}{g + ' new':>11}" for g in GROUPS))
    for t in TYPES:
        cells = ""
        for g in GROUPS:
            pos = [x for x in res if x["group"] == g and x["type"] == "positive"]
            neg = [x for x in res if x["group"] == g and x["type"] == t]
            if not neg:
                cells += f"{0:>9}{'-':>12}{'-':>11}"
                continue
            base = auroc([x["baseline"] for x in pos], [x["baseline"] for x in neg])
            new = auroc([x["score"] for x in pos], [x["score"] for x in neg])
            cells += f"{len(neg):>9}{base:>12.3f}{new:>11.3f}"
        print(f"{t:<22}{cells}")
    for g in GROUPS:
        dq = [x for x in res if x["group"] == g and x["type"] == "dropped_qualifier"]
        pos = [x for x in res if x["group"] == g and x["type"] == "positive"]
        print(f"{g}: dropped-qualifier claims labelled supported: verifier {sum(x['label'] == 'supported' for x in dq)}"
              f"/{len(dq)}, baseline (coverage >= 0.5) {sum(x['baseline'] >= 0.5 for x in dq)}/{len(dq)}; "
              f"positives not labelled supported: {sum(x['label'] != 'supported' for x in pos)}/{len(pos)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-embed", action="store_true", help="lexical verifier only (no embedder)")
    ap.add_argument("--show", type=int, default=0, help="print this many misranked claims per type")
    args = ap.parse_args()
    rows = read_jsonl(SETS / "verifier" / "pairs.jsonl")
    embedder = None
    if not args.no_embed:
        from openmfm.models.embeddings import load_embedder

        embedder = EmbedCache(load_embedder())
    t = time.perf_counter()
    res = score(rows, embedder)
    print(f"{len(rows)} pairs ({sum(r['language'] == 'en' for r in rows)} en, {sum(r['language'] == 'zh' for r in rows)} zh), "
          f"embedder {'none' if embedder is None else embedder.name}, {time.perf_counter() - t:.0f} s")
    report(res)
    for t in TYPES if args.show else []:
        bad = [x for x in res if x["type"] == t and x["label"] == "supported"][: args.show]
        for x in bad:
            print(f"  [{t} shown supported] {x['group']} {x['id']} {x['score']:.2f} {x['reasons'][:2]}")


if __name__ == "__main__":
    main()
