"""Near-duplicate detection keeps every distinct document and names the twin of every dropped one,
whether the documents arrive in one file or one file each."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest
from faker import Faker

from openmfm.knowledge import dedup, open_kb

from .conftest import make_cfg

N_PER_LANG = 100


def _shingles(text: str) -> set[str]:
    """The test's own exact shingle sets (lowercase, whitespace collapsed), independent of dedup."""
    t = " ".join(text.lower().split())
    return {t[i : i + 5] for i in range(len(t) - 4)}


def _exact(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb)


def _distinct_docs() -> dict[str, str]:
    """100 English and 100 Chinese short notes, ~250-400 characters, generated (not hand-written)."""
    docs = {}
    for lang, locale in (("en", "en_US"), ("zh", "zh_CN")):
        fake = Faker(locale)
        fake.seed_instance(20261203 if lang == "en" else 20261204)
        for i in range(N_PER_LANG):
            docs[f"{lang}{i:03d}"] = fake.text(max_nb_chars=400 if lang == "en" else 300).replace("\n", " ")
    return docs


def _edit(text: str, rng: random.Random, lang: str) -> str:
    """One small edit: a changed word or character, or changed punctuation."""
    if lang == "en":
        words = text.split(" ")
        i = rng.randrange(1, len(words) - 1)
        words[i] = words[i] + rng.choice(["s", "ly", "ed"])  # case would not do: shingles are lowercased
        return " ".join(words)
    i = rng.randrange(10, len(text) - 10)
    return text[:i] + ("，" if text[i] != "，" else "；") + text[i + 1 :]


@pytest.fixture(scope="module")
def corpus():
    """(distinct docs, planted {name: twin name}) with the premise checked on exact overlaps."""
    docs = _distinct_docs()
    rng = random.Random(7)
    planted: dict[str, str] = {}
    names = sorted(docs)
    for twin in rng.sample(names, 12):  # near-duplicates: one small edit each
        planted[f"{twin}-near"] = twin
    for twin in rng.sample(names, 4):  # exact copies
        planted[f"{twin}-copy"] = twin
    out = dict(docs)
    for name, twin in planted.items():
        out[name] = docs[twin] if name.endswith("-copy") else _edit(docs[twin], rng, twin[:2])
        assert out[name] == docs[twin] or _exact(out[name], docs[twin]) >= 0.9, name
    worst = max(_exact(docs[a], docs[b]) for a, b in itertools.combinations(names, 2))
    assert worst < 0.5, f"generated documents are not distinct enough (max Jaccard {worst:.2f})"
    return docs, planted, out


def test_estimates_track_exact_overlap_for_distinct_texts(corpus):
    docs, _, _ = corpus
    names = sorted(docs)
    fps = {n: dedup.fingerprint(docs[n]) for n in names}
    sigs = np.stack([fps[n].signature for n in names])
    agree = (sigs[:, None, :] == sigs[None, :, :]).mean(axis=2)
    np.fill_diagonal(agree, 0)
    # the unmixed hash family estimated unrelated abstracts at 0.89-0.97
    assert agree.max() < 0.5, f"a distinct pair is estimated at {agree.max():.2f}"
    a, b = fps["en000"], fps["zh000"]
    assert dedup.jaccard(a, a) == 1.0 and dedup.jaccard(a, b) == pytest.approx(_exact(docs["en000"], docs["zh000"]),
                                                                              abs=0.01)


def _order(out: dict[str, str], planted: dict[str, str]) -> list[str]:
    """Originals before their planted copies, everything else shuffled."""
    rng = random.Random(3)
    names = [n for n in out if n not in planted]
    rng.shuffle(names)
    extra = list(planted)
    rng.shuffle(extra)
    return names + extra


def _check(report, planted: dict[str, str], name_of) -> None:
    status = {name_of(r): r for r in report.results}
    dropped = {n for n, r in status.items() if r.status != "added"}
    assert dropped == set(planted), f"unexpected: {sorted(dropped ^ set(planted))}"
    for name, twin in planted.items():
        r = status[name]
        assert r.status == "duplicate", (name, r.status, r.reason)
        twin_source = r.duplicate_of.rsplit(" v", 1)[0]
        assert name_of_source(twin_source) == twin, (name, r.duplicate_of)
        if name.endswith("-near"):
            assert r.similarity is not None and dedup.NEAR_DUP_THRESHOLD <= r.similarity < 1, (name, r.similarity)
            assert "near-duplicate" in r.reason and f"{r.similarity:.3f}" in r.reason


def name_of_source(source_id: str) -> str:
    """Document name from a source id: '<file stem>-<hash>' or '<jsonl stem>-<hash>/<record id>'."""
    return source_id.rsplit("/", 1)[1] if "/" in source_id else source_id.rsplit("-", 1)[0]


def test_one_jsonl_file_keeps_every_distinct_record(tmp_path, corpus):
    _, planted, out = corpus
    path = tmp_path / "notes.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for name in _order(out, planted):
            fh.write(json.dumps({"id": name, "text": out[name]}, ensure_ascii=False) + "\n")
    kb = open_kb(make_cfg(tmp_path / "home"), "one", create=True)
    report = kb.add_paths([path], embed=False)
    _check(report, planted, lambda r: name_of_source(r.source_id))
    assert len(kb.sources()) == 2 * N_PER_LANG


def test_one_file_per_document_gives_the_same_outcome(tmp_path, corpus):
    _, planted, out = corpus
    files = []
    for name in _order(out, planted):
        f = tmp_path / "docs" / f"{name}.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(out[name], encoding="utf-8")
        files.append(f)
    kb = open_kb(make_cfg(tmp_path / "home"), "many", create=True)
    report = kb.add_paths(files, embed=False)
    _check(report, planted, lambda r: Path(r.path).stem)
    assert len(kb.sources()) == 2 * N_PER_LANG
