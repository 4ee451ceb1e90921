"""A file's rows commit together: an exception or a kill mid-file leaves the KB as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from openmfm.knowledge import open_kb
from openmfm.knowledge.store import SQLiteStore

from .conftest import make_cfg


def _rows(kb) -> dict:
    return kb.store.counts()


def test_exception_mid_file_leaves_no_partial_rows(tmp_path, monkeypatch):
    recs = [{"id": f"r{i}", "text": f"Record {i}: drug {i} is given at {i * 10} mg once daily for condition {i}."}
            for i in range(5)]
    f = tmp_path / "records.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n\nAn unrelated note about vitamin D.\n", encoding="utf-8")
    kb = open_kb(make_cfg(tmp_path / "home"), "t", create=True)
    before = _rows(kb)

    calls = {"n": 0}
    real = SQLiteStore.add_version

    def flaky(self, *a, **kw):  # the third record of the file fails after two were written
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(self, *a, **kw)

    monkeypatch.setattr(SQLiteStore, "add_version", flaky)
    with pytest.raises(RuntimeError):
        kb.add_paths([f], embed=False)
    assert _rows(kb) == before  # nothing of the file, not even its first two records
    monkeypatch.setattr(SQLiteStore, "add_version", real)
    report = kb.add_paths([f, tmp_path / "other.md"], embed=False)
    assert report.count("added") == 6 and _rows(kb)["sources"] == 6


SCRIPT = """
import sys
from openmfm.config import Config
from openmfm.knowledge import open_kb
cfg = Config(); cfg.home.path = sys.argv[1]
open_kb(cfg, "k", create=True).add_paths([sys.argv[2]])
"""


def _corpus(d: Path, n: int = 8) -> Path:
    """Distinct generated documents (random vocabulary, so none is a near-duplicate of another)."""
    import random

    rng = random.Random(7)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(2000)]
    d.mkdir()
    for i in range(n):
        parts = []
        for j in range(3):
            sent = " ".join(rng.choice(words) for _ in range(40))
            parts.append(f"## Part {j}\n\n{sent.capitalize()}. 第{i}号文件第{j}部分。")
        (d / f"doc{i:02d}.md").write_text(f"# Document {i}\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    return d


def _state(home: Path):
    kb = open_kb(make_cfg(home), "k")
    ids = sorted(r[0] for r in kb.store._db.execute("SELECT id FROM chunks"))
    vecs = kb.store._db.execute("SELECT COUNT(*) FROM chunks WHERE vector IS NOT NULL").fetchone()[0]
    return kb.snapshot_id, ids, vecs, len(kb.sources())


def test_killed_ingest_rerun_equals_uninterrupted_run(tmp_path):
    docs = _corpus(tmp_path / "docs")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_home = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(killed_home), str(docs)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = killed_home / "kb" / "k" / "kb.sqlite"
    committed = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                committed = sqlite3.connect(str(db)).execute("SELECT COUNT(*) FROM sources").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0
            if committed >= 1:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _state(killed_home)
    assert 1 <= partial[3] < 8  # whole files only
    subprocess.run([sys.executable, "-c", SCRIPT, str(killed_home), str(docs)], env=env, check=True,
                   capture_output=True)
    clean_home = tmp_path / "clean"
    subprocess.run([sys.executable, "-c", SCRIPT, str(clean_home), str(docs)], env=env, check=True, capture_output=True)
    resumed, clean = _state(killed_home), _state(clean_home)
    assert resumed == clean and clean[3] == 8 and clean[2] == len(clean[1])
