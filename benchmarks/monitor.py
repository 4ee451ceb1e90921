"""`mfm monitor` (an incremental SQLite index of the audit log) against the naive way (parse every
payload on every run), on 10^4, 10^5 and 10^6 synthetic answers: the first summary (builds the
index), a summary after 1% more entries, the naive re-scan, and listing the answers that cite a
source just given a new version in a real KB, indexed vs re-scan. Seconds, and the rise in
resident memory (MB) of a forked child per step. Run: nice .venv/bin/python benchmarks/monitor.py
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import psutil

from openmfm import Config, open_kb
from openmfm.audit import AuditLog
from openmfm.loop import stale_answers, summarise
from openmfm.loop.synthetic import write_synthetic_log

def measure(fn):
    """Run ``fn`` in a forked child: its seconds and how far its resident memory rose (MB)."""
    r, w = os.pipe()
    if (pid := os.fork()) == 0:
        rss0, t = psutil.Process().memory_info().rss, time.perf_counter()
        out = fn()
        secs, peak = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss0
        os.write(w, pickle.dumps((out, secs, max(peak, 0) / 2**20)))
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()  # before waiting: a child blocked on a full pipe never exits
    return os.waitpid(pid, 0) and pickle.loads(data)


def naive_summary(path: Path) -> dict:
    """The baseline: every payload parsed, counted per day and language, on every run."""
    out: dict = {}
    for ts, body in sqlite3.connect(path).execute("SELECT ts, payload FROM audit WHERE action = 'ask'"):
        p = json.loads(body)
        c = out.setdefault((ts[:10], p["language"]), Counter())
        c["answers"] += 1
        c["abstained"] += p["abstained"]
        c["removed"] += sum(x["removed"] for x in p["claims"])
        c["red"] += any(f["kind"] == "red_flag" for f in p["flags"])
    return out


def naive_stale(path: Path, source_id: str) -> list[str]:
    rows = sqlite3.connect(path).execute("SELECT id, payload FROM audit WHERE action = 'ask'")
    return [rid for rid, body in rows if any(e["source_id"] == source_id for e in json.loads(body)["evidence"])]


def run(n: int, root: Path) -> dict:
    cfg, docs = Config(), root / f"docs{n}"
    cfg.home.path = str(root / f"home{n}")
    docs.mkdir()
    for i in range(5):
        (docs / f"guide{i}.md").write_text(f"# Guide {i}\n\nGive drug {i} at {10 * i + 5} mg daily.\n", encoding="utf-8")
    (kb := open_kb(cfg, "bench", create=True)).add_paths([docs], embed=False)
    sources, log, t = [s.source.id for s in kb.sources()], AuditLog(cfg.audit_path), time.perf_counter()
    write_synthetic_log(log, n, start=datetime(2026, 1, 1, tzinfo=UTC), days=60, sources=sources, kb="bench", seed=n)
    r = {"entries": n, "write s": time.perf_counter() - t}
    _, r["first s"], r["first MB"] = measure(lambda: len(summarise(cfg=cfg, record=False).stats))
    write_synthetic_log(log, n // 100, start=datetime(2026, 3, 2, tzinfo=UTC), days=1, sources=sources, kb="bench")
    got, r["+1% s"], r["+1% MB"] = measure(
        lambda: sum(w.answers for w in summarise(cfg=cfg, record=False).stats if w.language == "all"))
    naive, r["naive s"], r["naive MB"] = measure(lambda: naive_summary(cfg.audit_path))
    assert got == sum(c["answers"] for c in naive.values()) == n + n // 100
    (docs / "guide0.md").write_text("# Guide 0\n\nGive drug 0 at 7 mg daily.\n", encoding="utf-8")
    kb.add_paths([docs / "guide0.md"], embed=False)
    st, r["stale s"], r["stale MB"] = measure(lambda: len(stale_answers(cfg=cfg).answer_ids))
    ns, r["naive stale s"], r["naive stale MB"] = measure(lambda: len(naive_stale(cfg.audit_path, sources[0])))
    assert st == ns > 0
    return {**r, "stale answers": st}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    with tempfile.TemporaryDirectory() as d:
        for i, n in enumerate(ap.parse_args().sizes):
            r = run(n, Path(d))
            if i == 0:
                print(" | ".join(f"{k:>{max(len(k), 8)}}" for k in r))
            print(" | ".join(f"{v:>{max(len(k), 8)}{',' if isinstance(v, int) else '.2f'}}" for k, v in r.items()), flush=True)


if __name__ == "__main__":
    main()
