"""What the benchmark scripts share: where the labelled sets and the shared dev data live, how
a set is read, a policy variant made without touching the cached built-in one, the recall /
false-positive table every classifier benchmark prints, and an embedding cache. Benchmark
scripts import only this module from each other."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "benchmarks" / "sets"
SHARED_DATA = ROOT.parent / "shared" / "data"
PUBMEDQA_DEV = SHARED_DATA / "pubmedqa_dev.json"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def set_names(benchmark: str) -> list[str]:
    """The sets of a benchmark, oldest first (round2 before round10)."""
    names = [p.stem for p in (SETS / benchmark).glob("*.jsonl")]
    return sorted(names, key=lambda n: (len(n), n))


def policy_variant(policy, **changes):
    """A deep copy of ``policy`` with ``section__field=value`` changes: load_policy caches the
    object it returns, so the baselines must never edit it in place."""
    pol = policy.model_copy(deep=True)
    for key, value in changes.items():
        section, field = key.split("__")
        setattr(getattr(pol, section), field, value)
    return pol


def predict(systems: dict[str, Callable[[str], bool]], texts: list[str]) -> tuple[dict[str, list[bool]], dict[str, float]]:
    """Each system's verdict on every text, and its messages per second."""
    preds, speed = {}, {}
    for name, fn in systems.items():
        t = time.perf_counter()
        preds[name] = [fn(x) for x in texts]
        speed[name] = len(texts) / max(time.perf_counter() - t, 1e-9)
    return preds, speed


def rate_table(rows: list[dict], label: str, preds: dict[str, list[bool]], groups: list[tuple[str, Callable[[dict], bool]]],
               positive: str = "recall", negative: str = "FPR") -> None:
    """Recall on rows whose ``label`` is true and false-positive rate on the others, per group
    (e.g. language), one column per system."""
    names = list(preds)
    print(f"{'':<30}{'n':>5}" + "".join(f"{n:>{max(len(n) + 2, 10)}}" for n in names))
    for gname, member in groups:
        for metric, want in ((positive, True), (negative, False)):
            idx = [i for i, r in enumerate(rows) if member(r) and bool(r[label]) is want]
            if not idx:
                continue
            cells = "".join(f"{sum(preds[n][i] for i in idx) / len(idx):>{max(len(n) + 2, 10)}.3f}" for n in names)
            print(f"{gname + ' ' + metric:<30}{len(idx):>5}{cells}")


def at_commit(ref: str, code: str, payload) -> object:
    """Run ``code`` (reads JSON on stdin, prints JSON) against OpenMFM's code and data as they were
    at commit ``ref``: the honest way to put an earlier system beside today's in one run."""
    with tempfile.TemporaryDirectory() as d:
        archive = subprocess.run(["git", "archive", ref, "src"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", d], input=archive, check=True)
        out = subprocess.run([sys.executable, "-c", code], input=json.dumps(payload), capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": f"{d}/src"}, check=True)
    return json.loads(out.stdout)


class EmbedCache:
    """An embedder behind a per-text cache, kept on disk when ``path`` is given: a benchmark
    that embeds the same sentence twice, or is rerun, pays for it once. ``misses`` counts the
    texts really embedded; ``inner`` is the embedder itself, for raw-throughput timing."""

    def __init__(self, inner, path: Path | None = None):
        import numpy as np

        self.inner, self.path, self.name, self.dim = inner, path, inner.name, inner.dim
        self.batch_size = getattr(inner, "batch_size", 32)
        self.vecs, self.misses = {}, 0
        if path is not None and path.is_file():
            z = np.load(path)
            self.vecs = dict(zip(z["keys"].tolist(), z["vecs"]))

    def _run(self, texts, prefix: str, fn):
        import numpy as np

        keys = [hashlib.sha1((prefix + t).encode()).hexdigest() for t in texts]
        todo = {k: t for k, t in zip(keys, texts) if k not in self.vecs}
        if todo:
            self.misses += len(todo)
            self.vecs.update(zip(todo, fn(list(todo.values()))))
        return np.vstack([self.vecs[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts):
        return self._run(list(texts), "p:", self.inner.embed_passages)

    def embed_queries(self, texts):
        return self._run(list(texts), "q:", self.inner.embed_queries)

    def save(self) -> None:
        import numpy as np

        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.vecs)
        np.savez(self.path, keys=np.array(keys), vecs=np.vstack([self.vecs[k] for k in keys]).astype(np.float32))
