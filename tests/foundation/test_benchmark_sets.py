"""The benchmark sets are data that first scores were recorded on: a set that silently changed
(a lost row, a Faker upgrade that redraws every note) would make those figures incomparable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "benchmarks" / "sets"


def test_deid_notes_are_the_ones_first_scored():
    """`deid.py --check` redraws every set's notes and compares them with the hashes in sets.json."""
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "deid.py"), "--check", "--set", "all"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


def test_message_sets_are_wellformed_and_bilingual():
    for path in sorted((SETS / "redflags").glob("*.jsonl")) + sorted((SETS / "injection").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert rows, path
        assert {r["language"] for r in rows} == {"zh", "en"}, path
        texts = [r["text"] for r in rows]
        assert all(t.strip() for t in texts), path
