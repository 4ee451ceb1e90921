"""Near-duplicate detection on 1,000 distinct PubMed texts: how many does `kb.add_paths` keep,
as one JSONL file and as one file per text, and how similar is each dropped text to its twin?

Texts: the 500 PubMedQA dev abstracts (CONTEXTS) and their 500 conclusions (LONG_ANSWER); the
script measures "distinct" (largest exact Jaccard of 5-shingle sets over all pairs). Public API
only, so an older checkout gives the before figures (PYTHONPATH=<old>/src).
Run: .venv/bin/python benchmarks/dedup.py [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from openmfm import Config, open_kb


def texts(path: Path) -> dict[str, str]:
    items = json.loads(path.read_text(encoding="utf-8"))
    return {**{f"a{p}": " ".join(it["CONTEXTS"]) for p, it in items.items()},
            **{f"c{p}": it["LONG_ANSWER"] for p, it in items.items()}}


def exact_jaccard(docs: dict[str, str]) -> tuple[dict[str, int], np.ndarray]:
    """Row of each text, and all pairwise Jaccard similarities of 5-shingle sets (lowercase, whitespace collapsed)."""
    names, vocab, rows, cols = sorted(docs), {}, [], []
    for i, n in enumerate(names):
        t = " ".join(docs[n].lower().split())
        shingles = {t[j : j + 5] for j in range(len(t) - 4)}
        rows += [i] * len(shingles)
        cols += [vocab.setdefault(s, len(vocab)) for s in shingles]
    m = csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(names), len(vocab)))
    inter = (m @ m.T).toarray()
    jac = inter / (np.diag(inter)[:, None] + np.diag(inter)[None, :] - inter)
    np.fill_diagonal(jac, 0)
    return {n: i for i, n in enumerate(names)}, jac


def ingest(docs: dict[str, str], one_file: bool, work: Path):
    cfg = Config()
    cfg.home.path = str(work / "home")  # a throwaway data home
    if one_file:
        f = work / "abstracts.jsonl"
        f.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in docs.items()), encoding="utf-8")
        files, name_of = [f], lambda sid: sid.rsplit("/", 1)[1]
    else:
        (work / "files").mkdir()
        files, name_of = [work / "files" / f"{n}.txt" for n in docs], lambda sid: sid.rsplit("-", 1)[0]
        for f, t in zip(files, docs.values()):
            f.write_text(t, encoding="utf-8")
    t0 = time.perf_counter()
    report = open_kb(cfg, "dedup", create=True).add_paths(files, embed=False)
    dropped = [(name_of(r.source_id), name_of(r.duplicate_of.rsplit(" v", 1)[0]), r.reason)
               for r in report.results if r.status == "duplicate"]
    return sum(r.status == "added" for r in report.results), dropped, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/pubmedqa_dev.json")
    docs = texts(ap.parse_args().data)
    where, jac = exact_jaccard(docs)
    print(f"{len(docs)} texts; largest exact Jaccard between two of them {jac.max():.3f}; "
          f"pairs >= 0.8: {int((jac >= 0.8).sum() // 2)} (so every text should be kept)")
    for one_file in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            kept, dropped, secs = ingest(docs, one_file, Path(tmp))
        print(f"{'one JSONL file' if one_file else 'one file per text'}: kept {kept} of {len(docs)} ({secs:.0f}s)")
        for name, twin, reason in dropped[:5]:
            print(f"  dropped {name} as duplicate of {twin}: true Jaccard {jac[where[name], where[twin]]:.2f}; {reason}")


if __name__ == "__main__":
    main()
